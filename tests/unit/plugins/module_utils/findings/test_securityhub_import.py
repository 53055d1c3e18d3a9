"""Importing into Security Hub: plan, batches, pacing, retries, nothing dropped in silence."""

import json
from datetime import datetime, timedelta, timezone

import pytest

from ansible_collections.amazon.aws.plugins.module_utils.retries import RetryingBotoClientWrapper
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsError, jittered_retry
from ansible_collections.devsecops.aws.plugins.module_utils._findings import asff, securityhub
from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import new_finding

from tests.support.service_model import ServiceModelStub

ACCOUNT = "123456789012"
PRODUCT = f"arn:aws:securityhub:us-east-1:{ACCOUNT}:product/{ACCOUNT}/default"
NOW = datetime(2026, 11, 29, 12, 0, 0, tzinfo=timezone.utc)
EARLIER = "2026-11-01T08:00:00.000Z"
RANGE = ("zap", "https://app.example.com")


def finding(rule="40012", scope="https://app.example.com", tool="zap", **values):
    return asff.to_asff(new_finding(tool=tool, rule_id=rule, title=f"rule {rule}", scope=scope, **values), ACCOUNT, PRODUCT)


def held(record, **values):
    """What Security Hub returns for a finding imported earlier."""
    return {**record, "CreatedAt": EARLIER, "FirstObservedAt": EARLIER, "UpdatedAt": EARLIER, "Workflow": {"Status": "NOTIFIED"}, **values}


def created(records):
    """Findings as the plan sends them the first time, timestamps set."""
    return securityhub.plan_import(list(records), {}, NOW).create


def retrying(stub):
    """The client as modules get it: calls take aws_retry=True."""
    return RetryingBotoClientWrapper(stub.client, jittered_retry())


def test_new_findings_are_created_with_first_seen_timestamps_and_a_workflow():
    plan = securityhub.plan_import([finding("1"), finding("2", status="false_positive")], {}, NOW, workflow=lambda a: "X")
    assert [f["Title"] for f in plan.create] == ["rule 1", "rule 2"]
    created = plan.create[0]
    assert created["CreatedAt"] == created["UpdatedAt"] == created["FirstObservedAt"] == "2026-11-29T12:00:00.000Z"
    assert created["Workflow"] == {"Status": "X"}
    assert plan.update == plan.archive == plan.unchanged == []


def test_an_unchanged_finding_is_not_sent_again():
    record = finding()
    plan = securityhub.plan_import([finding()], {record["Id"]: held(record, RecordState="ACTIVE")}, NOW)
    assert plan.writes() == []
    assert len(plan.unchanged) == 1


def test_a_changed_finding_keeps_created_at_moves_updated_at_and_leaves_workflow_alone():
    before = finding(description="old text")
    plan = securityhub.plan_import([finding(description="new text")], {before["Id"]: held(before)}, NOW)
    (update,) = plan.update
    assert update["CreatedAt"] == update["FirstObservedAt"] == EARLIER
    assert update["UpdatedAt"] == "2026-11-29T12:00:00.000Z"
    assert update["Description"] == "new text"
    assert "Workflow" not in update


def test_updated_at_always_moves_forward_even_when_the_clock_lags():
    before = finding(description="old")
    future = "2026-12-01T00:00:00.000Z"
    plan = securityhub.plan_import([finding(description="new")], {before["Id"]: held(before, UpdatedAt=future)}, NOW)
    assert plan.update[0]["UpdatedAt"] == "2026-12-01T00:00:00.001Z"


def test_an_archived_finding_that_comes_back_is_reactivated():
    record = finding()
    plan = securityhub.plan_import([finding()], {record["Id"]: held(record, RecordState="ARCHIVED")}, NOW)
    assert [f["RecordState"] for f in plan.update] == ["ACTIVE"]


def test_resolve_missing_archives_only_what_the_range_no_longer_reports():
    kept, gone, already = finding("1"), finding("2"), finding("3")
    existing = {
        kept["Id"]: held(kept),
        gone["Id"]: held(gone),
        already["Id"]: held(already, RecordState="ARCHIVED"),
    }
    plan = securityhub.plan_import([finding("1")], existing, NOW, resolve=[RANGE])
    (archived,) = plan.archive
    assert archived["Id"] == gone["Id"]
    assert archived["RecordState"] == "ARCHIVED"
    assert archived["UpdatedAt"] == "2026-11-29T12:00:00.000Z"
    assert "Workflow" not in archived  # re-sent with our own fields only


def test_only_the_ranges_asked_for_are_resolved():
    """An incomplete report's range is read (for updates) but not resolved."""
    gone, other = finding("2"), finding("2", scope="https://other.example.com")
    existing = {gone["Id"]: held(gone), other["Id"]: held(other)}
    plan = securityhub.plan_import([finding("1")], existing, NOW, resolve=[("zap", "https://other.example.com")])
    assert [f["Id"] for f in plan.archive] == [other["Id"]]


def test_an_unchanged_finding_is_refreshed_once_its_last_update_is_older_than_the_refresh_age():
    """Security Hub deletes a finding 90 days after its last UpdatedAt: a finding every scan still
    reports is re-sent before that, with its CreatedAt and without a Workflow, so its triage stays."""
    recent, old = finding("1"), finding("2")
    existing = {
        recent["Id"]: held(recent, RecordState="ACTIVE", UpdatedAt="2026-11-20T00:00:00.000Z"),
        old["Id"]: held(old, RecordState="ACTIVE", UpdatedAt="2026-10-29T11:59:59.000Z"),  # 31 days before NOW
    }
    plan = securityhub.plan_import([finding("1"), finding("2")], existing, NOW, refresh_after=timedelta(days=30))
    assert [f["Id"] for f in plan.unchanged] == [recent["Id"]]
    (refreshed,) = plan.refresh
    assert refreshed["Id"] == old["Id"]
    assert (refreshed["CreatedAt"], refreshed["FirstObservedAt"]) == (EARLIER, EARLIER)
    assert refreshed["UpdatedAt"] == refreshed["LastObservedAt"] == "2026-11-29T12:00:00.000Z"
    assert "Workflow" not in refreshed
    assert plan.writes() == [refreshed] and plan.update == []


def test_a_resolved_finding_is_sent_archived_and_not_again_once_archived():
    record = finding(status="resolved")
    assert record["RecordState"] == "ARCHIVED"
    (created_record,) = securityhub.plan_import([record], {}, NOW, workflow=lambda a: "RESOLVED").create
    assert (created_record["RecordState"], created_record["Workflow"]) == ("ARCHIVED", {"Status": "RESOLVED"})
    active_before = finding()  # the same finding, reported active by the previous scan
    assert active_before["Id"] == record["Id"]
    update = securityhub.plan_import([record], {record["Id"]: held(active_before, RecordState="ACTIVE")}, NOW).update
    assert [f["RecordState"] for f in update] == ["ARCHIVED"]
    again = securityhub.plan_import([record], {record["Id"]: held(record, RecordState="ARCHIVED")}, NOW)
    assert again.writes() == [] and len(again.unchanged) == 1


def test_without_resolve_missing_nothing_is_archived():
    gone = finding("2")
    assert securityhub.plan_import([finding("1")], {gone["Id"]: held(gone)}, NOW).archive == []


def test_the_same_finding_twice_in_one_submission_is_sent_once():
    plan = securityhub.plan_import([finding(), finding()], {}, NOW)
    assert len(plan.create) == 1
    assert plan.duplicates == 1


def test_batches_hold_at_most_100_findings():
    sizes = [len(batch) for batch, _too_large in securityhub.batches([finding(str(i)) for i in range(250)])]
    assert sizes == [100, 100, 50]


def test_batches_stay_under_6_mb_and_oversized_findings_are_set_aside(monkeypatch):
    monkeypatch.setattr(securityhub, "MAX_BATCH_BYTES", 5000)
    monkeypatch.setattr(securityhub, "MAX_FINDING_BYTES", 3000)
    records = [finding(str(i), description="x" * 900) for i in range(6)] + [finding("big", remediation="y" * 500, description="z" * 1000)]
    records[-1]["ProductFields"]["pad"] = "p" * 3000
    result = list(securityhub.batches(records))
    for batch, _too_large in result:
        assert sum(len(json.dumps(f, separators=(",", ":"))) for f in batch) <= 5000
    assert sum(len(batch) for batch, _too_large in result) == 6
    assert [f["Title"] for _batch, too_large in result for f in too_large] == ["rule big"]


class FakeClock:
    def __init__(self):
        self.now = 0.0
        self.slept = []

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept.append(seconds)
        self.now += seconds


def test_rate_limiter_allows_a_burst_of_30_then_10_a_second():
    clock = FakeClock()
    limiter = securityhub.RateLimiter(clock=clock, sleep=clock.sleep)
    for _call in range(130):
        limiter.wait()
    assert clock.slept[:1] == [pytest.approx(0.1)]
    assert len(clock.slept) == 100
    assert clock.now == pytest.approx(10.0)  # 100 calls past the burst at 10 a second


def test_transient_failed_findings_are_retried_and_permanent_ones_reported():
    records = created(finding(str(i)) for i in range(3))
    ids = [r["Id"] for r in records]
    with ServiceModelStub("securityhub") as hub:
        hub.expect(
            "batch_import_findings",
            {"Findings": records},
            {
                "FailedCount": 2,
                "SuccessCount": 1,
                "FailedFindings": [
                    {"Id": ids[1], "ErrorCode": "InternalFailure", "ErrorMessage": "try again"},
                    {"Id": ids[2], "ErrorCode": "InvalidInput", "ErrorMessage": "bad Resources"},
                ],
            },
        )
        hub.expect("batch_import_findings", {"Findings": [records[1]]}, {"FailedCount": 0, "SuccessCount": 1, "FailedFindings": []})
        calls, failed = securityhub.send(retrying(hub), records, sleep=lambda s: None)
    assert calls == 2
    assert failed == [{"Id": ids[2], "ErrorCode": "InvalidInput", "ErrorMessage": "bad Resources"}]


def test_a_finding_that_keeps_failing_transiently_is_reported_after_the_last_attempt():
    (record,) = created([finding()])
    failure = {"Id": record["Id"], "ErrorCode": "TooManyRequestsException", "ErrorMessage": "slow down"}
    with ServiceModelStub("securityhub") as hub:
        for _attempt in range(securityhub.FAILED_FINDING_ATTEMPTS):
            hub.expect("batch_import_findings", None, {"FailedCount": 1, "SuccessCount": 0, "FailedFindings": [failure]})
        calls, failed = securityhub.send(retrying(hub), [record], sleep=lambda s: None)
    assert calls == securityhub.FAILED_FINDING_ATTEMPTS
    assert failed == [failure]


def test_an_api_error_names_the_action():
    with ServiceModelStub("securityhub") as hub:
        hub.expect_error("batch_import_findings", "InvalidAccessException", "Security Hub is not enabled")
        with pytest.raises(DevSecOpsError, match="Failed to import findings into Security Hub"):
            securityhub.send(retrying(hub), created([finding()]))


def test_read_ranges_filters_by_product_and_id_prefix_and_rechecks_the_answer():
    ours = finding()
    other_scope = finding(scope="https://other.example.com")
    other_product = dict(ours, Id=ours["Id"] + "x", ProductArn="arn:aws:securityhub:us-east-1::product/aws/guardduty")
    prefix = asff.range_prefix("zap", "https://app.example.com")
    with ServiceModelStub("securityhub") as hub:
        hub.expect(
            "get_findings",
            {
                "Filters": {
                    "ProductArn": [{"Value": PRODUCT, "Comparison": "EQUALS"}],
                    "Id": [{"Value": prefix, "Comparison": "PREFIX"}],
                },
                "MaxResults": 100,
            },
            {"Findings": [held(ours), held(other_scope), held(other_product)]},
        )
        existing = securityhub.read_ranges(retrying(hub), PRODUCT, {("zap", "https://app.example.com")})
    assert list(existing) == [ours["Id"]]


def test_a_throttled_page_of_get_findings_is_retried_and_every_page_read(monkeypatch):
    """GetFindings goes through the same retries as single calls: a TooManyRequestsException on
    the second page asks for that page again instead of failing the task."""
    monkeypatch.setattr("time.sleep", lambda seconds: None)
    first, second = finding("1"), finding("2")
    filters = {
        "ProductArn": [{"Value": PRODUCT, "Comparison": "EQUALS"}],
        "Id": [{"Value": asff.range_prefix(*RANGE), "Comparison": "PREFIX"}],
    }
    page_2 = {"Filters": filters, "MaxResults": 100, "NextToken": "page-2"}
    with ServiceModelStub("securityhub") as hub:
        hub.expect("get_findings", {"Filters": filters, "MaxResults": 100}, {"Findings": [held(first)], "NextToken": "page-2"})
        hub.expect_error("get_findings", "TooManyRequestsException", "Rate exceeded", http_status=429)
        hub.expect("get_findings", page_2, {"Findings": [held(second)]})  # page 2 again, not page 1
        existing = securityhub.read_ranges(retrying(hub), PRODUCT, {RANGE})
    assert sorted(existing) == sorted([first["Id"], second["Id"]])
