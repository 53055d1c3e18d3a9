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


def test_a_trivy_k8s_report_reads_every_resource_in_both_layouts(report):
    """trivy k8s JSON was refused by detection and read as 0 findings with format: trivy."""
    current = parse_report(report("trivy/trivy-k8s-resources.json"))
    assert (current["format"], current["scope"]) == ("trivy", "minikube")
    assert len(current["findings"]) == 37
    files = {f["file"] for f in current["findings"]}
    assert "default/StatefulSet/vault" in files and "default/Service/kubernetes" in files
    assert {f["kind"] for f in current["findings"]} == {"misconfiguration"}
    older = parse_report(report("trivy/trivy-k8s-summary-lists.json"), "trivy")
    assert older["scope"] == "arn:aws:eks:us-east-1:576036489467:cluster/monitoring-test-cluster"
    kinds = [(f["kind"], f["file"].split("/", 3)[:3]) for f in older["findings"]]
    assert kinds.count(("vulnerability", ["default", "Deployment", "redis-leader"])) == 5
    assert kinds.count(("misconfiguration", ["default", "Deployment", "redis-follower"])) == 5
    # one CVE in the same package of two workloads' images is two findings
    apt = [f for f in older["findings"] if f["rule_id"] == "CVE-2020-27350"]
    assert len({finding_key(f) for f in apt}) == 2


def test_a_k8s_report_without_a_cluster_name_has_no_scope(report):
    result = parse_report(report("trivy/trivy-k8s-resources-no-cluster-name.json"))
    assert result["scope"] is None and {f["scope"] for f in result["findings"]} == {None}
    assert len(result["findings"]) == 37


def test_a_k8s_report_with_parts_the_parser_cannot_read_is_refused_naming_them(tmp_path):
    summary = {"ClusterName": "prod", "Resources": {"Vulnerabilities": {"CRITICAL": 3}}}
    path = tmp_path / "k8s.json"
    path.write_text(json.dumps(summary))
    with pytest.raises(FindingError, match="Resources is an object, expected a list"):
        parse_report(str(path))
    path.write_text(json.dumps({"ClusterName": "prod", "Findings": []}))
    with pytest.raises(FindingError, match="without Resources, Vulnerabilities or Misconfigurations"):
        parse_report(str(path), "trivy")


def test_a_k8s_resource_trivy_could_not_scan_makes_the_report_incomplete(report, tmp_path):
    document = json.loads(open(report("trivy/trivy-k8s-resources.json")).read())
    document["Resources"].append({"Namespace": "prod", "Kind": "Deployment", "Name": "api", "Error": "image pull failed"})
    path = tmp_path / "k8s.json"
    path.write_text(json.dumps(document))
    assert parse_report(str(path))["incomplete"] == ["Trivy could not scan prod/Deployment/api: image pull failed"]


def test_licences_are_findings_with_their_category(report):
    findings = parse_report(report("trivy/trivy-licenses.json"))["findings"]
    assert len(findings) == 19 and {f["kind"] for f in findings} == {"license"}
    gpl = [f for f in findings if f["rule_id"] == "GPL-2.0"]
    assert {(f["category"], f["severity"]) for f in gpl} == {("restricted", "HIGH")}
    assert [f["package_name"] for f in gpl][:2] == ["alpine-baselayout", "apk-tools"]
    license_file = [f for f in findings if f["file"] == "/etc/ssl/misc/CA.pl"]
    assert [(f["rule_id"], f["category"], f["package_name"]) for f in license_file] == [("OpenSSL", "notice", None)]


def test_not_affected_is_not_active_and_every_other_status_is(report):
    findings = parse_report(report("trivy/trivy-vulnerability-statuses.json"))["findings"]
    document = json.loads(open(report("trivy/trivy-vulnerability-statuses.json")).read())
    statuses = [v["Status"] for r in document["Results"] for v in r.get("Vulnerabilities") or []]
    assert sorted(set(statuses)) == [
        "affected", "end_of_life", "fix_deferred", "fixed", "not_affected", "under_investigation", "unknown",
        "will_not_fix",
    ]
    assert [(s, f["status"]) for s, f in zip(statuses, findings) if f["status"] != "active"] == [
        ("not_affected", "false_positive")
    ]


def test_the_score_comes_from_the_source_of_the_severity_not_nvd(report):
    """GHSA rated it HIGH with 7.5; NVD's 9.8 would contradict the HIGH and trip max_cvss 8.9."""
    curl, certifi = parse_report(report("trivy/trivy-severity-source-ghsa.json"))["findings"]
    assert (certifi["severity"], certifi["cvss_score"], certifi["cvss_version"]) == ("HIGH", 7.5, "3.1")
    # ubuntu, the severity source, gives no score: NVD's is the fallback, not Red Hat's
    assert (curl["severity"], curl["cvss_score"]) == ("MEDIUM", 6.5)


def test_a_null_report_is_no_findings_when_it_is_said_to_be_trivy(tmp_path):
    path = tmp_path / "trivy.json"
    path.write_text("null\n")
    assert parse_report(str(path), "trivy")["findings"] == []
    with pytest.raises(FindingError, match="is in no format this collection reads"):
        parse_report(str(path))
