"""SonarQube api/issues/search and api/hotspots/search answers."""

import json

import pytest

from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import FindingError, summarise
from ansible_collections.devsecops.aws.plugins.module_utils._findings.reports import parse_report


def by_key(findings, key="file"):
    return {finding[key]: finding for finding in findings}


def test_issues_of_a_real_answer_fixed_ones_resolved(report):
    result = parse_report(report("sonarqube/issues-search-32-issues.json"))
    assert (result["format"], result["tool"], result["scope"]) == ("sonarqube", "sonarqube", "com.tsystems.sbs.:sbs-jenkinslib")
    assert len(result["findings"]) == 32
    assert summarise(result["findings"])["by_status"] == {"active": 17, "suppressed": 0, "false_positive": 0, "resolved": 15}


def test_a_pre_10_vulnerability_issue_keeps_its_cve_and_cwe(report):
    findings = parse_report(report("sonarqube/issues-search-vulnerability.json"))["findings"]
    first = findings[0]
    assert (first["rule_id"], first["severity"], first["tool_severity"]) == ("OWASP:UsingComponentWithKnownVulnerability", "MEDIUM", "MAJOR")
    assert first["cves"] == ["CVE-2024-2529"]
    assert first["cwes"] == ["CWE-937"]  # the tag, not the number in the message
    assert first["scope"] == "testapplication" and first["file"] is None


def test_the_security_impact_wins_over_the_legacy_severity(report):
    (issue,) = parse_report(report("sonarqube/issues-search-impacts-ws-example.json"))["findings"]
    assert (issue["severity"], issue["tool_severity"]) == ("HIGH", "SECURITY:HIGH")
    assert issue["status"] == "suppressed"  # WONTFIX
    assert (issue["file"], issue["line"]) == ("com.github.kevinsawicki.http.HttpRequest", 81)


def test_impacts_legacy_severities_and_resolutions(report):
    findings = parse_report(report("sonarqube/issues-odd-cases.json"))["findings"]
    rows = [(f["rule_id"], f["severity"], f["status"]) for f in findings]
    assert rows == [
        ("javasecurity:S3649", "LOW", "active"),  # SECURITY LOW beats MAINTAINABILITY HIGH and legacy MINOR
        ("secrets:S6290", "CRITICAL", "active"),  # 10.7 BLOCKER impact
        ("java:S1135", "INFORMATIONAL", "active"),  # 10.7 INFO impact
        ("java:S2068", "CRITICAL", "active"),  # legacy BLOCKER only
        ("java:S2076", "HIGH", "false_positive"),  # legacy CRITICAL is Sonar's HIGH
        ("java:S4790", "HIGH", "suppressed"),
        ("java:S5542", "MEDIUM", "resolved"),  # legacy MAJOR is Sonar's MEDIUM
        ("java:S5542", "MEDIUM", "resolved"),
    ]
    assert findings[0]["cwes"] == ["CWE-89"]  # "2021" and "cwe" tags are not CWEs
    assert (findings[1]["file"], findings[1]["line"]) == ("config/application.yml", 7)  # from textRange
    assert findings[2]["file"] == "src/main/java/shop/Ünïcödé.java"
    assert "日本語のコメント ✓" in findings[2]["title"]
    assert len(findings[3]["description"]) == 9900 and findings[3]["file"] is None


def test_hotspots_probability_and_review_outcome(report):
    findings = by_key(parse_report(report("sonarqube/hotspots-odd-cases.json"))["findings"])
    assert {file: (f["severity"], f["status"]) for file, f in findings.items()} == {
        "src/app.ts": ("HIGH", "active"),
        "src/a.ts": ("MEDIUM", "false_positive"),  # SAFE
        "src/b.ts": ("MEDIUM", "suppressed"),  # ACKNOWLEDGED
        "src/c.ts": ("LOW", "resolved"),  # FIXED
        "src/d.ts": ("LOW", "active"),
    }
    assert findings["src/d.ts"]["rule_id"] == "insecure-conf"  # no ruleKey: the security category


def test_real_hotspots_answer(report):
    result = parse_report(report("sonarqube/hotspots-search.json"))
    assert result["scope"] == "nana-ofewfe"
    first = result["findings"][0]
    assert (first["rule_id"], first["severity"], first["file"], first["line"]) == ("typescript:7777", "HIGH", "src/app/component.asdf", 47)
    assert [f["severity"] for f in result["findings"]].count("LOW") == 3


def test_a_multi_module_project_takes_the_file_from_the_components_path(report):
    findings = parse_report(report("sonarqube/issues-dc-plugin-multi-module.json"))["findings"]
    assert [f["file"] for f in findings] == ["shop-api/pom.xml"] * 3 + [
        "shop-web/src/main/java/com/example/shop/web/CartController.java"
    ]  # the component keys would give "shop-api:pom.xml"
    assert [f["kind"] for f in findings] == ["vulnerability"] * 3 + ["code_quality"]  # a TODO is no vulnerability
    assert [f["category"] for f in findings] == ["VULNERABILITY"] * 3 + ["CODE_SMELL"]


def test_the_official_example_answer_takes_its_path_from_components(report):
    (issue,) = parse_report(report("sonarqube/issues-search-impacts-ws-example.json"))["findings"]
    # the component key names a class the answer's components do not list: the key is all there is
    assert issue["file"] == "com.github.kevinsawicki.http.HttpRequest"
    assert issue["tool_key"] == "01fc972e-2a3c-433e-bcae-0bd7f88f5123"
    assert issue["kind"] == "vulnerability"  # a CODE_SMELL with a SECURITY impact


def test_the_sonar_report_tools_json_is_refused_naming_the_formats_read(report):
    path = report("sonarqube/sonar-report-not-an-api-answer.json")
    for fmt in ("auto", "sonarqube"):
        with pytest.raises(FindingError) as raised:
            parse_report(path, fmt)
        assert str(raised.value) == (
            f"report {path} is not read: it is a list of Sonar issues from the sonar-report tool or SonarQube's "
            "preview mode, not a SonarQube web API answer: save the answer of api/issues/search or api/hotspots/search"
        )


def test_an_issue_without_a_key_cannot_be_identified(tmp_path):
    path = tmp_path / "issues.json"
    path.write_text(json.dumps({"paging": {}, "issues": [{"rule": "java:S1", "message": "m"}]}))
    with pytest.raises(FindingError, match=r"issues\[0\] has no key: SonarQube identifies every issue"):
        parse_report(str(path))
