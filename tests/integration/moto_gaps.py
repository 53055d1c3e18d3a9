"""Role features whose AWS calls the local endpoint (moto 5.2.5) cannot serve.

A test turns such a feature on and, when the run fails on exactly that call, is marked xfail with
the reason; any other failure fails the test, and once moto serves the call the test simply passes
(then take the feature out of the role test's MOTO_LACKS).
"""

import pytest


def xfail_if_moto_lacks(result, operation, reason):
    """Mark the test xfail when `result` (a PlaybookRun) failed on `operation` and on nothing else."""
    if result.rc != 0 and f"when calling the {operation} operation" in result.output:
        pytest.xfail(f"{reason}; the run failed on {operation}")
