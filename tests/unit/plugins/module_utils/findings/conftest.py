import pytest

from tests.support.fixtures import REPORTS


@pytest.fixture
def report():
    """Path of a fixture report, e.g. report("zap/zap-2.14.0-baseline.json")."""
    return lambda name: str(REPORTS / name)
