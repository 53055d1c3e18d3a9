"""The ASFF mapping: valid requests, stable and distinct Ids, limits after escaping, round trip."""

import json

import botocore.session
import pytest
from botocore.validate import validate_parameters

from ansible_collections.devsecops.aws.plugins.module_utils._findings import asff
from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import finding_id, new_finding

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
    assert resource["Type"] == "AwsEcrContainerImage"
    assert resource["Details"]["AwsEcrContainerImage"] == {
        "RegistryId": ACCOUNT,
        "RepositoryName": "webgoat",
        "ImageTags": ["2025.3"],
    }
    (site,) = imported(new_finding(tool="zap", rule_id="40018", scope="https://app.example.com"))["Resources"]
    assert (site["Type"], site["Id"]) == ("Other", "https://app.example.com")
    (image,) = imported(new_finding(tool="trivy", rule_id="CVE-1", scope="alpine:3.10"))["Resources"]
    assert (image["Type"], image["Details"]) == ("Container", {"Container": {"ImageName": "alpine:3.10"}})
    override = {"Type": "AwsEcrContainerImage", "Id": "arn:aws:ecr:us-east-1:123456789012:repository/webgoat"}
    assert imported(log4shell(), resource=override)["Resources"] == [override]


def test_our_own_findings_round_trip_through_from_asff():
    original = log4shell(line=7, url=None)
    back = asff.from_asff(imported(original))
    assert finding_id(back) == finding_id(original)
    for key in ("tool", "rule_id", "severity", "cves", "cwes", "cvss_score", "package_purl", "scope", "line"):
        assert back[key] == original[key], key


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
