"""OWASP Dependency-Check JSON reports."""

from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import summarise
from ansible_collections.devsecops.aws.plugins.module_utils._findings.reports import parse_report


def by_rule(findings):
    return {finding["rule_id"]: finding for finding in findings}


def test_every_vulnerability_of_every_dependency_virtual_ones_too(report):
    result = parse_report(report("dependency-check/dc-6.0.1-npm-virtual.json"))
    assert (result["format"], result["tool"], result["scope"]) == ("dependency_check", "dependency_check", "test-dvna_master")
    assert len(result["findings"]) == 15
    assert summarise(result["findings"])["active"] == {"CRITICAL": 5, "HIGH": 5, "MEDIUM": 4, "LOW": 1, "INFORMATIONAL": 0}
    bcrypt = by_rule(result["findings"])["1553"]
    assert (bcrypt["package_name"], bcrypt["package_version"], bcrypt["package_purl"]) == ("bcrypt", "1.0.3", "pkg:npm/bcrypt@1.0.3")
    assert bcrypt["severity"] == "MEDIUM" and bcrypt["tool_severity"] == "moderate"
    assert bcrypt["cves"] == ["CVE-2020-7689"]  # named only in the npm advisory's references


def test_suppressed_vulnerabilities_are_kept_as_suppressed(report):
    findings = by_rule(parse_report(report("dependency-check/dc-odd-cases.json"))["findings"])
    assert findings["CVE-2021-44832"]["status"] == "suppressed"
    assert findings["CVE-2021-44832"]["severity"] == "MEDIUM"  # spelled MODERATE
    assert [f["status"] for f in findings.values()].count("suppressed") == 1


def test_the_highest_cvss_version_present_gives_the_score(report):
    findings = by_rule(parse_report(report("dependency-check/dc-odd-cases.json"))["findings"])
    assert findings["CVE-2021-44228"]["cvss_score"] == 10.0  # v3 over v2
    assert findings["CVE-2021-45046"]["cvss_score"] == 5.1  # v2 only
    assert findings["CVE-2019-10906"]["cvss_score"] == 8.6  # v4 only
    assert findings["CVE-2019-10906"]["cvss_vector"].startswith("CVSS:4.0/")
    cvss4 = by_rule(parse_report(report("dependency-check/dc-12.1.1-cvssv4.json"))["findings"])["CVE-2024-9329"]
    assert (cvss4["cvss_score"], cvss4["severity"], cvss4["cwes"]) == (6.9, "MEDIUM", ["CWE-601", "CWE-233"])


def test_a_vulnerability_without_severity_or_cvss_is_medium_not_dropped(report):
    finding = by_rule(parse_report(report("dependency-check/dc-odd-cases.json"))["findings"])["CVE-2099-0001"]
    assert (finding["severity"], finding["cvss_score"], finding["status"]) == ("MEDIUM", None, "active")


def test_severity_spellings_map_onto_one_scale(report):
    findings = by_rule(parse_report(report("dependency-check/dc-odd-cases.json"))["findings"])
    assert findings["CVE-2021-44228"]["severity"] == "CRITICAL"
    assert findings["CVE-2021-45046"]["severity"] == "MEDIUM"  # "medium"
    assert findings["1523"]["severity"] == "MEDIUM"  # "moderate"
    assert findings["CVE-2020-8203"]["severity"] == "HIGH"


def test_package_location_cwes_and_unicode_are_carried(report):
    findings = by_rule(parse_report(report("dependency-check/dc-odd-cases.json"))["findings"])
    log4shell = findings["CVE-2021-44228"]
    assert log4shell["package_purl"] == "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"
    assert (log4shell["package_name"], log4shell["package_version"]) == ("org.apache.logging.log4j/log4j-core", "2.14.1")
    assert log4shell["file"] == "/src/lib/log4j-core-2.14.1.jar"
    assert log4shell["cwes"] == ["CWE-502", "CWE-400", "CWE-20"]
    assert "« remote code »" in log4shell["description"]
    assert log4shell["references"] == ["https://logging.apache.org/log4j/2.x/security.html"]
    assert findings["CVE-2019-10906"]["cwes"] == []  # NVD-CWE-noinfo is no CWE
    assert findings["CVE-2019-10906"]["package_purl"] == "pkg:pypi/jinja2@2.10"


def test_one_cve_in_two_dependencies_is_two_findings(report):
    findings = parse_report(report("dependency-check/dc-6.0.1-npm-virtual.json"))["findings"]
    cwe94 = [f for f in findings if f["rule_id"].startswith("CWE-94")]
    assert {f["package_name"] for f in cwe94} == {"mathjs", "typed-function"}


def test_a_report_without_vulnerabilities_is_an_empty_success(report):
    result = parse_report(report("dependency-check/dc-8.2.1-npm-virtual-no-vulns.json"))
    assert (result["tool"], result["findings"]) == ("dependency_check", [])


def test_analysis_exceptions_make_the_report_incomplete_not_clean(report):
    """npm audit failed: no vulnerabilities listed, and that is not a clean scan."""
    npm = parse_report(report("dependency-check/dc-8.2.1-npm-virtual-no-vulns.json"))
    assert npm["findings"] == []
    assert npm["incomplete"] == [
        "Dependency-Check analysis failed: org.owasp.dependencycheck.analyzer.exception.SearchException: "
        "Could not perform Node Audit analysis. Invalid payload submitted to Node Audit API."
    ]
    oss_index = parse_report(report("dependency-check/dc-5.2.4-with-exceptions.json"))
    assert oss_index["incomplete"] == [
        "Dependency-Check analysis failed: org.owasp.dependencycheck.analyzer.exception.AnalysisException: "
        "Failed to request component-reports (cause: java.net.SocketTimeoutException: connect timed out)"
    ]
    assert parse_report(report("dependency-check/dc-6.0.1-npm-virtual.json"))["incomplete"] == []


def test_the_cvss_version_is_the_one_of_the_block_the_score_came_from(report):
    """cvssv3 blocks often have no vectorString: the score is still v3, never labelled 2.0."""
    findings = by_rule(parse_report(report("dependency-check/dc-6.0.1-npm-virtual.json"))["findings"])
    assert (findings["CVE-2019-11358"]["cvss_score"], findings["CVE-2019-11358"]["cvss_version"]) == (6.1, "3.0")
    odd = by_rule(parse_report(report("dependency-check/dc-odd-cases.json"))["findings"])
    assert [(odd[cve]["cvss_version"], odd[cve]["cvss_vector"]) for cve in ("CVE-2021-44228", "CVE-2020-8203")] == [
        ("3.1", None),  # the block's own version
        ("3", None),  # a v3 block that says nothing more
    ]
    assert odd["CVE-2021-45046"]["cvss_version"] == "2.0"  # only v2 in the report
    assert odd["CVE-2019-10906"]["cvss_version"] == "4.0"
    with_exceptions = parse_report(report("dependency-check/dc-5.2.4-with-exceptions.json"))["findings"][0]
    assert (with_exceptions["cvss_score"], with_exceptions["cvss_version"]) == (7.5, "3")
