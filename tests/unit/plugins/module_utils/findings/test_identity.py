"""Identity: two different findings never share an Id, one finding is never counted twice."""

import datetime

import pytest

from ansible_collections.devsecops.aws.plugins.module_utils._findings import asff, gate
from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import (
    FindingError,
    finding_id,
    new_finding,
    unique,
)
from ansible_collections.devsecops.aws.plugins.module_utils._findings.reports import FORMATS, parse_report

from tests.support.fixtures import REPORTS

ACCOUNT = "123456789012"
PRODUCT = f"arn:aws:securityhub:us-east-1:{ACCOUNT}:product/{ACCOUNT}/default"


def readable_reports():
    for path in sorted(REPORTS.rglob("*")):
        if path.suffix not in (".json", ".sarif") or path.parent.name in ("asff", "guardduty"):
            continue
        try:
            yield pytest.param(parse_report(str(path)), id=f"{path.parent.name}/{path.name}")
        except FindingError:
            continue  # refused on purpose; each such report has its own test


@pytest.mark.parametrize("parsed", list(readable_reports()))
def test_every_fixture_gives_as_many_findings_as_distinct_security_hub_ids(parsed):
    findings = parsed["findings"]
    ids = {asff.to_asff(finding, ACCOUNT, PRODUCT)["Id"] for finding in findings}
    assert len(ids) == len(findings)
    assert len({finding_id(finding) for finding in findings}) == len(findings)  # the id a waiver names


def test_the_invariant_covers_every_format():
    formats = {param.values[0]["format"] for param in list(readable_reports())}
    assert formats == set(FORMATS)


def test_dependency_check_issues_on_one_pom_line_in_sonarqube_stay_apart(report):
    """Three Dependency-Check issues on one pom.xml line: the HIGH CVE no longer hides behind the others."""
    findings = parse_report(report("sonarqube/issues-dc-plugin-multi-module.json"))["findings"]
    on_the_line = [f for f in findings if f["file"] == "shop-api/pom.xml" and f["line"] == 42]
    assert [(f["cves"], f["severity"], f["status"]) for f in on_the_line] == [
        (["CVE-2019-14379"], "HIGH", "active"),
        (["CVE-2019-12814"], "MEDIUM", "active"),
        (["CVE-2019-12086"], "MEDIUM", "resolved"),
    ]
    assert [f["tool_key"] for f in on_the_line] == ["AZKf1n0cH2d0KUm3bA1x", "AZKf1n0cH2d0KUm3bA1y", "AZKf1n0cH2d0KUm3bA1z"]
    assert len({finding_id(f) for f in on_the_line}) == 3


def test_sonarqube_issues_of_one_rule_on_one_component_without_line_stay_apart(report):
    """The real answers hold several issues of one rule on one file and no line (32-issues) or on
    the project itself (Dependency-Check's plugin): before, four of the 32 and two of the five vanished."""
    assert len(parse_report(report("sonarqube/issues-search-32-issues.json"))["findings"]) == 32
    findings = parse_report(report("sonarqube/issues-search-vulnerability.json"))["findings"]
    assert len(findings) == 5
    assert {f["severity"] for f in findings if f["rule_id"] == "OWASP:UsingComponentWithKnownVulnerability"} >= {
        "HIGH",
        "MEDIUM",
    }


def test_a_report_repeating_a_key_for_another_finding_keeps_both(report):
    """issues-search-vulnerability.json gives key fjioefjwoefisdfjo to two issues of different CVEs."""
    findings = parse_report(report("sonarqube/issues-search-vulnerability.json"))["findings"]
    same_key = [f for f in findings if f["tool_key"] == "fjioefjwoefisdfjo"]
    assert [(f["severity"], f["cves"]) for f in same_key] == [("MEDIUM", []), ("HIGH", ["CVE-2023-52428"])]
    assert len({finding_id(f) for f in same_key}) == 2


def test_sarif_results_on_one_line_with_different_messages_are_two_findings_and_identical_ones_one(report):
    findings = parse_report(report("sarif/sarif-identity-cases.sarif"))["findings"]
    semgrep = [f for f in findings if f["tool"] == "semgrep" and f["status"] == "active"]
    assert [(f["file"], f["line"], f["description"], f["occurrences"]) for f in semgrep] == [
        ("shop/views.py", 54, "Detected user input 'name' flowing into HTML.", 2),  # byte-identical twice
        ("shop/views.py", 54, "Detected user input 'comment' flowing into HTML.", 1),
    ]


def test_sarif_fingerprints_are_the_identity_and_placeholders_are_not(report):
    findings = parse_report(report("sarif/sarif-identity-cases.sarif"))["findings"]
    injections = [f for f in findings if f["rule_id"] == "js/sql-injection"]
    assert [(f["line"], f["column"]) for f in injections] == [(31, 19), (31, 64)]  # one message, two columns
    assert injections[0]["tool_key"] == (
        "js/sql-injection|primaryLocationLineHash=9a1c3e5b7d0f2a4c:1;primaryLocationStartColumnFingerprint=14"
    )
    moved = dict(injections[0], line=33, column=21)  # the code moved: still the same finding
    assert finding_id(moved) == finding_id(injections[0])
    (unused,) = [f for f in findings if f["rule_id"] == "js/unused-local-variable"]
    assert unused["tool_key"] is None and unused["variant"]  # "requires login" identifies nothing


def test_a_waiver_by_id_covers_one_of_two_results_on_one_line(report):
    findings = parse_report(report("sarif/sarif-identity-cases.sarif"))["findings"]
    name, comment = [f for f in findings if f["tool"] == "semgrep" and f["status"] == "active"]
    policy = {
        "max_findings": {"MEDIUM": 0},
        "waivers": [{"match": {"id": finding_id(name)}, "reason": "escaped", "owner": "web", "expires": "2099-01-01"}],
    }
    result = gate.evaluate(gate.validate_policy(policy), [name, comment], datetime.date(2026, 12, 1))
    assert [w["finding"]["description"] for w in result["waived"]] == [name["description"]]
    assert [v["finding"]["description"] for v in result["violations"]] == [comment["description"]]


def test_unique_counts_repeats_and_keeps_different_content_apart():
    one = dict(tool="zap", rule_id="10096", title="Timestamp Disclosure - Unix", url="https://app/x", scope="https://app")
    repeats = [new_finding(**one) for dummy in range(3)]
    (kept,) = list(unique(repeats))
    assert kept["occurrences"] == 3
    clash = [new_finding(**{**one, "tool_key": "K", "title": "first"}), new_finding(**{**one, "tool_key": "K", "title": "second"})]
    both = list(unique(clash))
    assert [f["title"] for f in both] == ["first", "second"]
    assert finding_id(both[0]) != finding_id(both[1])
