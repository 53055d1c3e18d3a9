"""SARIF 2.1.0 logs of Semgrep, CodeQL, Bandit, Trivy and others."""

import json
from collections import Counter

import pytest

from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import FindingError, finding_key
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


def test_gitleaks_results_without_rule_id_are_identified_by_message_and_location(report):
    """Gitleaks 7 writes no ruleId; the report is read, one finding per secret and place."""
    result = parse_report(report("sarif/gitleaks-7.4.0-no-rule-id.sarif"))
    findings = result["findings"]
    assert (result["tool"], len(findings)) == ("gitleaks", 4)
    assert {f["rule_id"] for f in findings} == {"no-rule"} and {f["kind"] for f in findings} == {"secret"}
    assert [(f["title"], f["file"].rsplit("/", 1)[1], f["line"], f["occurrences"]) for f in findings] == [
        ("AWS Access Key secret detected", "gitlab_secret_detection_report_1_vuln.json", 13, 2),  # two commits
        ("Asymmetric Private Key secret detected", "gitlab_secret_detection_report_3_vuln.json", 13, 2),
        ("AWS Access Key secret detected", "gitlab_secret_detection_report_3_vuln.json", 44, 2),
        ("AWS Access Key secret detected", "test_gitlab_secret_detection_report_parser.py", 37, 2),
    ]


def test_a_result_that_cannot_be_identified_fails_the_report_naming_it(tmp_path):
    run = {"tool": {"driver": {"name": "gitleaks"}}, "results": [{"message": {"text": "x"}}, {"level": "error"}]}
    path = tmp_path / "leaks.sarif"
    path.write_text(json.dumps({"version": "2.1.0", "runs": [run]}))
    with pytest.raises(FindingError, match=r"runs\[0\]\.results\[1\] has no ruleId, no message and no location"):
        parse_report(str(path))


def test_pass_and_not_applicable_results_are_not_findings_and_absent_is_resolved(report):
    findings = parse_report(report("sarif/sarif-identity-cases.sarif"))["findings"]
    assert "No unused variables." not in [f["description"] for f in findings]  # kind pass
    assert "Rule does not apply to Jinja templates." not in [f["description"] for f in findings]
    assert [(f["file"], f["status"]) for f in findings if f["status"] != "active"] == [("shop/search.py", "resolved")]


def test_what_kind_of_problem_a_result_is_and_its_link_back(report):
    findings = parse_report(report("sarif/sarif-identity-cases.sarif"))["findings"]
    kinds = {f["rule_id"]: f["kind"] for f in findings}
    assert kinds["js/sql-injection"] == "vulnerability"
    assert kinds["js/unused-local-variable"] == "code_quality"
    assert findings[0]["source_url"] == "https://github.com/example/shop/security/code-scanning/17"
    trivy = parse_report(report("sarif/trivy-alpine-310.sarif"))["findings"]
    assert {f["kind"] for f in trivy} == {"vulnerability"}
