"""The security gate's policy: schema, thresholds, deny lists, waivers and their expiry, fail-closed reports."""

import datetime
import json
from pathlib import Path

import pytest

from ansible_collections.devsecops.aws.plugins.module_utils._findings import gate
from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import finding_id, new_finding

ROOT = Path(__file__).resolve().parents[5]
TODAY = datetime.date(2026, 11, 29)


def finding(**values):
    defaults = dict(tool="trivy", rule_id="CVE-2021-44228", severity="HIGH")
    return new_finding(**dict(defaults, **values))


def waiver(expires="2026-12-31", **match):
    return {"match": match, "reason": "accepted risk", "owner": "team-a", "expires": expires}


def evaluate(policy, findings, today=TODAY, reports=None):
    return gate.evaluate(gate.validate_policy(policy), findings, today, reports)


def test_schema_file_in_docs_is_the_policy_schema():
    on_disk = json.loads((ROOT / "docs/security-gate-policy.schema.json").read_text())
    assert on_disk == gate.POLICY_SCHEMA


@pytest.mark.parametrize(
    "high_findings, limit, passed",
    [(0, 0, True), (1, 0, False), (4, 5, True), (5, 5, True), (6, 5, False)],
    ids=["none-at-zero", "one-above-zero", "below", "at-limit", "above"],
)
def test_severity_threshold_fails_only_above_the_limit(high_findings, limit, passed):
    findings = [finding(rule_id=f"R{n}") for n in range(high_findings)]
    result = evaluate({"max_findings": {"HIGH": limit}}, findings)
    assert result["passed"] is passed
    assert len(result["violations"]) == (0 if passed else high_findings)


def test_severity_not_listed_has_no_limit():
    result = evaluate({"max_findings": {"HIGH": 0}}, [finding(severity="CRITICAL")] * 3)
    assert result["passed"]


@pytest.mark.parametrize(
    "tool, passed",
    [("zap", False), ("trivy", True)],
    ids=["limited-tool", "other-tool"],
)
def test_per_tool_limit_applies_to_that_tool_only(tool, passed):
    policy = {"max_findings": {"MEDIUM": 10, "tools": {"zap": {"MEDIUM": 1}}}}
    findings = [finding(tool=tool, rule_id=f"R{n}", severity="MEDIUM") for n in range(2)]
    result = evaluate(policy, findings)
    assert result["passed"] is passed
    if not passed:
        assert result["breaches"] == ["max_findings.tools.zap.MEDIUM: 2 MEDIUM zap findings, at most 1 allowed"]


@pytest.mark.parametrize(
    "score, passed",
    [(None, True), (6.9, True), (7.0, True), (7.1, False), (10.0, False)],
)
def test_max_cvss_fails_scores_above_the_ceiling(score, passed):
    result = evaluate({"max_cvss": 7.0}, [finding(cvss_score=score)])
    assert result["passed"] is passed


@pytest.mark.parametrize(
    "deny, values, rule",
    [
        ({"rules": ["40018"]}, {"rule_id": "40018"}, "deny.rules"),
        ({"cwes": ["CWE-89"]}, {"cwes": ["CWE-79", "CWE-89"]}, "deny.cwes"),
        ({"cves": ["CVE-2021-44228"]}, {"cves": ["CVE-2021-44228"]}, "deny.cves"),
    ],
    ids=["rule", "cwe", "cve"],
)
def test_denied_finding_fails_whatever_its_severity(deny, values, rule):
    result = evaluate({"deny": deny}, [finding(severity="LOW", **values)])
    assert not result["passed"]
    assert result["violations"][0]["rule"] == rule


def test_finding_not_on_the_deny_list_passes():
    assert evaluate({"deny": {"cwes": ["CWE-89"]}}, [finding(cwes=["CWE-79"])])["passed"]


@pytest.mark.parametrize(
    "match, values",
    [
        ({"rule": "40018"}, {"rule_id": "40018"}),
        ({"cve": "CVE-2022-42889"}, {"cves": ["CVE-2022-42889"]}),
        ({"cwe": "CWE-89"}, {"cwes": ["CWE-89"]}),
        ({"package": "commons-text"}, {"package_name": "commons-text"}),
        (
            {"package": "pkg:maven/org.apache.commons/commons-text@1.9"},
            {"package_purl": "pkg:maven/org.apache.commons/commons-text@1.9"},
        ),
    ],
    ids=["rule", "cve", "cwe", "package-name", "package-purl"],
)
def test_waiver_matching_by_each_key_waives_the_finding(match, values):
    target = finding(**values)
    result = evaluate({"max_findings": {"HIGH": 0}, "waivers": [waiver(**match)]}, [target])
    assert result["passed"]
    assert [item["finding"] for item in result["waived"]] == [target]


def test_waiver_matching_by_finding_id_waives_only_that_finding():
    target, other = finding(package_name="a"), finding(package_name="b")
    result = evaluate({"max_findings": {"HIGH": 1}, "waivers": [waiver(id=finding_id(target))]}, [target, other])
    assert result["passed"]
    assert [item["finding"] for item in result["waived"]] == [target]


def test_waiver_matches_exactly_not_by_prefix():
    result = evaluate({"deny": {"rules": ["400"]}, "waivers": [waiver(rule="40")]}, [finding(rule_id="400")])
    assert not result["passed"]


@pytest.mark.parametrize(
    "expires, applies",
    [("2026-11-28", False), ("2026-11-29", True), ("2027-01-01", True)],
    ids=["expired-yesterday", "last-day-today", "not-yet-expired"],
)
def test_waiver_applies_until_its_expiry_date(expires, applies):
    result = evaluate(
        {"max_findings": {"HIGH": 0}, "waivers": [waiver(expires=expires, rule="CVE-2021-44228")]}, [finding()]
    )
    assert result["passed"] is applies
    assert len(result["expired_waivers"]) == (0 if applies else 1)


def test_expired_waiver_no_longer_applies_and_is_listed():
    policy = {"deny": {"cves": ["CVE-2021-44228"]}, "waivers": [waiver(expires="2026-10-31", cve="CVE-2021-44228")]}
    result = evaluate(policy, [finding(cves=["CVE-2021-44228"])])
    assert not result["passed"] and not result["waived"]
    assert result["expired_waivers"][0]["expires"] == "2026-10-31" and result["expired_waivers"][0]["index"] == 0


def test_yaml_dates_in_waivers_are_accepted():
    policy = gate.validate_policy({"waivers": [waiver(expires=datetime.date(2027, 1, 1), rule="x")]})
    assert policy["waivers"][0]["expires"] == "2027-01-01"


@pytest.mark.parametrize("status", ["suppressed", "false_positive", "resolved"])
def test_inactive_findings_never_count(status):
    policy = {"max_findings": {"HIGH": 0}, "max_cvss": 1.0, "deny": {"rules": ["CVE-2021-44228"]}}
    result = evaluate(policy, [finding(status=status, cvss_score=10.0)])
    assert result["passed"]
    assert result["summary"]["by_status"][status] == 1


def test_violations_are_sorted_worst_first():
    findings = [
        finding(rule_id="low", severity="LOW"),
        finding(rule_id="crit-7", severity="CRITICAL", cvss_score=9.1),
        finding(rule_id="high", severity="HIGH"),
        finding(rule_id="crit-10", severity="CRITICAL", cvss_score=10.0),
    ]
    result = evaluate({"max_findings": {name: 0 for name in ("CRITICAL", "HIGH", "LOW")}}, findings)
    assert [v["finding"]["rule_id"] for v in result["violations"]] == ["crit-10", "crit-7", "high", "low"]


@pytest.mark.parametrize(
    "policy, message",
    [
        (
            {"waivers": [{"match": {"cve": "CVE-2021-1"}, "reason": "r", "owner": "o"}]},
            "policy.waivers[0]: 'expires' is a required property",
        ),
        (
            {"waivers": [waiver(), waiver(), waiver(expires="2026-13-01", rule="x")]},
            "policy.waivers[2].expires: '2026-13-01' is not a valid date (YYYY-MM-DD)",
        ),
        (
            {"waivers": [waiver(expires="20261201", rule="x")]},
            "policy.waivers[0].expires: '20261201' is not a valid date (YYYY-MM-DD)",
        ),
        (
            {"waivers": [waiver(cve="CVE-2021-1", cwe="CWE-1")]},
            "policy.waivers[0].match: give exactly one of id, rule, cve, cwe, package",
        ),
        (
            {"waivers": [waiver(file="a.py")]},
            "policy.waivers[0].match: give exactly one of id, rule, cve, cwe, package",
        ),
        ({"max_findings": {"HIGH": -1}}, "policy.max_findings.HIGH: -1 is less than the minimum of 0"),
        (
            {"max_findings": {"SEVERE": 1}},
            "policy.max_findings: Additional properties are not allowed ('SEVERE' was unexpected)",
        ),
        (
            {"max_findings": {"tools": {"zap": {"HIGH": "none"}}}},
            "policy.max_findings.tools.zap.HIGH: 'none' is not of type 'integer'",
        ),
        ({"max_cvss": 11}, "policy.max_cvss: 11 is greater than the maximum of 10"),
        ({"deny": {"cwes": ["89"]}}, "policy.deny.cwes[0]: '89' does not match '^CWE-[0-9]+$'"),
        ({"required_reports": "zap"}, "policy.required_reports: 'zap' is not of type 'array'"),
        ({"thresholds": {}}, "policy: Additional properties are not allowed ('thresholds' was unexpected)"),
    ],
    ids=[
        "waiver-without-expiry",
        "impossible-date",
        "date-not-iso",
        "two-match-keys",
        "unknown-match-key",
        "negative-limit",
        "unknown-severity",
        "limit-not-integer",
        "cvss-above-10",
        "cwe-spelling",
        "required-not-list",
        "unknown-key",
    ],
)
def test_bad_policy_is_refused_naming_the_path(policy, message):
    with pytest.raises(gate.PolicyError) as error:
        gate.validate_policy(policy)
    assert message in str(error.value)


def test_policy_file_that_is_not_yaml_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "policy.yml"
    path.write_text("max_findings: [unclosed\n")
    with pytest.raises(gate.PolicyError, match=f"policy file {path} is not valid YAML"):
        gate.load_policy_file(str(path))


def test_missing_policy_file_is_refused_naming_the_file(tmp_path):
    with pytest.raises(gate.PolicyError, match="cannot read policy file .*nope.yml"):
        gate.load_policy_file(str(tmp_path / "nope.yml"))


@pytest.mark.parametrize(
    "reports, message",
    [
        ([{"path": "zap.json", "tool": "zap"}], "required_reports: no trivy report was given"),
        (
            [{"path": "zap.json", "tool": "zap"}, {"path": "trivy.json", "error": "trivy.json is empty"}],
            "trivy.json is empty",
        ),
        (
            [{"path": "t.json", "tool": "trivy"}, {"path": "x.json", "error": "cannot parse x.json: truncated"}],
            "cannot parse x.json",
        ),
    ],
    ids=["required-missing", "required-empty", "any-unreadable"],
)
def test_report_problems_fail_closed_naming_the_report(reports, message):
    result = evaluate({"required_reports": ["trivy"]}, [], reports=reports)
    assert not result["passed"]
    assert message in result["violations"][0]["message"]
    assert result["violations"][0]["finding"] is None


def test_required_report_present_with_no_findings_passes():
    result = evaluate({"required_reports": ["trivy"]}, [], reports=[{"path": "t.json", "tool": "trivy"}])
    assert result["passed"]


@pytest.mark.parametrize("tools, passed", [(["trivy"], True), (["zap"], False)])
def test_without_reports_a_required_tool_is_present_when_it_has_findings(tools, passed):
    result = evaluate({"required_reports": ["trivy"]}, [finding(tool=tool, status="resolved") for tool in tools])
    assert result["passed"] is passed


def test_failure_message_lists_worst_violations_first_and_counts_the_rest():
    findings = [finding(rule_id=f"R{n}", severity="MEDIUM") for n in range(12)] + [
        finding(severity="CRITICAL", package_name="log4j-core")
    ]
    result = evaluate({"max_findings": {"MEDIUM": 0, "CRITICAL": 0}}, findings)
    lines = gate.failure_message(result).splitlines()
    assert lines[0] == "Security gate failed: 13 violation(s), worst first:"
    assert lines[1].startswith("- [CRITICAL] trivy CVE-2021-44228 in log4j-core: max_findings.CRITICAL")
    assert lines[-1] == "- ... and 3 more (see violations and the reports)"


@pytest.mark.parametrize("expires", ["2026-13-01", "2026-02-30"])
def test_impossible_unquoted_date_in_a_policy_file_is_refused_by_the_schema(tmp_path, expires):
    path = tmp_path / "policy.yml"
    path.write_text(f"waivers:\n  - match: {{rule: x}}\n    reason: r\n    owner: o\n    expires: {expires}\n")
    with pytest.raises(gate.PolicyError, match=rf"policy.waivers\[0\].expires: '{expires}' is not a valid date"):
        gate.validate_policy(gate.load_policy_file(str(path)))


def test_unquoted_date_in_a_policy_file_is_read_as_text(tmp_path):
    path = tmp_path / "policy.yml"
    path.write_text("waivers:\n  - match: {rule: x}\n    reason: r\n    owner: o\n    expires: 2027-01-31\n")
    assert gate.load_policy_file(str(path))["waivers"][0]["expires"] == "2027-01-31"


def test_an_incomplete_scan_fails_closed_unless_the_policy_allows_that_tool():
    reports = [{"path": "dc.json", "tool": "dependency_check", "incomplete": ["npm audit failed"]}]
    result = evaluate({}, [], reports=reports)
    assert result["passed"] is False
    (violation,) = result["violations"]
    assert violation["rule"] == "incomplete_scans" and violation["finding"] is None
    assert violation["message"] == (
        "incomplete_scans: dc.json: the dependency_check scan is incomplete (npm audit failed); "
        "add dependency_check to allow_incomplete_scans to accept it"
    )
    assert evaluate({"allow_incomplete_scans": ["dependency_check"]}, [], reports=reports)["passed"] is True
    assert evaluate({"allow_incomplete_scans": ["trivy"]}, [], reports=reports)["passed"] is False


def test_licence_categories_can_be_denied():
    gpl = finding(rule_id="GPL-3.0", kind="license", category="restricted", severity="LOW", cves=[])
    mit = finding(rule_id="MIT", kind="license", category="notice", severity="LOW", cves=[])
    result = evaluate({"deny": {"license_categories": ["forbidden", "restricted"]}}, [gpl, mit])
    assert [v["message"] for v in result["violations"]] == ["deny.license_categories: GPL-3.0 is a restricted licence"]
    with pytest.raises(gate.PolicyError, match=r"policy.deny.license_categories\[0\]"):
        gate.validate_policy({"deny": {"license_categories": ["viral"]}})


def test_a_finding_given_twice_counts_once_as_security_hub_holds_it():
    """The gate counts what Security Hub holds: one finding per identity, its repeats in occurrences."""
    same = [finding(rule_id="10096", tool="zap", url="https://app/x", severity="LOW") for dummy in range(3)]
    result = evaluate({"max_findings": {"LOW": 1}}, same)
    assert result["passed"] is True
    assert result["summary"]["total"] == 1 and result["summary"]["active"]["LOW"] == 1
