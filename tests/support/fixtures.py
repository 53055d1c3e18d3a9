"""Where the test fixtures are."""

from pathlib import Path

REPORTS = Path(__file__).resolve().parents[1] / "fixtures" / "reports"
