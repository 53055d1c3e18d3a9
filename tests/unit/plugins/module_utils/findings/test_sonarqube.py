"""SonarQube api/issues/search and api/hotspots/search answers."""

from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import summarise
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
