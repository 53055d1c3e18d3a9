"""playbooks/scan_gate.yml through ansible-playbook: a bad report set fails the play, a good one passes,
and the JUnit file CI reads is there either way."""

import json
import xml.etree.ElementTree as ET

import pytest

from tests.support.local_aws import run_playbook

pytestmark = pytest.mark.slow

POLICY = """\
max_findings:
  HIGH: 0
required_reports: [semgrep]
"""


def sarif(*rule_ids):
    results = [{"ruleId": rule, "level": "error", "message": {"text": f"{rule} found"}} for rule in rule_ids]
    return json.dumps({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "semgrep"}}, "results": results}]})


@pytest.fixture
def gate_run(aws_endpoint, tmp_path):
    policy = tmp_path / "policy.yml"
    policy.write_text(POLICY)

    def gate_run(reports):
        paths = []
        for name, content in reports.items():
            paths.append(str(tmp_path / name))
            if content is not None:
                (tmp_path / name).write_text(content)
        extra = dict(
            scan_gate_reports=paths, scan_gate_policy_file=str(policy), scan_gate_report_dir=str(tmp_path / "gate")
        )
        run = run_playbook(aws_endpoint, "playbooks/scan_gate.yml", "-e", json.dumps(extra))
        junit = tmp_path / "gate/security-gate.junit.xml"
        failures = int(ET.parse(junit).getroot().get("failures")) if junit.exists() else None
        return run, failures

    return gate_run


@pytest.mark.parametrize(
    "reports, passed, failures, shown",
    [
        ({"semgrep.sarif": sarif()}, True, 0, "Security gate passed"),
        ({"semgrep.sarif": sarif("python.sqli", "python.xss")}, False, 2, "Security gate failed: 2 violation(s)"),
        ({"semgrep.sarif": None}, False, 2, "semgrep.sarif"),
        ({"semgrep.sarif": ""}, False, 2, "semgrep.sarif"),
    ],
    ids=["clean", "high-findings", "report-missing", "report-empty"],
)
def test_scan_gate_playbook_fails_a_bad_report_set_and_always_leaves_junit(gate_run, reports, passed, failures, shown):
    run, junit_failures = gate_run(reports)
    assert (run.rc == 0) is passed, run
    assert (run.failed == 0) is passed, run
    assert shown in run.output, run
    assert junit_failures == failures
