"""Make `python bench/<script>.py` import what the tests import (see tests/support/paths.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from tests.support.paths import import_collection  # noqa: E402

import_collection()
