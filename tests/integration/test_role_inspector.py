"""The inspector role against the local endpoint: check mode, converge, idempotence, absent."""

import pytest

from tests.support.local_aws import client, run_playbook

pytestmark = pytest.mark.slow

PLAYBOOK = "tests/integration/playbooks/inspector.yml"
ACCOUNT_ID = "123456789012"  # moto's account


def scanned_types(endpoint):
    accounts = client(endpoint, "inspector2").batch_get_account_status(accountIds=[ACCOUNT_ID])["accounts"]
    states = accounts[0]["resourceState"] if accounts else {}
    return {key for key, state in states.items() if state["status"] == "ENABLED"}


def registry_scanning(endpoint):
    return client(endpoint, "ecr").get_registry_scanning_configuration()["scanningConfiguration"]


def test_check_mode_on_a_fresh_endpoint_reports_changes_and_makes_none(fresh_aws):
    run = run_playbook(fresh_aws, PLAYBOOK, "--check")
    assert run.rc == 0, run
    assert run.changed == 2, run
    assert scanned_types(fresh_aws) == set()
    assert registry_scanning(fresh_aws)["scanType"] == "BASIC"


def test_converge_is_idempotent_and_absent_undoes_it(fresh_aws):
    first = run_playbook(fresh_aws, PLAYBOOK)
    assert first.rc == 0, first
    assert first.changed == 2, first
    assert scanned_types(fresh_aws) == {"ec2", "ecr", "lambda"}
    assert registry_scanning(fresh_aws) == {
        "scanType": "ENHANCED",
        "rules": [{"scanFrequency": "SCAN_ON_PUSH", "repositoryFilters": [{"filter": "*", "filterType": "WILDCARD"}]}],
    }

    again = run_playbook(fresh_aws, PLAYBOOK)
    assert again.rc == 0, again
    assert again.changed == 0, again

    removed = run_playbook(fresh_aws, PLAYBOOK, extra_vars={"inspector_state": "absent"})
    assert removed.rc == 0, removed
    assert removed.changed == 2, removed
    assert scanned_types(fresh_aws) == set()
    assert registry_scanning(fresh_aws) == {"scanType": "BASIC", "rules": []}

    removed_again = run_playbook(fresh_aws, PLAYBOOK, extra_vars={"inspector_state": "absent"})
    assert removed_again.rc == 0, removed_again
    assert removed_again.changed == 0, removed_again
