"""The gate's reports: Markdown for people, JUnit XML and SARIF 2.1.0 for CI and code scanning."""

import datetime
import json
import xml.etree.ElementTree as ET

import pytest

from ansible_collections.devsecops.aws.plugins.module_utils._findings import gate, gate_reports
from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import new_finding

TODAY = datetime.date(2026, 11, 29)
POLICY = gate.validate_policy(
    {
        "max_findings": {"HIGH": 0},
        "deny": {"cwes": ["CWE-89"]},
        "waivers": [
            {
                "match": {"cve": "CVE-2022-42889"},
                "reason": "not reachable",
                "owner": "payments",
                "expires": "2027-01-31",
            },
            {"match": {"rule": "10038"}, "reason": "CSP rollout", "owner": "web", "expires": "2026-10-31"},
        ],
        "required_reports": ["zap", "trivy"],
    }
)


BOTH_REPORTS = ({"path": "zap.json", "tool": "zap"}, {"path": "trivy.json", "tool": "trivy"})


def verdict(violating=2, waived=1, reports=BOTH_REPORTS):
    findings = [
        new_finding(tool="zap", rule_id=f"4001{n}", severity="HIGH", cwes=["CWE-89"], url="https://app/login?id=1|2")
        for n in range(violating)
    ]
    findings += [
        new_finding(
            tool="trivy", rule_id="CVE-2022-42889", cves=["CVE-2022-42889"], severity="CRITICAL", file="pom.xml", line=3
        )
        for _copy in range(waived)
    ]
    findings.append(new_finding(tool="zap", rule_id="10038", severity="LOW", status="false_positive"))
    return gate.evaluate(POLICY, findings, TODAY, list(reports))


def junit_counts(result):
    root = ET.fromstring(gate_reports.junit(result))
    suite = root.find("testsuite")
    return {
        "tests": int(suite.get("tests")),
        "failures": int(suite.get("failures")),
        "skipped": int(suite.get("skipped")),
        "testcases": len(suite.findall("testcase")),
        "failure_elements": len(suite.findall("testcase/failure")),
        "skipped_elements": len(suite.findall("testcase/skipped")),
    }


@pytest.mark.parametrize(
    "violating, waived, reports, failures",
    [
        (0, 0, BOTH_REPORTS, 0),
        (2, 1, BOTH_REPORTS, 2),
        (3, 0, [{"path": "zap.json", "tool": "zap"}, {"path": "trivy.json", "error": "trivy.json is empty"}], 5),
    ],
    ids=["clean", "violations-and-waived", "unreadable-report"],
)
def test_junit_parses_back_with_one_failure_per_violation(violating, waived, reports, failures):
    counts = junit_counts(verdict(violating, waived, reports))
    assert counts["failures"] == counts["failure_elements"] == failures
    assert counts["skipped"] == counts["skipped_elements"] == waived
    assert counts["tests"] == counts["testcases"]


def test_junit_of_a_passing_gate_has_one_passing_test():
    counts = junit_counts(verdict(0, 0))
    assert counts == {
        "tests": 1,
        "failures": 0,
        "skipped": 0,
        "testcases": 1,
        "failure_elements": 0,
        "skipped_elements": 0,
    }


def test_junit_failure_names_the_rule_broken():
    case = ET.fromstring(gate_reports.junit(verdict(1, 0))).find("testsuite/testcase")
    assert case.get("classname") == "security_gate.zap"
    assert case.find("failure").get("type") == "deny.cwes"
    assert "max_findings.HIGH" in case.find("failure").get("message")


@pytest.mark.parametrize("violating, waived", [(0, 0), (2, 1)])
def test_sarif_is_structurally_valid_2_1_0(violating, waived):
    log = json.loads(gate_reports.sarif(verdict(violating, waived)))
    assert log["version"] == "2.1.0" and log["$schema"].endswith("sarif-2.1.0.json")
    (run,) = log["runs"]
    assert run["tool"]["driver"]["name"] == "devsecops.aws.security_gate"
    rule_ids = {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    assert len(run["results"]) == violating + waived
    for result in run["results"]:
        assert result["ruleId"] in rule_ids
        assert result["level"] in ("error", "warning", "note", "none")
        assert result["message"]["text"]
    suppressed = [result for result in run["results"] if result.get("suppressions")]
    assert len(suppressed) == waived


def test_sarif_locates_source_findings():
    (waived,) = json.loads(gate_reports.sarif(verdict(0, 1)))["runs"][0]["results"]
    assert waived["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "pom.xml"},
        "region": {"startLine": 3},
    }
    assert waived["suppressions"][0]["justification"].startswith("not reachable (owner payments")


def test_markdown_shows_verdict_violations_and_expired_waivers():
    text = gate_reports.markdown(verdict(2, 1))
    assert text.startswith("## Security gate: FAILED")
    assert "### Violations, worst first" in text
    assert "| rule: 10038 | web | 2026-10-31 | CSP rollout |" in text
    assert "login?id=1\\|2" in text  # a pipe in a cell does not break the table


def test_markdown_lists_a_bounded_number_of_violations():
    text = gate_reports.markdown(verdict(gate_reports.MARKDOWN_ROWS + 5, 0))
    assert "... and 5 more (see the JUnit or SARIF report)." in text


def test_reports_are_written_once_and_then_unchanged(tmp_path):
    result = verdict()
    first = gate_reports.write_reports(result, str(tmp_path / "gate"), list(gate_reports.WRITERS))
    again = gate_reports.write_reports(result, str(tmp_path / "gate"), list(gate_reports.WRITERS))
    assert [report["changed"] for report in first] == [True, True, True]
    assert [report["changed"] for report in again] == [False, False, False]
    assert sorted(path.name for path in (tmp_path / "gate").iterdir()) == sorted(gate_reports.FILE_NAMES.values())


def test_check_mode_writes_no_report(tmp_path):
    written = gate_reports.write_reports(verdict(), str(tmp_path / "gate"), ["junit"], check_mode=True)
    assert written == [{"format": "junit", "path": str(tmp_path / "gate/security-gate.junit.xml"), "changed": True}]
    assert not (tmp_path / "gate").exists()
