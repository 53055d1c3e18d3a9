"""SARIF 2.1.0 logs of Semgrep, CodeQL, Bandit, Trivy and others."""

from collections import Counter

from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import finding_key
from ansible_collections.devsecops.aws.plugins.module_utils._findings.reports import parse_report


def test_semgrep_words_in_security_severity(report):
    result = parse_report(report("sarif/semgrep-1.69.0.sarif"))
    assert (result["format"], result["tool"]) == ("sarif", "semgrep")
    findings = result["findings"]
    assert len(findings) == 77
    assert Counter(f["severity"] for f in findings) == {"MEDIUM": 42, "CRITICAL": 34, "HIGH": 1}
    assert all(f["file"] and f["line"] for f in findings)
    assert findings[0]["file"] == "Gruntfile.js" and findings[0]["line"] == 75


def test_codeql_rule_by_index_cwe_tags_and_score(report):
    result = parse_report(report("sarif/codeql-2.5.8-python.sarif"))
    assert result["tool"] == "codeql"
    first = result["findings"][0]
    assert (first["rule_id"], first["file"], first["line"]) == ("py/flask-debug", "crypto/app-crypto.py", 25)
    assert first["severity"] == "HIGH" and first["tool_severity"] == "7.5"
    assert first["cwes"] == ["CWE-215", "CWE-489"]


def test_suppressions_are_kept_as_suppressed(report):
    findings = parse_report(report("sarif/suppressions.sarif"))["findings"]
    assert [f["status"] for f in findings].count("suppressed") == 3
    assert {f["tool"] for f in findings} == {"codescanner"}


def test_trivy_sarif(report):
    findings = parse_report(report("sarif/trivy-alpine-310.sarif"))["findings"]
    assert [f["rule_id"] for f in findings][0] == "CVE-2019-1549"
    assert findings[0]["cves"] == ["CVE-2019-1549"] and findings[0]["tool"] == "trivy"


def test_odd_cases(report):
    result = parse_report(report("sarif/sarif-odd-cases.sarif"))
    assert (result["tool"], result["scope"]) == ("bandit,codeql", "https://github.com/example/shop")
    rows = [(f["tool"], f["rule_id"], f["severity"], f["status"], f["file"], f["line"]) for f in result["findings"]]
    assert rows == [
        ("bandit", "B105", "HIGH", "active", "shop/settings.py", 14),
        ("bandit", "B101", "LOW", "active", "shop/a.py", 1),  # one finding per location
        ("bandit", "B101", "LOW", "active", "shop/b.py", 2),
        ("bandit", "B404", "INFORMATIONAL", "active", None, None),
        ("bandit", "B602", "MEDIUM", "suppressed", "shop/run.py", 5),  # inSource, no status: accepted
        ("bandit", "B603", "MEDIUM", "active", "shop/run.py", 6),  # under review / rejected
        ("codeql", "js/xss", "MEDIUM", "suppressed", "web/index.js", 88),  # security-severity 6.1
        ("codeql", "js/weak-crypto", "LOW", "active", "web/hash.js", 3),
    ]
    xss, weak = result["findings"][6:]
    assert xss["cwes"] == ["CWE-79", "CWE-116"]
    assert xss["remediation"] == "Escape\nuser input\nbefore writing it to the page."  # markup dropped
    assert xss["references"] == ["https://codeql.github.com/codeql-query-help/javascript/js-xss/"]
    assert weak["cwes"] == ["CWE-327", "CWE-328"]
    assert result["findings"][3]["title"] == "Ünïcödé — 日本語 subprocess ✓"


def test_baseline_absent_is_resolved_and_result_security_severity_wins(report):
    findings = parse_report(report("sarif/sarif-baseline-states.sarif"))["findings"]
    codeql = [(f["file"], f["severity"], f["status"]) for f in findings]
    assert codeql == [
        ("api/orders.js", "HIGH", "active"),  # unchanged since the baseline
        ("api/users.js", "HIGH", "resolved"),  # absent: fixed since the baseline
        ("api/admin.js", "CRITICAL", "active"),  # the result's security-severity 9.8 over its level note
    ]


def test_trivy_sarif_keeps_one_cve_in_two_packages_apart(report):
    findings = parse_report(report("sarif/trivy-alpine-310.sarif"))["findings"]
    assert [(f["rule_id"], f["package_name"], f["package_version"]) for f in findings] == [
        ("CVE-2019-1549", "libcrypto1.1", "1.1.1c-r0"),
        ("CVE-2019-1551", "libcrypto1.1", "1.1.1c-r0"),
        ("CVE-2019-1549", "libssl1.1", "1.1.1c-r0"),
        ("CVE-2019-1551", "libssl1.1", "1.1.1c-r0"),
    ]
    assert len({finding_key(f) for f in findings}) == 4
