"""site.yml end to end against a fresh local endpoint: AWS state through boto3, idempotence, check mode."""

import pytest

from tests.support.local_aws import client, run_playbook

pytestmark = pytest.mark.slow


def active_findings_by_tool(endpoint):
    pages = client(endpoint, "securityhub").get_paginator("get_findings").paginate()
    counts = {}
    for page in pages:
        for finding in page["Findings"]:
            if finding.get("RecordState") == "ACTIVE":
                tool = finding["ProductFields"]["devsecops/Tool"]
                counts[tool] = counts.get(tool, 0) + 1
    return counts


def test_check_mode_on_a_fresh_endpoint_changes_nothing(fresh_aws):
    run = run_playbook(fresh_aws, "site.yml", "--check")
    assert run.rc == 0, run
    assert run.changed > 0, run  # it says what it would do
    assert active_findings_by_tool(fresh_aws) == {}


def test_site_converges_and_a_second_run_changes_nothing(fresh_aws):
    first = run_playbook(fresh_aws, "site.yml")
    assert first.rc == 0, first
    assert first.changed > 0, first

    assert set(active_findings_by_tool(fresh_aws)) == {"dependency_check", "zap", "trivy"}

    second = run_playbook(fresh_aws, "site.yml")
    assert second.rc == 0, second
    assert second.changed == 0, second
