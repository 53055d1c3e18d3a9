"""The ASFF mapping: valid requests, stable and distinct Ids, limits after escaping, round trip."""

import json

import botocore.session
import pytest
from botocore.validate import validate_parameters

from ansible_collections.devsecops.aws.plugins.module_utils._findings import asff
from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import FindingError, finding_id, new_finding
from ansible_collections.devsecops.aws.plugins.module_utils._findings.reports import parse_report

from tests.support.fixtures import REPORTS

ACCOUNT = "123456789012"
PRODUCT = f"arn:aws:securityhub:us-east-1:{ACCOUNT}:product/{ACCOUNT}/default"
IMPORT_SHAPE = (
    botocore.session.get_session().get_service_model("securityhub").operation_model("BatchImportFindings").input_shape
)


def log4shell(**overrides):
    values = dict(
        tool="dependency_check",
        rule_id="CVE-2021-44228",
        title="CVE-2021-44228 in log4j-core",
        description="Apache Log4j2 JNDI features do not protect against attacker controlled LDAP.",
        severity="CRITICAL",
        tool_severity="CRITICAL",
        cves=["CVE-2021-44228"],
        cwes=["CWE-502"],
        cvss_score=10.0,
        cvss_vector="CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H",
        package_name="log4j-core",
        package_version="2.14.1",
        package_purl="pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
        file="lib/log4j-core-2.14.1.jar",
        references=["https://nvd.nist.gov/vuln/detail/CVE-2021-44228"],
        remediation="Upgrade to 2.17.1",
        scope="webgoat",
    )
    values.update(overrides)
    return new_finding(**values)


def imported(finding, **kwargs):
    record = asff.to_asff(finding, ACCOUNT, PRODUCT, **kwargs)
    record.update(CreatedAt="2026-11-29T00:00:00.000Z", UpdatedAt="2026-11-29T00:00:00.000Z")
    return record


def test_a_mapped_finding_passes_botocores_validation_of_batch_import_findings():
    validate_parameters({"Findings": [imported(log4shell())]}, IMPORT_SHAPE)


def test_severity_carries_label_normalized_and_the_tools_own_word():
    record = imported(log4shell(severity="HIGH", tool_severity="moderate"))
    assert record["Severity"] == {"Label": "HIGH", "Normalized": 70, "Original": "moderate"}
    assert record["FindingProviderFields"]["Severity"] == {"Label": "HIGH", "Original": "moderate"}


def test_vulnerability_carries_package_cvss_and_references():
    (vulnerability,) = imported(log4shell())["Vulnerabilities"]
    assert vulnerability["Id"] == "CVE-2021-44228"
    assert vulnerability["VulnerablePackages"] == [{"Name": "log4j-core", "Version": "2.14.1"}]
    assert vulnerability["Cvss"] == [
        {"Version": "3.1", "BaseScore": 10.0, "BaseVector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"}
    ]
    assert vulnerability["ReferenceUrls"] == ["https://nvd.nist.gov/vuln/detail/CVE-2021-44228"]


def test_remediation_and_source_url_are_carried_over():
    record = imported(log4shell())
    assert record["Remediation"]["Recommendation"] == {
        "Text": "Upgrade to 2.17.1",
        "Url": "https://nvd.nist.gov/vuln/detail/CVE-2021-44228",
    }
    assert record["SourceUrl"] == "https://nvd.nist.gov/vuln/detail/CVE-2021-44228"


def test_the_same_finding_in_the_next_scan_gets_the_same_id():
    first = imported(log4shell(description="first scan", last_seen="2026-11-01"))
    second = imported(log4shell(description="second scan, wording changed", last_seen="2026-11-29"))
    assert first["Id"] == second["Id"]
    assert first["ProductFields"]["devsecops/Fingerprint"] != second["ProductFields"]["devsecops/Fingerprint"]


@pytest.mark.parametrize(
    "other",
    [
        dict(package_name="log4j-api", package_purl="pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1"),
        dict(scope="petclinic"),
        dict(tool="trivy"),
        dict(rule_id="CVE-2021-45046"),
        dict(file="other/log4j-core-2.14.1.jar", package_purl=None),
    ],
    ids=["other-package", "other-scope", "other-tool", "other-cve", "other-file"],
)
def test_findings_that_differ_in_what_makes_them_get_different_ids(other):
    assert imported(log4shell())["Id"] != imported(log4shell(**other))["Id"]


def test_two_secrets_in_one_file_are_two_findings():
    secret = dict(tool="trivy", rule_id="aws-access-key-id", title="AWS key", file="app/settings.py", scope="repo")
    assert imported(new_finding(line=10, **secret))["Id"] != imported(new_finding(line=42, **secret))["Id"]


def test_ids_share_the_prefix_of_their_tool_and_scope_range():
    record = imported(log4shell())
    assert record["Id"].startswith(asff.range_prefix("dependency_check", "webgoat"))
    assert not record["Id"].startswith(asff.range_prefix("dependency_check", "petclinic"))


@pytest.mark.parametrize("char", ["a", '"', "\n", "é", "한", "😀", "\\"])
@pytest.mark.parametrize("field,limit", [("title", 256), ("description", 1024), ("remediation", 512)])
def test_long_text_is_cut_to_the_limit_measured_after_json_escaping(field, limit, char):
    record = imported(log4shell(**{field: char * 5000}))
    text = {"title": record["Title"], "description": record["Description"]}.get(field) or record["Remediation"][
        "Recommendation"
    ]["Text"]
    assert len(json.dumps(text)) - 2 <= limit
    assert text.endswith(asff.TRUNCATION_MARKER)
    assert text.startswith(char)
    validate_parameters({"Findings": [record]}, IMPORT_SHAPE)


def test_text_within_the_limit_is_left_whole():
    title = "é" * 40  # 40 characters, 240 once escaped
    assert imported(log4shell(title=title))["Title"] == title


def test_resource_says_what_was_scanned():
    ecr = f"{ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/webgoat:2025.3"
    (resource,) = imported(log4shell(scope=ecr))["Resources"]
    assert resource == {
        "Type": "AwsEcrContainerImage",
        "Id": f"arn:aws:ecr:us-east-1:{ACCOUNT}:repository/webgoat",
        "Partition": "aws",
        "Region": "us-east-1",
        "Details": {"AwsEcrContainerImage": {"RegistryId": ACCOUNT, "RepositoryName": "webgoat", "ImageTags": ["2025.3"]}},
    }
    (site,) = imported(new_finding(tool="zap", rule_id="40018", scope="https://app.example.com"))["Resources"]
    assert (site["Type"], site["Id"]) == ("Other", "https://app.example.com")
    (image,) = imported(new_finding(tool="trivy", rule_id="CVE-1", scope="alpine:3.10"))["Resources"]
    assert (image["Type"], image["Details"]) == ("Container", {"Container": {"ImageName": "alpine:3.10"}})
    override = {"Type": "AwsEcrContainerImage", "Id": "arn:aws:ecr:us-east-1:123456789012:repository/webgoat"}
    assert imported(log4shell(), resource=override)["Resources"] == [override]


DIGEST = "sha256:" + "0f3c" * 16


def test_an_image_by_digest_gives_its_digest_not_a_tag():
    ecr = f"{ACCOUNT}.dkr.ecr.eu-west-1.amazonaws.com/shop/api@{DIGEST}"
    (resource,) = imported(log4shell(scope=ecr))["Resources"]
    assert resource["Id"] == f"arn:aws:ecr:eu-west-1:{ACCOUNT}:repository/shop/api/{DIGEST}"
    assert resource["Details"]["AwsEcrContainerImage"] == {
        "RegistryId": ACCOUNT,
        "RepositoryName": "shop/api",
        "ImageDigest": DIGEST,
    }
    (image,) = imported(new_finding(tool="trivy", rule_id="CVE-1", scope=f"ghcr.io/example/shop@{DIGEST}"))["Resources"]
    assert image["Details"] == {"Container": {"ImageName": "ghcr.io/example/shop", "ImageId": DIGEST}}
    (tagged,) = imported(new_finding(tool="trivy", rule_id="CVE-1", scope="registry.local:5000/shop:1.2"))["Resources"]
    assert tagged["Details"] == {"Container": {"ImageName": "registry.local:5000/shop:1.2"}}


@pytest.mark.parametrize("path", ["C:\\build\\shop", "C:/build/shop", "./app", "lib/catalina.jar", "."])
def test_a_path_trivy_scanned_is_not_a_container(path):
    (resource,) = imported(new_finding(tool="trivy", rule_id="CVE-1", scope=path))["Resources"]
    assert (resource["Type"], resource["Id"]) == ("Other", path)


def test_ecr_images_carry_their_partition_and_region():
    china = imported(log4shell(scope=f"{ACCOUNT}.dkr.ecr.cn-north-1.amazonaws.com.cn/shop:1"))["Resources"][0]
    assert (china["Partition"], china["Region"], china["Id"]) == (
        "aws-cn", "cn-north-1", f"arn:aws-cn:ecr:cn-north-1:{ACCOUNT}:repository/shop"
    )
    gov = imported(log4shell(scope=f"{ACCOUNT}.dkr.ecr.us-gov-west-1.amazonaws.com/shop:1"))["Resources"][0]
    assert gov["Partition"] == "aws-us-gov"


def test_a_trivy_k8s_report_on_an_eks_cluster_names_the_cluster(report):
    (finding, *dummy) = parse_report(report("trivy/trivy-k8s-summary-lists.json"))["findings"]
    (resource,) = imported(finding)["Resources"]
    assert resource == {
        "Type": "AwsEksCluster",
        "Id": "arn:aws:eks:us-east-1:576036489467:cluster/monitoring-test-cluster",
        "Partition": "aws",
        "Region": "us-east-1",
        "Details": {"AwsEksCluster": {"Name": "monitoring-test-cluster"}},
    }


@pytest.mark.parametrize(
    "values,types",
    [
        (dict(kind="vulnerability", cves=["CVE-2021-44228"]), ["Software and Configuration Checks/Vulnerabilities/CVE"]),
        (dict(kind="vulnerability", cves=[]), ["Software and Configuration Checks/Vulnerabilities"]),
        (dict(kind="secret", cves=[]), ["Sensitive Data Identifications/Passwords"]),
        (dict(kind="misconfiguration", category="aws", cves=[]), ["Software and Configuration Checks/AWS Security Best Practices"]),
        (
            dict(kind="misconfiguration", category="kubernetes", cves=[]),
            ["Software and Configuration Checks/Industry and Regulatory Standards"],
        ),
        (dict(kind="license", category="restricted", cves=[]), ["Software and Configuration Checks/Industry and Regulatory Standards"]),
        (dict(kind="code_quality", cves=[]), ["Software and Configuration Checks"]),
    ],
    ids=["cve", "vulnerability", "secret", "aws-misconfiguration", "k8s-misconfiguration", "licence", "code-smell"],
)
def test_types_say_what_kind_of_finding_it_is(values, types):
    record = imported(log4shell(**values))
    assert record["Types"] == record["FindingProviderFields"]["Types"] == types


def test_the_real_reports_give_the_types_of_their_findings(report):
    secrets = parse_report(report("trivy/trivy-fs-misconfig-and-secrets.json"))["findings"]
    assert {imported(f)["Types"][0] for f in secrets if f["kind"] == "secret"} == {"Sensitive Data Identifications/Passwords"}
    terraform = parse_report(report("trivy/trivy-exceptions-and-vendor-cvss.json"))["findings"]
    assert {imported(f)["Types"][0] for f in terraform if f["rule_id"].startswith("AVD-AWS")} == {
        "Software and Configuration Checks/AWS Security Best Practices"
    }
    smells = list(parse_report(report("sonarqube/issues-search-32-issues.json"))["findings"])
    assert "Software and Configuration Checks/Vulnerabilities" not in {imported(f)["Types"][0] for f in smells}


def test_product_and_company_name_are_set_so_the_console_does_not_say_default():
    record = imported(log4shell())
    assert (record["ProductName"], record["CompanyName"]) == ("dependency_check", "devsecops.aws")


def test_the_tools_key_and_link_are_kept(report):
    injection = parse_report(report("sarif/sarif-identity-cases.sarif"))["findings"][0]
    record = imported(injection)
    assert record["ProductFields"]["devsecops/ToolKey"] == injection["tool_key"]
    assert record["SourceUrl"] == "https://github.com/example/shop/security/code-scanning/17"
    issue = parse_report(report("sonarqube/issues-dc-plugin-multi-module.json"))["findings"][0]
    assert imported(issue)["ProductFields"]["devsecops/ToolKey"] == "AZKf1n0cH2d0KUm3bA1x"


def test_the_cvss_version_is_the_parsers_and_none_is_invented(report):
    finding = parse_report(report("dependency-check/dc-6.0.1-npm-virtual.json"))["findings"][3]
    assert finding["rule_id"] == "CVE-2019-11358" and finding["cvss_vector"] is None
    assert imported(finding)["Vulnerabilities"][0]["Cvss"] == [{"BaseScore": 6.1, "Version": "3.0"}]
    unknown = imported(log4shell(cvss_vector=None, cvss_version=None))["Vulnerabilities"][0]["Cvss"]
    assert unknown == [{"BaseScore": 10.0}]  # not labelled 2.0 for want of a vector


def test_a_resolved_finding_is_sent_archived():
    assert imported(log4shell(status="resolved"))["RecordState"] == "ARCHIVED"
    assert imported(log4shell())["RecordState"] == "ACTIVE"


def test_a_change_in_occurrences_alone_is_not_a_change_worth_an_import():
    once, twice = imported(log4shell()), imported(log4shell(occurrences=2))
    assert twice["ProductFields"]["devsecops/Occurrences"] == "2"
    assert once["ProductFields"]["devsecops/Fingerprint"] == twice["ProductFields"]["devsecops/Fingerprint"]


def every_fixture_finding():
    for path in sorted(REPORTS.rglob("*")):
        if path.suffix not in (".json", ".sarif") or path.parent.name in ("asff", "guardduty"):
            continue
        try:
            yield from parse_report(str(path))["findings"]
        except FindingError:
            continue


def test_every_fixture_finding_maps_to_a_valid_batch_import_findings_request():
    records = [imported(finding) for finding in every_fixture_finding()]
    assert len(records) > 500
    for start in range(0, len(records), 100):
        validate_parameters({"Findings": records[start : start + 100]}, IMPORT_SHAPE)


def test_our_own_findings_round_trip_through_from_asff():
    original = log4shell(line=7, url=None)
    back = asff.from_asff(imported(original))
    assert finding_id(back) == finding_id(original)
    for key in ("tool", "rule_id", "severity", "cves", "cwes", "cvss_score", "package_purl", "scope", "line"):
        assert back[key] == original[key], key


def test_findings_identified_by_the_tools_key_or_a_variant_round_trip(report):
    """The gate over Security Hub counts what the importer sent: the same identities come back."""
    findings = parse_report(report("sarif/sarif-identity-cases.sarif"))["findings"]
    findings += parse_report(report("sonarqube/issues-dc-plugin-multi-module.json"))["findings"]
    findings += parse_report(report("zap/zap-2.7.0-multisite.json"))["findings"][:5]
    for original in findings:
        back = asff.from_asff(imported(original))
        assert finding_id(back) == finding_id(original)
        assert (back["kind"], back["tool_key"], back["variant"]) == (original["kind"], original["tool_key"], original["variant"])


def test_another_products_findings_are_each_their_own_identity():
    records = json.loads((REPORTS / "asff/guardduty-findings.asff.json").read_text())["Findings"]
    assert len({finding_id(asff.from_asff(record)) for record in records}) == len(records)


@pytest.mark.parametrize(
    "workflow,record_state,own_status,expected",
    [
        ("NEW", "ACTIVE", "active", "active"),
        ("NOTIFIED", "ACTIVE", "active", "active"),
        ("SUPPRESSED", "ACTIVE", "active", "suppressed"),
        ("SUPPRESSED", "ACTIVE", "false_positive", "false_positive"),
        ("RESOLVED", "ACTIVE", "active", "resolved"),
        ("NEW", "ARCHIVED", "active", "resolved"),
    ],
)
def test_from_asff_status_follows_workflow_and_record_state(workflow, record_state, own_status, expected):
    record = imported(log4shell(status=own_status))
    record.update(Workflow={"Status": workflow}, RecordState=record_state)
    assert asff.from_asff(record)["status"] == expected


def test_from_asff_reads_an_inspector_finding():
    (record,) = json.loads((REPORTS / "asff/inspector-one-vuln.asff.json").read_text())
    finding = asff.from_asff(record)
    assert finding["tool"] == "inspector"
    assert finding["rule_id"] == "AWSInspector"
    assert finding["cves"] == [record["Vulnerabilities"][0]["Id"]]
    assert finding["severity"] == record["Severity"]["Label"]
    assert finding["status"] == "active"


def test_from_asff_reads_guardduty_findings():
    records = json.loads((REPORTS / "asff/guardduty-findings.asff.json").read_text())["Findings"]
    findings = [asff.from_asff(record) for record in records]
    assert {finding["tool"] for finding in findings} == {"guardduty"}
    assert [finding["severity"] for finding in findings] == [record["Severity"]["Label"] for record in records]
