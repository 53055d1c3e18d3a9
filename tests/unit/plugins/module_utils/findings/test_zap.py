"""OWASP ZAP JSON reports."""

from collections import Counter

from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import finding_id
from ansible_collections.devsecops.aws.plugins.module_utils._findings.reports import parse_report


def test_each_instance_of_each_alert_is_a_finding(report):
    result = parse_report(report("zap/zap-2.14.0-baseline.json"))
    assert (result["format"], result["tool"], result["scope"]) == ("zap", "zap", "http://www.itsecgames.com")
    assert Counter(f["severity"] for f in result["findings"]) == {"INFORMATIONAL": 27, "LOW": 19, "MEDIUM": 15}
    assert len({finding_id(f) for f in result["findings"]}) == len(result["findings"])


def test_riskcode_and_confidence_strings_and_html_text(report):
    findings = parse_report(report("zap/zap-odd-cases.json"))["findings"]
    sqli = [f for f in findings if f["rule_id"] == "40018"]
    assert [(f["url"].rsplit("/", 1)[1], f["param"]) for f in sqli] == [
        ("attack5a", "account"),
        ("attack5a", "operator"),
        ("attack8", "name"),
    ]
    first = sqli[0]
    assert (first["severity"], first["confidence"], first["status"]) == ("HIGH", 2, "active")
    assert first["cwes"] == ["CWE-89"]
    assert first["description"] == "SQL injection may be possible."
    assert first["remediation"] == "Use prepared statements."
    assert first["references"] == ["https://cheatsheetseries.owasp.org/cheatsheets/SQL_Injection_Prevention_Cheat_Sheet.html"]


def test_confidence_zero_means_false_positive(report):
    findings = {f["rule_id"]: f for f in parse_report(report("zap/zap-odd-cases.json"))["findings"]}
    assert findings["10202"]["status"] == "false_positive"
    assert findings["10202"]["confidence"] == 0


def test_a_lone_site_object_unicode_and_no_cwe(report):
    result = parse_report(report("zap/zap-odd-cases.json"))
    assert result["scope"] == "https://webgoat.example.com"
    csp = next(f for f in result["findings"] if f["rule_id"] == "10038-1")
    assert csp["title"] == "内容安全策略 (CSP) 未设置 — ünïcödé"
    assert csp["description"] == "ünïcödé & \u201cquotes\u201d"
    assert csp["cwes"] == []  # cweid -1


def test_older_layout_with_several_sites(report):
    result = parse_report(report("zap/zap-2.7.0-multisite.json"))
    assert len(result["findings"]) == 160  # 167 instances; 7 repeat a URL and parameter of their alert
    assert sum(f["occurrences"] for f in result["findings"]) == 167
    assert {f["scope"] for f in result["findings"]} == {"http://zero.webappsecurity.com"}
    assert result["scope"] == "https://zero.webappsecurity.com,http://zero.webappsecurity.com"


def test_instances_that_differ_only_in_what_a_finding_does_not_keep_are_one_finding(report):
    """User Agent Fuzzer lists signin.html's User-Agent header once per agent tried: one finding, counted."""
    findings = parse_report(report("zap/zap-2.7.0-multisite.json"))["findings"]
    fuzzer = [f for f in findings if f["rule_id"] == "10104" and f["url"] == "http://zero.webappsecurity.com/signin.html"]
    assert [(f["param"], f["occurrences"]) for f in fuzzer] == [("Header User-Agent", 2)]


def test_one_rule_raising_alerts_of_two_risks_gives_two_findings_on_one_url(report):
    """ZAP 2.7's Cookie Slack Detector: an informational and a low alert on the same pages."""
    findings = parse_report(report("zap/zap-2.7.0-multisite.json"))["findings"]
    slack = [f for f in findings if f["rule_id"] == "90027" and f["url"].endswith("/bank/transfer-funds-verify.html")]
    assert sorted(f["severity"] for f in slack) == ["INFORMATIONAL", "LOW"]
    assert len({finding_id(f) for f in slack}) == 2


def test_escaped_text_survives(report):
    (first,) = parse_report(report("zap/zap-traditional-json-escaping.json"))["findings"]
    assert first["title"] == "XSS" and first["severity"] == "HIGH"
    assert first["param"] == "Test Param"
    assert first["occurrences"] == 2  # two instances differing only in otherinfo
