"""No storms: with DEDUPE_TABLE, a finding is posted once and again only when its severity rises or its
state changes, a Config evaluation once per rule, resource and compliance type; recorded in moto's
DynamoDB only once Slack accepted the post, and claimed with a conditional write so that concurrent
invocations do not both post."""

import copy
import threading
import time

import pytest
from notifier_support import FakeContext, asff, config_event, securityhub_event

GUARDDUTY_KEY = (
    "finding|arn:aws:securityhub:us-east-1::product/aws/guardduty"
    "|arn:aws:guardduty:us-east-1:123456789012:detector/123456789/finding/123456789789"
)
POSTED = {"action": "posted", "posted": 1, "duplicates": 0, "http_status": 200}
DUPLICATE = {"action": "duplicate", "posted": 0, "duplicates": 1}


@pytest.fixture
def finding():
    return copy.deepcopy(asff("guardduty-findings.asff.json")[0])


@pytest.fixture
def invoke(lambda_, dedupe_table):
    return lambda event: lambda_.notifier.handler(event, FakeContext())


def changed(finding, **changes):
    """The finding as a later update carries it: Severity label, RecordState or Workflow status changed."""
    finding = copy.deepcopy(finding)
    if "severity" in changes:
        finding["Severity"]["Label"] = changes["severity"]
    if "record_state" in changes:
        finding["RecordState"] = changes["record_state"]
    if "workflow" in changes:
        finding["Workflow"]["Status"] = changes["workflow"]
    return finding


def test_the_same_finding_twice_is_posted_once(invoke, slack, dedupe_table, finding):
    before = int(time.time())
    assert invoke(securityhub_event([finding])) == POSTED
    # GuardDuty updates an untriaged finding every 15 minutes with nothing new.
    assert invoke(securityhub_event([dict(finding, UpdatedAt="2024-01-17T11:48:21.196Z")])) == DUPLICATE
    assert len(slack.requests) == 1
    [(key, record)] = dedupe_table.records().items()
    assert key == GUARDDUTY_KEY
    assert {name: record[name] for name in ("status", "severity_rank", "record_state", "workflow_status")} == {
        "status": "posted",
        "severity_rank": 2,
        "record_state": "ACTIVE",
        "workflow_status": "NEW",
    }
    # The TTL attribute: epoch seconds DEDUPE_TTL_SECONDS (7 days by default) after the post.
    assert before + 604800 <= record["expires_at"] <= int(time.time()) + 604800
    assert "claim" not in record


def test_the_ttl_is_dedupe_ttl_seconds(invoke, dedupe_table, monkeypatch, finding):
    monkeypatch.setenv("DEDUPE_TTL_SECONDS", "3600")
    before = int(time.time())
    invoke(securityhub_event([finding]))
    assert before + 3600 <= dedupe_table.records()[GUARDDUTY_KEY]["expires_at"] <= int(time.time()) + 3600


def test_a_finding_whose_severity_rises_is_posted_again_and_not_when_it_falls(invoke, slack, dedupe_table, finding):
    assert invoke(securityhub_event([finding])) == POSTED
    assert invoke(securityhub_event([changed(finding, severity="HIGH")])) == POSTED
    assert invoke(securityhub_event([changed(finding, severity="HIGH")])) == DUPLICATE
    assert invoke(securityhub_event([changed(finding, severity="LOW")])) == DUPLICATE
    assert invoke(securityhub_event([changed(finding, severity="CRITICAL")])) == POSTED
    assert [body["attachments"][0]["color"] for body in slack.bodies()] == ["#ecb22e", "#e01e5a", "#7b0000"]
    assert dedupe_table.records()[GUARDDUTY_KEY]["severity_rank"] == 4


@pytest.mark.parametrize(
    "change",
    [{"workflow": "NOTIFIED"}, {"workflow": "RESOLVED"}, {"record_state": "ARCHIVED"}],
    ids=["workflow-notified", "workflow-resolved", "archived"],
)
def test_a_finding_whose_state_changes_is_posted_again(invoke, slack, dedupe_table, finding, change):
    invoke(securityhub_event([finding]))
    assert invoke(securityhub_event([changed(finding, **change)])) == POSTED
    assert invoke(securityhub_event([changed(finding, **change)])) == DUPLICATE
    assert len(slack.requests) == 2
    record = dedupe_table.records()[GUARDDUTY_KEY]
    assert (record["workflow_status"], record["record_state"]) == (
        change.get("workflow", "NEW"),
        change.get("record_state", "ACTIVE"),
    )


def test_a_config_non_compliance_is_posted_once_per_rule_resource_and_compliance_type(invoke, slack, dedupe_table):
    assert invoke(config_event()) == POSTED
    assert invoke(config_event(notificationCreationTime="2026-11-29T02:00:00.000Z")) == DUPLICATE
    assert invoke(config_event(resourceId="devsecops-logs")) == POSTED
    assert invoke(config_event(configRuleName="s3-bucket-ssl-requests-only")) == POSTED
    assert len(slack.requests) == 3
    key = "config|123456789012|us-east-1|s3-bucket-public-read-prohibited|AWS::S3::Bucket|devsecops-artifacts"
    assert f"{key}|NON_COMPLIANT" in dedupe_table.records()


def test_only_the_findings_not_yet_posted_are_in_the_message(invoke, slack, dedupe_table):
    findings = asff("guardduty-findings.asff.json")
    invoke(securityhub_event(findings[:1]))
    assert invoke(securityhub_event(findings)) == {"action": "posted", "posted": 3, "duplicates": 1, "http_status": 200}
    assert slack.bodies()[1]["text"] == "Security Hub: 3 finding(s)"
    assert len(dedupe_table.records()) == 4


def test_findings_repeated_within_one_event_are_posted_once(invoke, slack, dedupe_table):
    findings = asff("trivy-alpine-310.asff.json")  # four findings, two ids
    assert invoke(securityhub_event(findings)) == {"action": "posted", "posted": 2, "duplicates": 2, "http_status": 200}
    assert slack.bodies()[0]["text"] == "Security Hub: 2 finding(s)"


def test_without_a_table_every_event_is_posted(lambda_, slack, finding):
    for _invocation in range(2):
        assert lambda_.notifier.handler(securityhub_event([finding]), FakeContext()) == POSTED
    assert len(slack.requests) == 2


def test_a_record_past_its_expiry_no_longer_suppresses(invoke, slack, dedupe_table, finding):
    invoke(securityhub_event([finding]))
    # DynamoDB's TTL deletes expired items within days, not at once: an expired record must not count.
    dedupe_table.client.update_item(
        TableName=dedupe_table.name,
        Key={"id": {"S": GUARDDUTY_KEY}},
        UpdateExpression="SET expires_at = :past",
        ExpressionAttributeValues={":past": {"N": str(int(time.time()) - 1)}},
    )
    assert invoke(securityhub_event([finding])) == POSTED


# A failed post is not recorded: Lambda retries the event and the retry posts it.


@pytest.mark.parametrize(
    "answers",
    [[(500, {})], [(503, {})], [(429, {"Retry-After": "3600"})], [(302, {"Location": "https://evil.example/"})]],
    ids=["500", "503", "429-beyond-the-time-left", "redirect"],
)
def test_a_failed_post_records_nothing_and_its_retry_posts(lambda_, slack, dedupe_table, finding, answers):
    slack.answers = list(answers)
    with pytest.raises(lambda_.slack_webhook.WebhookError):
        lambda_.notifier.handler(securityhub_event([finding]), FakeContext())
    assert dedupe_table.records() == {}
    # Lambda's retry of the same event.
    assert lambda_.notifier.handler(securityhub_event([finding]), FakeContext()) == POSTED
    assert dedupe_table.records()[GUARDDUTY_KEY]["status"] == "posted"


def test_a_failed_post_of_a_change_keeps_the_record_of_what_was_posted(invoke, lambda_, slack, dedupe_table, finding):
    invoke(securityhub_event([finding]))
    before = dedupe_table.records()
    slack.answers = [(500, {})]
    with pytest.raises(lambda_.slack_webhook.WebhookError):
        invoke(securityhub_event([changed(finding, severity="HIGH")]))
    assert dedupe_table.records() == before
    assert invoke(securityhub_event([changed(finding, severity="HIGH")])) == POSTED


def test_an_unreachable_table_fails_before_posting(lambda_, slack, aws, monkeypatch, finding):
    monkeypatch.setenv("DEDUPE_TABLE", "no-such-table")
    with pytest.raises(lambda_.dedupe.DedupeError) as error:
        lambda_.notifier.handler(securityhub_event([finding]), FakeContext())
    assert str(error.value) == "cannot read the dedupe table no-such-table: ResourceNotFoundException"
    assert slack.requests == []


# Concurrent invocations: one posts.


def test_an_invocation_arriving_while_another_posts_does_not_post(lambda_, slack, dedupe_table, finding):
    event, second = securityhub_event([finding]), {}

    def invoke_again(count):
        if count == 1:
            second["result"] = lambda_.notifier.handler(event, FakeContext())

    slack.on_request = invoke_again
    assert lambda_.notifier.handler(event, FakeContext()) == POSTED
    assert second["result"] == DUPLICATE
    assert len(slack.requests) == 1


def test_two_invocations_that_both_found_no_record_post_once(lambda_, slack, dedupe_table, finding):
    # Both read the table before either writes: only the conditional write can keep one of them from posting.
    both_read = threading.Barrier(2, timeout=30)
    reads, lock = [], threading.Lock()

    def wait_for_the_other(**_):
        with lock:
            reads.append(threading.current_thread().name)
            first_two = len(reads) <= 2
        if first_two:
            both_read.wait()

    lambda_.dedupe.dynamodb().meta.events.register("after-call.dynamodb.GetItem", wait_for_the_other)
    event, results = securityhub_event([finding]), {}

    def invoke(name):
        results[name] = lambda_.notifier.handler(event, FakeContext())

    threads = [threading.Thread(target=invoke, args=(name,), name=name) for name in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(results.values(), key=lambda result: result["action"]) == [DUPLICATE, POSTED]
    assert len(slack.requests) == 1
    assert dedupe_table.records()[GUARDDUTY_KEY]["status"] == "posted"


def put_claim(dedupe_table, expires_at, severity_rank):
    """A claim another invocation holds (or held, when expired), as dedupe.py writes it."""
    item = {
        "id": GUARDDUTY_KEY,
        "status": "posting",
        "claim": "another-invocation",
        "expires_at": expires_at,
        "revision": 1,
        "severity_rank": severity_rank,
        "record_state": "ACTIVE",
        "workflow_status": "NEW",
    }
    dedupe_table.client.put_item(
        TableName=dedupe_table.name,
        Item={name: {"N": str(value)} if isinstance(value, int) else {"S": value} for name, value in item.items()},
    )


def test_a_claim_whose_invocation_died_lapses_at_its_deadline(invoke, slack, dedupe_table, finding):
    put_claim(dedupe_table, int(time.time()) - 1, severity_rank=2)
    assert invoke(securityhub_event([finding])) == POSTED
    assert dedupe_table.records()[GUARDDUTY_KEY]["status"] == "posted"


def test_a_live_claim_on_a_lower_severity_fails_the_invocation_for_a_retry(lambda_, slack, dedupe_table, finding):
    put_claim(dedupe_table, int(time.time()) + 60, severity_rank=1)
    with pytest.raises(lambda_.notifier.NotifierError, match="another invocation is posting 1 of the finding"):
        lambda_.notifier.handler(securityhub_event([finding]), FakeContext())
    assert slack.requests == []
    assert dedupe_table.records()[GUARDDUTY_KEY]["claim"] == "another-invocation"
