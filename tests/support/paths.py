"""Where the checkout is, and the sys.path entries that make the collection importable."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def collections_root():
    # A checkout at ansible_collections/devsecops/aws needs nothing; otherwise scripts/bootstrap
    # linked it into .venv/collections.
    if ROOT.parent.name == "devsecops" and ROOT.parent.parent.name == "ansible_collections":
        return ROOT.parent.parent.parent
    return ROOT / ".venv" / "collections"


def import_collection():
    """Let tests and benchmarks import ansible_collections.devsecops.aws, tests.support and scripts/."""
    for entry in (str(collections_root()), str(ROOT), str(ROOT / "scripts")):
        if entry not in sys.path:
            sys.path.insert(0, entry)
