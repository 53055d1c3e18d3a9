"""Make `python bench/<script>.py` import what the tests import.

Puts the repository root (for `tests.support`, `bench`) and the collections root (for
`ansible_collections.devsecops.aws`) on sys.path, the same two entries tests/conftest.py adds.
"""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def collections_root():
    # A checkout at ansible_collections/devsecops/aws needs nothing; otherwise scripts/bootstrap
    # linked it into .venv/collections.
    if ROOT.parent.name == "devsecops" and ROOT.parent.parent.name == "ansible_collections":
        return ROOT.parent.parent.parent
    return ROOT / ".venv" / "collections"


for entry in (str(collections_root()), str(ROOT)):
    if entry not in sys.path:
        sys.path.insert(0, entry)
