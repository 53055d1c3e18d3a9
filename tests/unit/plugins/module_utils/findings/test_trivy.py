"""Trivy JSON reports: SchemaVersion 2 and the legacy list."""

import json

import pytest

from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import FindingError, finding_key
from ansible_collections.devsecops.aws.plugins.module_utils._findings.reports import parse_report


def test_an_image_report_with_purls_and_cvss(report):
    result = parse_report(report("trivy/trivy-image-alpine-310.json"))
    assert (result["format"], result["tool"], result["scope"]) == ("trivy", "trivy", "testdata/fixtures/images/alpine-310.tar.gz")
    assert len(result["findings"]) == 4
    first = result["findings"][0]
    assert (first["rule_id"], first["package_name"], first["package_version"]) == ("CVE-2019-1549", "libcrypto1.1", "1.1.1c-r0")
    assert first["package_purl"] == "pkg:apk/alpine/libcrypto1.1@1.1.1c-r0?arch=x86_64&distro=3.10.2"
    assert (first["severity"], first["cvss_score"], first["cwes"]) == ("MEDIUM", 5.3, ["CWE-330"])
    assert first["remediation"] == "Upgrade libcrypto1.1 to 1.1.1d-r0"
    assert first["references"][0] == "https://avd.aquasec.com/nvd/cve-2019-1549"


def test_cvss_v4_is_the_highest_version(report):
    first = parse_report(report("trivy/trivy-0.69.1-cvssv4.json"))["findings"][0]
    assert (first["cvss_score"], first["cvss_vector"][:9]) == (6.3, "CVSS:4.0/")
    assert first["package_purl"] == "pkg:maven/org.apache.tomcat/tomcat-catalina@9.0.109"


def test_vulnerabilities_misconfigurations_and_secrets(report):
    findings = parse_report(report("trivy/trivy-fs-misconfig-and-secrets.json"))["findings"]
    assert [(f["rule_id"], f["file"], f["line"]) for f in findings] == [
        ("CVE-2021-33503", "requirements.txt", None),
        ("CVE-2021-28363", "requirements.txt", None),
        ("DS002", "Dockerfile", None),
        ("github-pat", "Dockerfile", 24),
        ("github-pat", "secret.txt", 1),
    ]
    assert findings[2]["remediation"] == "Add 'USER <non root user name>' line to the Dockerfile"


def test_odd_cases(report):
    findings = parse_report(report("trivy/trivy-odd-cases.json"))["findings"]
    rows = {f["rule_id"] + f"@{f['line']}": f for f in findings}
    assert len(findings) == 6  # the PASS misconfiguration is not a finding; null Vulnerabilities are none
    assert rows["CVE-2099-1000@None"]["severity"] == "MEDIUM"  # UNKNOWN, no CVSS: not dropped to informational
    assert rows["CVE-2099-1000@None"]["title"] == "Ünïcödé title — 日本語"
    oldlib = rows["GHSA-xxxx-yyyy-zzzz@None"]
    assert (oldlib["severity"], oldlib["cvss_score"], oldlib["cves"]) == ("HIGH", 7.5, ["CVE-2099-2000"])  # from CVSS v2
    assert rows["CVE-2099-3000@None"]["severity"] == "LOW"  # the report's own rating beats the score
    assert rows["CVE-2099-3000@None"]["cvss_vector"].startswith("CVSS:4.0/")  # v4 8.7 over v3 9.8
    assert rows["AVD-AWS-0086@12"]["file"] == "main.tf"
    secrets = [f for f in findings if f["rule_id"] == "aws-access-key-id"]
    assert len({finding_key(f) for f in secrets}) == 2  # two secrets in one file are two findings


def test_the_legacy_list(report, tmp_path):
    # The real mixed sample has one vulnerability without an id; without it the rest reads.
    document = json.loads(open(report("trivy/trivy-legacy-list.json")).read())
    with pytest.raises(FindingError, match="simplito/elliptic-php in php-app/composer.lock has no VulnerabilityID"):
        parse_report(report("trivy/trivy-legacy-list.json"))
    path = tmp_path / "legacy.json"
    path.write_text(json.dumps(document[1:]))
    result = parse_report(str(path))
    assert result["format"] == "trivy" and result["scope"] is None
    assert len(result["findings"]) == 6
    assert {f["scope"] for f in result["findings"]} == {"node-app/package-lock.json", "trivy-ci-test (alpine 3.7.1)"}


def test_a_clean_report_without_results_has_no_findings(report):
    result = parse_report(report("trivy/trivy-clean-no-results.json"))
    assert (result["format"], result["scope"]) == ("trivy", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop:1.5.0")
    assert result["findings"] == []


def test_excepted_misconfigurations_are_suppressed_and_passed_ones_skipped(report):
    findings = parse_report(report("trivy/trivy-exceptions-and-vendor-cvss.json"))["findings"]
    misconfigurations = [(f["rule_id"], f["status"], f["file"], f["line"]) for f in findings if f["file"] == "main.tf"]
    assert misconfigurations == [
        ("AVD-AWS-0086", "active", "main.tf", 12),
        ("AVD-AWS-0132", "suppressed", "main.tf", 30),
    ]


def test_the_cvss_score_comes_from_the_severity_source_before_other_vendors(report):
    left_pad = parse_report(report("trivy/trivy-exceptions-and-vendor-cvss.json"))["findings"][0]
    # nvd rated it MEDIUM with v3 6.5; Red Hat's 8.6 would contradict the severity shown beside it.
    assert (left_pad["severity"], left_pad["cvss_score"]) == ("MEDIUM", 6.5)
    assert left_pad["cvss_vector"] == "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H"
    freetype = parse_report(report("trivy/trivy-image-os-and-lang-pkgs.json"))["findings"][0]
    assert (freetype["rule_id"], freetype["cvss_score"]) == ("CVE-2020-15999", 6.5)  # nvd, not redhat 8.6
