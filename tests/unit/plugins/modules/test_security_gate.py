"""security_gate run in-process: verdicts, enforce, reports written once, check mode, fail-closed reports."""

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from ansible_collections.devsecops.aws.plugins.modules import security_gate
from tests.support.service_model import ServiceModelStub, run_module

ROOT = Path(__file__).resolve().parents[4]
TODAY = "2026-11-29"
POLICY = {
    "max_findings": {"CRITICAL": 0, "HIGH": 0},
    "deny": {"cwes": ["CWE-89"]},
    "waivers": [
        {"match": {"cve": "CVE-2022-42889"}, "reason": "not reachable", "owner": "payments", "expires": "2026-12-31"}
    ],
}
SEMGREP_SARIF = {
    "version": "2.1.0",
    "runs": [
        {
            "tool": {"driver": {"name": "semgrep", "rules": [{"id": "python.sqli"}]}},
            "results": [
                {
                    "ruleId": "python.sqli",
                    "level": "error",
                    "message": {"text": "SQL built from user input"},
                    "locations": [
                        {"physicalLocation": {"artifactLocation": {"uri": "app/db.py"}, "region": {"startLine": 12}}}
                    ],
                }
            ],
        }
    ],
}


def finding(**values):
    return dict(dict(tool="trivy", rule_id="CVE-2022-42889", severity="HIGH", cves=["CVE-2022-42889"]), **values)


def gate(capsys, **args):
    return run_module(capsys, security_gate, dict(dict(policy=POLICY, today=TODAY), **args))


@pytest.mark.parametrize(
    "findings, passed",
    [
        ([], True),
        ([finding()], True),
        ([finding(rule_id="CVE-2024-1", cves=["CVE-2024-1"])], False),
        ([finding(rule_id="CVE-2024-1", cves=["CVE-2024-1"], status="false_positive")], True),
        ([finding(rule_id="x", cves=[], severity="LOW", cwes=["CWE-89"])], False),
    ],
    ids=["nothing", "waived", "high-not-waived", "false-positive", "denied-cwe"],
)
def test_gate_verdict_on_findings(capsys, findings, passed):
    result = gate(capsys, findings=findings)
    assert result["passed"] is passed
    assert bool(result.get("failed")) is not passed
    assert result["changed"] is False


def test_failed_gate_message_lists_worst_violations_first(capsys):
    findings = [
        finding(rule_id="low", cves=[], severity="LOW", cwes=["CWE-89"]),
        finding(rule_id="CVE-2024-1", cves=[]),
    ]
    result = gate(capsys, findings=findings)
    assert result["failed"]
    lines = result["msg"].splitlines()
    assert lines[0] == "Security gate failed: 2 violation(s), worst first:"
    assert lines[1].startswith("- [HIGH] trivy CVE-2024-1: max_findings.HIGH")
    assert lines[2].startswith("- [LOW] trivy low: deny.cwes: CWE-89 is denied")
    assert [v["finding"]["rule_id"] for v in result["violations"]] == ["CVE-2024-1", "low"]


def test_not_enforced_gate_returns_the_verdict_without_failing(capsys):
    result = gate(capsys, findings=[finding(rule_id="CVE-2024-1", cves=[])], enforce=False)
    assert not result.get("failed") and result["passed"] is False
    assert result["summary"]["violations"] == 1


@pytest.mark.parametrize(
    "today, passed, expired",
    [("2026-12-31", True, 0), ("2027-01-01", False, 1)],
    ids=["last-day", "day-after"],
)
def test_today_decides_which_waivers_have_expired(capsys, today, passed, expired):
    result = gate(capsys, findings=[finding()], today=today, enforce=False)
    assert result["passed"] is passed and len(result["expired_waivers"]) == expired
    assert result["today"] == today


def test_policy_file_with_a_bad_waiver_is_refused_naming_the_path(capsys, tmp_path):
    path = tmp_path / "policy.yml"
    path.write_text(
        "waivers:\n  - match: {cve: CVE-2022-42889}\n    reason: r\n    owner: o\n    expires: 2026-13-01\n"
    )
    result = run_module(capsys, security_gate, dict(policy_file=str(path), findings=[]))
    assert result["failed"]
    assert result["msg"] == "policy.waivers[0].expires: '2026-13-01' is not a valid date (YYYY-MM-DD)"


def test_policy_file_with_unquoted_yaml_dates_is_read(capsys, tmp_path):
    path = tmp_path / "policy.yml"
    path.write_text(
        yaml.safe_dump(dict(POLICY, waivers=[dict(POLICY["waivers"][0], expires="2026-12-31")])).replace("'", "")
    )
    result = run_module(capsys, security_gate, dict(policy_file=str(path), findings=[finding()], today=TODAY))
    assert result["passed"] and len(result["waived"]) == 1


def test_only_a_policy_file_needs_pyyaml(capsys, tmp_path, monkeypatch):
    monkeypatch.setattr(security_gate.gate, "HAS_YAML", False)
    path = tmp_path / "policy.yml"
    path.write_text("max_findings: {CRITICAL: 0}\n")
    result = run_module(capsys, security_gate, dict(policy_file=str(path), findings=[]))
    assert result["failed"] and "PyYAML" in result["msg"]
    assert gate(capsys, findings=[])["passed"]


def test_bad_today_is_refused(capsys):
    result = gate(capsys, findings=[], today="29/11/2026")
    assert result["failed"] and result["msg"] == "today: '29/11/2026' is not a valid date (YYYY-MM-DD)"


def test_reports_are_written_then_unchanged_and_junit_counts_failures(capsys, tmp_path):
    args = dict(findings=[finding(rule_id="CVE-2024-1", cves=[])], enforce=False, report_dir=str(tmp_path / "gate"))
    first, again = gate(capsys, **args), gate(capsys, **args)
    assert first["changed"] is True and again["changed"] is False
    assert {report["format"] for report in first["reports_written"]} == {"markdown", "junit", "sarif"}
    suite = ET.parse(tmp_path / "gate/security-gate.junit.xml").getroot().find("testsuite")
    assert suite.get("failures") == "1"
    assert json.loads((tmp_path / "gate/security-gate.sarif").read_text())["version"] == "2.1.0"


def test_check_mode_predicts_reports_and_writes_none(capsys, tmp_path):
    result = gate(capsys, findings=[], report_dir=str(tmp_path / "gate"), _ansible_check_mode=True)
    assert result["changed"] is True and result["passed"]
    assert not (tmp_path / "gate").exists()


def test_failed_gate_still_writes_its_reports(capsys, tmp_path):
    result = gate(
        capsys, findings=[finding(rule_id="CVE-2024-1", cves=[])], report_dir=str(tmp_path), report_formats=["junit"]
    )
    assert result["failed"]
    assert (tmp_path / "security-gate.junit.xml").exists() and not (tmp_path / "security-gate.md").exists()


def test_findings_from_a_report_path_are_evaluated(capsys, tmp_path):
    report = tmp_path / "semgrep.sarif"
    report.write_text(json.dumps(SEMGREP_SARIF))
    result = gate(capsys, paths=[str(report)], policy={"required_reports": ["semgrep"], "max_findings": {"HIGH": 0}})
    assert result["failed"]
    assert result["violations"][0]["finding"]["tool"] == "semgrep"


@pytest.mark.parametrize(
    "content, required",
    [(None, ["semgrep"]), ("", ["semgrep"]), ('{"version": "2.1.0", "runs": [', ["semgrep"]), (None, [])],
    ids=["missing", "empty", "truncated", "missing-not-required"],
)
def test_unreadable_report_fails_closed_naming_it(capsys, tmp_path, content, required):
    report = tmp_path / "semgrep.sarif"
    if content is not None:
        report.write_text(content)
    result = gate(capsys, paths=[str(report)], policy={"required_reports": required})
    assert result["failed"]
    assert str(report) in result["msg"]
    assert result["violations"][0]["rule"] == "reports"


def test_required_report_not_given_fails_naming_the_tool(capsys, tmp_path):
    report = tmp_path / "semgrep.sarif"
    report.write_text(json.dumps(SEMGREP_SARIF))
    result = gate(capsys, paths=[str(report)], policy={"required_reports": ["semgrep", "zap"]})
    assert result["failed"]
    assert "required_reports: no zap report was given" in result["msg"]


@pytest.mark.parametrize(
    "scope, scope_filters",
    [
        ({}, {}),
        (
            {"resource_ids": ["arn:aws:ecr:us-east-1:123456789012:repository/webgoat"], "product_names": ["Inspector"]},
            {
                "ResourceId": [
                    {"Value": "arn:aws:ecr:us-east-1:123456789012:repository/webgoat", "Comparison": "EQUALS"}
                ],
                "ProductName": [{"Value": "Inspector", "Comparison": "EQUALS"}],
            },
        ),
        (
            {"generator_ids": ["devsecops/trivy/CVE-2024-3094", "devsecops/zap/10038"]},
            {
                "GeneratorId": [
                    {"Value": "devsecops/trivy/CVE-2024-3094", "Comparison": "EQUALS"},
                    {"Value": "devsecops/zap/10038", "Comparison": "EQUALS"},
                ]
            },
        ),
    ],
    ids=["everything-active", "image-and-product", "generators"],
)
def test_securityhub_source_asks_for_the_active_findings_of_the_scope(capsys, scope, scope_filters):
    active = {
        "RecordState": [{"Value": "ACTIVE", "Comparison": "EQUALS"}],
        "WorkflowStatus": [{"Value": "NEW", "Comparison": "EQUALS"}, {"Value": "NOTIFIED", "Comparison": "EQUALS"}],
    }
    args = dict(source="securityhub", securityhub_scope=scope, policy={}, region="us-east-1", today=TODAY)
    with ServiceModelStub("securityhub") as hub:
        hub.expect("get_findings", {"Filters": dict(active, **scope_filters), "MaxResults": 100}, {"Findings": []})
        result = run_module(capsys, security_gate, args, clients=[hub])
    assert result["passed"] and result["summary"]["total"] == 0


def test_securityhub_error_fails_the_task_saying_what_failed(capsys):
    args = dict(source="securityhub", policy={}, region="us-east-1", today=TODAY)
    with ServiceModelStub("securityhub") as hub:
        hub.expect_error("get_findings", "InvalidAccessException", "Account is not subscribed to AWS Security Hub")
        result = run_module(capsys, security_gate, args, clients=[hub])
    assert result["failed"] and result["msg"].startswith("Failed to read findings from Security Hub")


def test_securityhub_source_refuses_findings_given_inline(capsys):
    result = gate(capsys, source="securityhub", findings=[finding()], region="us-east-1")
    assert result["failed"] and result["msg"] == "findings, path and paths cannot be used with source=securityhub"


REPORTS = ROOT / "tests/fixtures/reports"


@pytest.mark.parametrize(
    "reports, passed",
    [
        (["dependency-check/dc-12.1.1-cvssv4.json", "zap/zap-2.14.0-baseline.json"], True),
        (["dependency-check/dc-6.0.1-npm-virtual.json", "zap/zap-2.14.0-baseline.json"], False),
        (["dependency-check/dc-12.1.1-cvssv4.json"], False),
        (["dependency-check/dc-8.2.1-npm-virtual-no-vulns.json", "zap/zap-2.14.0-baseline.json"], False),
    ],
    ids=["one-medium-dependency", "vulnerable-dependencies", "zap-report-missing", "npm-audit-failed"],
)
def test_sample_policy_in_docs_gates_real_reports(capsys, reports, passed):
    args = dict(
        paths=[str(REPORTS / name) for name in reports],
        policy_file=str(ROOT / "docs/examples/security-gate-policy.yml"),
    )
    result = run_module(capsys, security_gate, dict(args, today=TODAY, enforce=False))
    assert result["passed"] is passed, result["violations"][:3]


def test_a_gate_over_an_incomplete_dependency_check_report_fails_closed_naming_it(capsys):
    """npm audit failed in the real report: no vulnerabilities listed, and the gate does not pass it."""
    path = str(REPORTS / "dependency-check/dc-8.2.1-npm-virtual-no-vulns.json")
    result = run_module(capsys, security_gate, dict(paths=[path], policy={"max_findings": {"HIGH": 0}}, today=TODAY))
    assert result["failed"] is True and result["passed"] is False
    assert result["msg"].startswith("Security gate failed: 1 violation(s), worst first:\n- incomplete_scans: " + path)
    assert "Could not perform Node Audit analysis" in result["msg"]
    allowed = {"max_findings": {"HIGH": 0}, "allow_incomplete_scans": ["dependency_check"]}
    assert run_module(capsys, security_gate, dict(paths=[path], policy=allowed, today=TODAY))["passed"] is True
