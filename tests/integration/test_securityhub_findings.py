"""devsecops.aws.securityhub_findings against the local endpoint, state read back with GetFindings."""

import json
from datetime import datetime, timedelta, timezone

import pytest

from ansible_collections.devsecops.aws.plugins.module_utils._findings import securityhub
from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import new_finding
from ansible_collections.devsecops.aws.plugins.modules import security_gate, securityhub_findings

from tests.support.fixtures import REPORTS
from tests.support.local_aws import client
from tests.support.service_model import run_module

PRODUCT = "arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default"


def zap_alert(rule, **values):
    return new_finding(
        tool="zap", rule_id=rule, title=f"ZAP alert {rule}", severity="MEDIUM", url="https://app.example.com/login",
        scope="https://app.example.com", **values
    )


@pytest.fixture
def hub(fresh_aws):
    return client(fresh_aws, "securityhub")


@pytest.fixture
def send(fresh_aws, capsys):
    def send(findings, **args):
        connection = dict(endpoint_url=fresh_aws, region="us-east-1", access_key="testing", secret_key="testing")
        if findings is not None:
            args["findings"] = findings
        return run_module(capsys, securityhub_findings, dict(connection, **args))

    return send


def held(hub):
    pages = hub.get_paginator("get_findings").paginate()
    return {finding["Id"]: finding for page in pages for finding in page["Findings"]}


def test_findings_land_in_security_hub_in_batches_of_100(send, hub):
    findings = [zap_alert(str(10000 + i)) for i in range(250)]
    result = send(findings)
    assert (result["changed"], result["imported"], result["calls"], result["failed"]) == (True, 250, 3, 0)
    stored = held(hub)
    assert len(stored) == 250
    one = next(iter(stored.values()))
    assert one["ProductArn"] == PRODUCT == result["product_arn"]
    assert one["Workflow"] == {"Status": "NEW"}
    assert one["Severity"]["Label"] == "MEDIUM"


def test_an_unchanged_scan_calls_batch_import_findings_not_at_all(send, hub):
    findings = [zap_alert(str(i)) for i in range(5)]
    send(findings)
    before = held(hub)
    result = send(findings)
    assert (result["changed"], result["calls"], result["unchanged"], result["imported"]) == (False, 0, 5, 0)
    assert held(hub) == before


def test_a_changed_finding_is_updated_in_place_keeping_its_creation_time(send, hub):
    send([zap_alert("1", description="first wording")])
    (first,) = held(hub).values()
    result = send([zap_alert("1", description="second wording")])
    assert (result["updated"], result["imported"], result["calls"]) == (1, 0, 1)
    (second,) = held(hub).values()
    assert second["Id"] == first["Id"]
    assert second["CreatedAt"] == first["CreatedAt"]
    assert second["UpdatedAt"] > first["UpdatedAt"]
    assert second["Description"] == "second wording"


def test_suppressed_and_false_positive_findings_go_in_suppressed(send, hub):
    send([zap_alert("1", status="suppressed"), zap_alert("2", status="false_positive"), zap_alert("3")])
    statuses = sorted(f["Workflow"]["Status"] for f in held(hub).values())
    assert statuses == ["NEW", "SUPPRESSED", "SUPPRESSED"]


def test_resolve_missing_archives_what_the_scan_no_longer_reports_and_nothing_else(send, hub):
    other_scope = new_finding(tool="zap", rule_id="1", title="other site", scope="https://other.example.com")
    other_tool = new_finding(tool="trivy", rule_id="CVE-2024-1", title="trivy", scope="https://app.example.com")
    send([zap_alert("1"), zap_alert("2"), zap_alert("3"), other_scope, other_tool])

    result = send([zap_alert("1")], resolve_missing=True)
    assert (result["archived"], result["unchanged"], result["calls"]) == (2, 1, 1)
    states = {f["Title"]: f["RecordState"] for f in held(hub).values()}
    assert states == {
        "ZAP alert 1": "ACTIVE",
        "ZAP alert 2": "ARCHIVED",
        "ZAP alert 3": "ARCHIVED",
        "other site": "ACTIVE",
        "trivy": "ACTIVE",
    }
    again = send([zap_alert("1")], resolve_missing=True)
    assert (again["changed"], again["calls"]) == (False, 0)


def test_a_finding_that_comes_back_is_reactivated(send, hub):
    send([zap_alert("1"), zap_alert("2")])
    send([zap_alert("1")], resolve_missing=True)
    result = send([zap_alert("1"), zap_alert("2")], resolve_missing=True)
    assert result["updated"] == 1
    assert {f["RecordState"] for f in held(hub).values()} == {"ACTIVE"}


def test_findings_of_other_products_are_never_touched(send, hub):
    foreign = {
        "SchemaVersion": "2018-10-08", "Id": "guardduty-1",
        "ProductArn": "arn:aws:securityhub:us-east-1::product/aws/guardduty", "GeneratorId": "gd",
        "AwsAccountId": "123456789012", "CreatedAt": "2026-01-01T00:00:00Z", "UpdatedAt": "2026-01-01T00:00:00Z",
        "Title": "GuardDuty", "Description": "d", "Resources": [{"Type": "Other", "Id": "x"}],
        "Severity": {"Label": "HIGH"}, "Types": ["TTPs"],
    }
    hub.batch_import_findings(Findings=[foreign])
    send([zap_alert("1")], resolve_missing=True)
    assert held(hub)["guardduty-1"].get("RecordState", "ACTIVE") == "ACTIVE"


def test_check_mode_reports_what_would_change_and_writes_nothing(send, hub):
    send([zap_alert("1")])
    result = send([zap_alert("1"), zap_alert("2")], _ansible_check_mode=True)
    assert (result["changed"], result["imported"], result["unchanged"], result["calls"]) == (True, 1, 1, 0)
    assert len(held(hub)) == 1


def test_an_invalid_finding_fails_with_a_clear_message(send):
    result = send([{"tool": "zap", "rule_id": "1", "severity": "SEVERE"}])
    assert result["failed"] is True
    assert "severity 'SEVERE' is not one of CRITICAL" in result["msg"]


def test_a_rescan_from_reports_archives_fixed_alerts_and_a_clean_scan_archives_all(send, hub, tmp_path):
    report = json.loads((REPORTS / "zap/zap-odd-cases.json").read_text())
    first = send(None, paths=[str(REPORTS / "zap/zap-odd-cases.json")], resolve_missing=True)
    assert first["imported"] == 5

    report["site"]["alerts"] = report["site"]["alerts"][:1]  # only the SQL injection is left
    rescan = tmp_path / "zap.json"
    rescan.write_text(json.dumps(report))
    second = send(None, paths=[str(rescan)], resolve_missing=True)
    assert (second["archived"], second["unchanged"]) == (2, 3)

    report["site"]["alerts"] = []
    rescan.write_text(json.dumps(report))
    third = send(None, paths=[str(rescan)], resolve_missing=True)
    assert third["archived"] == 3
    assert {f["RecordState"] for f in held(hub).values()} == {"ARCHIVED"}


def test_a_truncated_report_fails_before_anything_is_sent(send, hub, tmp_path):
    broken = tmp_path / "dc.json"
    broken.write_text((REPORTS / "dependency-check/dc-odd-cases.json").read_text()[:-200])
    result = send(None, paths=[str(broken)])
    assert result["failed"] is True
    assert str(broken) in result["msg"]
    assert held(hub) == {}


def days_ago(days):
    return securityhub.timestamp(datetime.now(timezone.utc) - timedelta(days=days))


def test_an_unchanged_finding_older_than_the_refresh_age_is_refreshed_keeping_its_triage(send, hub):
    """Security Hub deletes a finding 90 days after its last UpdatedAt: every scan still reporting it
    must keep it alive. moto keeps the timestamps it is given, so the age is set through the API."""
    send([zap_alert("old"), zap_alert("recent")])
    aged = []
    for finding in held(hub).values():
        age = 40 if finding["Title"] == "ZAP alert old" else 10
        aged.append(dict(finding, UpdatedAt=days_ago(age), LastObservedAt=days_ago(age), Workflow={"Status": "NOTIFIED"}))
    assert hub.batch_import_findings(Findings=aged)["FailedCount"] == 0
    before = {f["Title"]: f for f in held(hub).values()}

    result = send([zap_alert("old"), zap_alert("recent")])
    assert (result["changed"], result["refreshed"], result["unchanged"], result["calls"]) == (True, 1, 1, 1)
    after = {f["Title"]: f for f in held(hub).values()}
    old, recent = after["ZAP alert old"], after["ZAP alert recent"]
    assert old["UpdatedAt"] > days_ago(1) and old["LastObservedAt"] > days_ago(1)
    assert old["CreatedAt"] == before["ZAP alert old"]["CreatedAt"]
    assert old["Workflow"] == {"Status": "NOTIFIED"}  # the triage stays
    assert recent == before["ZAP alert recent"]
    again = send([zap_alert("old"), zap_alert("recent")])
    assert (again["changed"], again["calls"]) == (False, 0)


def test_a_resolved_finding_is_archived_in_security_hub_and_not_counted_by_the_gate(send, hub, capsys, fresh_aws):
    report = str(REPORTS / "sonarqube/issues-dc-plugin-multi-module.json")
    first = send(None, paths=[report])
    assert first["imported"] == 4
    stored = {f["ProductFields"]["devsecops/ToolKey"]: f for f in held(hub).values()}
    fixed = stored["AZKf1n0cH2d0KUm3bA1z"]  # SonarQube FIXED
    assert (fixed["RecordState"], fixed["Workflow"]) == ("ARCHIVED", {"Status": "RESOLVED"})
    assert {f["RecordState"] for key, f in stored.items() if key != "AZKf1n0cH2d0KUm3bA1z"} == {"ACTIVE"}
    assert (fixed["ProductName"], fixed["CompanyName"]) == ("sonarqube", "devsecops.aws")
    assert send(None, paths=[report])["calls"] == 0  # archived and unchanged: not re-sent
    connection = dict(endpoint_url=fresh_aws, region="us-east-1", access_key="testing", secret_key="testing")
    gate = run_module(
        capsys,
        security_gate,
        dict(connection, source="securityhub", policy={"max_findings": {"MEDIUM": 1}}, enforce=False, today="2026-11-29"),
    )
    assert gate["summary"]["active"]["MEDIUM"] == 1  # the open MEDIUM; the FIXED one is not counted
    assert gate["summary"]["by_status"]["resolved"] == 1


def test_resolve_missing_refuses_a_report_without_a_scope_of_its_own(send, hub):
    """Semgrep SARIF names no repository: a scan of repository B must not archive repository A's findings."""
    semgrep = str(REPORTS / "sarif/semgrep-1.69.0.sarif")
    send(None, paths=[semgrep], scope="https://github.com/example/a")
    refused = send(None, paths=[semgrep], resolve_missing=True)
    assert refused["failed"] is True
    assert refused["msg"].startswith(f"resolve_missing needs to know what was scanned, and report {semgrep} (sarif)")
    assert "set scope" in refused["msg"]
    assert {f["RecordState"] for f in held(hub).values()} == {"ACTIVE"}
    other = send(None, paths=[semgrep], scope="https://github.com/example/b", resolve_missing=True)
    assert (other["imported"], other["archived"]) == (77, 0)
    assert len(held(hub)) == 154


def test_an_incomplete_scan_resolves_nothing_and_says_so(send, hub, tmp_path):
    report = json.loads((REPORTS / "dependency-check/dc-5.2.4-with-exceptions.json").read_text())
    complete = dict(report, scanInfo={"engineVersion": "5.2.4", "dataSource": []})
    first = tmp_path / "complete.json"
    first.write_text(json.dumps(complete))
    send(None, paths=[str(first)])
    report["dependencies"] = [dependency for dependency in report["dependencies"] if not dependency.get("vulnerabilities")]
    incomplete = tmp_path / "incomplete.json"
    incomplete.write_text(json.dumps(report))  # OSS Index timed out: nothing found, nothing fixed
    result = send(None, paths=[str(incomplete)], resolve_missing=True)
    assert (result["archived"], result["changed"]) == (0, False)
    assert result["incomplete"][0]["tool"] == "dependency_check"
    assert {f["RecordState"] for f in held(hub).values()} == {"ACTIVE"}


@pytest.mark.parametrize("days", [0, 90])
def test_a_refresh_age_security_hub_would_not_keep_is_refused(send, hub, days):
    result = send([zap_alert("1")], refresh_after_days=days)
    assert result["failed"] is True and result["msg"] == "refresh_after_days must be between 1 and 89"
    assert held(hub) == {}
