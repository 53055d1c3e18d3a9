"""The securityhub role against the local endpoint: check mode, converge, idempotence, absent.

moto serves the hub only: standards, product imports and custom actions are switched off here
(MOTO_LACKS) and their calls checked against the service model in tests/unit/plugins/modules.
"""

import json

import botocore.exceptions
import pytest

from tests.support.local_aws import client, run_playbook

pytestmark = pytest.mark.slow

PLAYBOOK = "tests/integration/playbooks/securityhub.yml"
# moto lacks the standards, product import and custom action APIs.
MOTO_LACKS = {"securityhub_standards": [], "securityhub_products": [], "securityhub_action_targets": []}


def hub(endpoint):
    try:
        return client(endpoint, "securityhub").describe_hub()
    except botocore.exceptions.ClientError as e:
        assert e.response["Error"]["Code"] == "InvalidAccessException", e
        return None


def run(endpoint, *args, **extra_vars):
    return run_playbook(endpoint, PLAYBOOK, "-e", json.dumps(dict(MOTO_LACKS, **extra_vars)), *args)


def test_check_mode_on_a_fresh_endpoint_reports_changes_and_makes_none(fresh_aws):
    result = run(fresh_aws, "--check")
    assert result.rc == 0, result
    assert result.changed == 1, result
    assert hub(fresh_aws) is None


def test_converge_is_idempotent_and_absent_undoes_it(fresh_aws):
    first = run(fresh_aws)
    assert first.rc == 0, first
    assert first.changed == 1, first
    enabled = hub(fresh_aws)
    assert enabled["HubArn"] == "arn:aws:securityhub:us-east-1:123456789012:hub/default"
    assert enabled["ControlFindingGenerator"] == "SECURITY_CONTROL"
    assert enabled["AutoEnableControls"] is True

    again = run(fresh_aws)
    assert again.rc == 0, again
    assert again.changed == 0, again

    removed = run(fresh_aws, securityhub_state="absent")
    assert removed.rc == 0, removed
    assert removed.changed == 1, removed
    assert hub(fresh_aws) is None

    removed_again = run(fresh_aws, securityhub_state="absent")
    assert removed_again.rc == 0, removed_again
    assert removed_again.changed == 0, removed_again
