"""Role features whose AWS calls the local endpoint (moto 5.2.5) cannot serve.

A test turns such a feature on and, when the run fails on exactly that call, is marked xfail with
the reason; any other failure fails the test, and once moto serves the call the test simply passes
(then take the feature out of the role test's MOTO_LACKS).
"""

import json

import pytest
import yaml

from tests.support.local_aws import ROOT, run_playbook


def xfail_if_moto_lacks(result, operation, reason):
    """Mark the test xfail when `result` (a PlaybookRun) failed on `operation` and on nothing else."""
    if result.rc != 0 and f"when calling the {operation} operation" in result.output:
        pytest.xfail(f"{reason}; the run failed on {operation}")


def run_role(endpoint, role, moto_lacks, *args, switched_on=(), **extra_vars):
    """tests/integration/playbooks/<role>.yml with what moto lacks switched off, except `switched_on`.

    A switched-on feature gets the role's default explicitly: the local inventory turns these
    features off for site.yml, and extra vars are what outrank it.
    """
    defaults = yaml.safe_load((ROOT / "roles" / role / "defaults" / "main.yml").read_text())
    gaps = {name: defaults[name] if name in switched_on else off for name, off in moto_lacks.items()}
    playbook = f"tests/integration/playbooks/{role}.yml"
    return run_playbook(endpoint, playbook, "-e", json.dumps(dict(gaps, **extra_vars)), *args)
