"""devsecops.aws.eventbridge_rule against the local endpoint, state read back through boto3."""

import json

import pytest

from ansible_collections.devsecops.aws.plugins.modules import eventbridge_rule

from tests.support.local_aws import client, module_connection
from tests.support.service_model import run_module

NAME = "devsecops-security-alerts-critical-high"
FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:devsecops-security-alerts"
QUEUE = "arn:aws:sqs:us-east-1:123456789012:devsecops-security-alerts-dlq"
PATTERN = {"source": ["aws.securityhub"], "detail": {"findings": {"Severity": {"Label": ["CRITICAL", "HIGH"]}}}}
TARGET = dict(
    id="notifier",
    arn=FUNCTION,
    dead_letter_config=dict(arn=QUEUE),
    retry_policy=dict(maximum_retry_attempts=10, maximum_event_age_in_seconds=3600),
)


@pytest.fixture
def run(fresh_aws, capsys):
    return lambda **args: run_module(capsys, eventbridge_rule, dict(module_connection(fresh_aws), **args))


@pytest.fixture
def events(fresh_aws):
    return client(fresh_aws, "events")


def rule_args(**overrides):
    return dict(dict(name=NAME, description="Critical findings", event_pattern=PATTERN, targets=[TARGET], tags={"team": "sec"}), **overrides)


def test_check_mode_creates_nothing(run, events):
    result = run(**rule_args(_ansible_check_mode=True))
    assert result["changed"] is True
    assert result["targets"][0]["dead_letter_config"] == {"arn": QUEUE}
    assert events.list_rules()["Rules"] == []


def test_create_keeps_the_dead_letter_queue_and_retry_policy_then_changes_nothing(run, events):
    created = run(**rule_args())
    assert created["changed"] is True, created
    rule = events.describe_rule(Name=NAME)
    assert (rule["State"], rule["Description"], json.loads(rule["EventPattern"])) == ("ENABLED", "Critical findings", PATTERN)
    assert created["rule"]["arn"] == rule["Arn"]
    (target,) = events.list_targets_by_rule(Rule=NAME)["Targets"]
    assert target["DeadLetterConfig"] == {"Arn": QUEUE}
    assert target["RetryPolicy"] == {"MaximumRetryAttempts": 10, "MaximumEventAgeInSeconds": 3600}
    assert events.list_tags_for_resource(ResourceARN=rule["Arn"])["Tags"] == [{"Key": "team", "Value": "sec"}]
    # The same pattern as a JSON text in another key order is the same pattern.
    again = run(**rule_args(event_pattern=json.dumps(dict(reversed(list(PATTERN.items()))))))
    assert again["changed"] is False, again


def test_update_disables_replaces_targets_and_tags(run, events):
    run(**rule_args())
    other = dict(id="queue", arn=QUEUE)
    result = run(**rule_args(state="disabled", targets=[other], tags={"owner": "ops"}, _ansible_diff=True))
    assert result["changed"] is True
    assert result["diff"]["before"]["rule"]["state"] == "ENABLED"
    rule = events.describe_rule(Name=NAME)
    assert rule["State"] == "DISABLED"
    assert [t["Id"] for t in events.list_targets_by_rule(Rule=NAME)["Targets"]] == ["queue"]
    assert events.list_tags_for_resource(ResourceARN=rule["Arn"])["Tags"] == [{"Key": "owner", "Value": "ops"}]
    assert run(**rule_args(state="disabled", targets=[other], tags={"owner": "ops"}))["changed"] is False


def test_without_purge_targets_the_others_stay(run, events):
    run(**rule_args())
    run(**rule_args(targets=[dict(id="queue", arn=QUEUE)], purge_targets=False))
    assert sorted(t["Id"] for t in events.list_targets_by_rule(Rule=NAME)["Targets"]) == ["notifier", "queue"]


def test_absent_removes_targets_and_rule_and_then_changes_nothing(run, events):
    run(**rule_args())
    assert run(name=NAME, state="absent", _ansible_check_mode=True)["changed"] is True
    assert len(events.list_rules()["Rules"]) == 1
    assert run(name=NAME, state="absent")["changed"] is True
    assert events.list_rules()["Rules"] == []
    assert run(name=NAME, state="absent")["changed"] is False


def test_a_rule_without_pattern_or_schedule_is_refused(run, events):
    result = run(name=NAME, targets=[TARGET])
    assert result["failed"] is True
    assert "event_pattern or schedule_expression" in result["msg"]
    assert events.list_rules()["Rules"] == []
