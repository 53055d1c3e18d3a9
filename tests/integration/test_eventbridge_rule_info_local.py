"""eventbridge_rule_info against the local endpoint, rules and targets made with boto3."""

import json

import pytest

from ansible_collections.devsecops.aws.plugins.modules import eventbridge_rule_info

from tests.support.local_aws import client, module_args
from tests.support.service_model import run_module

NOTIFIER = "arn:aws:lambda:us-east-1:123456789012:function:devsecops-security-alerts"
DLQ = "arn:aws:sqs:us-east-1:123456789012:devsecops-alerts-dlq"
PATTERN = {"source": ["aws.securityhub"], "detail-type": ["Security Hub Findings - Imported"]}


@pytest.fixture
def events(fresh_aws):
    return client(fresh_aws, "events")


def read(fresh_aws, capsys, **options):
    return run_module(capsys, eventbridge_rule_info, module_args(fresh_aws, **options))


def test_a_rule_is_read_with_its_parsed_pattern_and_its_targets(fresh_aws, events, capsys):
    rule = events.put_rule(Name="devsecops-alerts-critical", EventPattern=json.dumps(PATTERN), Description="Critical")
    transformer = {"InputPathsMap": {"findingId": "$.detail.findings[0].Id"}, "InputTemplate": '{"id": <findingId>}'}
    events.put_targets(
        Rule="devsecops-alerts-critical",
        Targets=[
            {
                "Id": "notifier",
                "Arn": NOTIFIER,
                "InputTransformer": transformer,
                "DeadLetterConfig": {"Arn": DLQ},
                "RetryPolicy": {"MaximumRetryAttempts": 4, "MaximumEventAgeInSeconds": 3600},
            },
            {"Id": "archive", "Arn": NOTIFIER, "InputPath": "$.detail"},
        ],
    )
    result = read(fresh_aws, capsys, names=["devsecops-alerts-critical"])
    assert result["changed"] is False
    assert result["rules"] == [
        {
            "name": "devsecops-alerts-critical",
            "arn": rule["RuleArn"],
            "state": "ENABLED",
            "description": "Critical",
            "event_pattern": PATTERN,
            "event_bus_name": "default",
            "targets": [
                {"id": "archive", "arn": NOTIFIER, "input_path": "$.detail"},
                {
                    "id": "notifier",
                    "arn": NOTIFIER,
                    "input_transformer": {
                        "input_paths_map": {"findingId": "$.detail.findings[0].Id"},
                        "input_template": '{"id": <findingId>}',
                    },
                    "dead_letter_config": {"arn": DLQ},
                    "retry_policy": {"maximum_retry_attempts": 4, "maximum_event_age_in_seconds": 3600},
                },
            ],
        }
    ]


def test_a_scheduled_rule_without_targets_has_an_empty_pattern(fresh_aws, events, capsys):
    events.put_rule(Name="nightly", ScheduleExpression="rate(1 day)", State="DISABLED")
    (rule,) = read(fresh_aws, capsys)["rules"]
    assert (rule["state"], rule["schedule_expression"], rule["event_pattern"]) == ("DISABLED", "rate(1 day)", {})
    assert (rule["description"], rule["targets"]) == ("", [])


def test_unknown_names_are_left_out_and_the_prefix_filters(fresh_aws, events, capsys):
    for name in ("devsecops-alerts-high", "devsecops-alerts-critical", "other"):
        events.put_rule(Name=name, EventPattern=json.dumps(PATTERN))
    by_name = read(fresh_aws, capsys, names=["no-such-rule", "other", "devsecops-alerts-high"])
    by_prefix = read(fresh_aws, capsys, name_prefix="devsecops-alerts-")
    both = read(fresh_aws, capsys, names=["other", "devsecops-alerts-high"], name_prefix="devsecops-")
    assert [rule["name"] for rule in by_name["rules"]] == ["devsecops-alerts-high", "other"]
    assert [rule["name"] for rule in by_prefix["rules"]] == ["devsecops-alerts-critical", "devsecops-alerts-high"]
    assert [rule["name"] for rule in both["rules"]] == ["devsecops-alerts-high"]


def test_rules_are_read_on_the_named_bus_only(fresh_aws, events, capsys):
    events.create_event_bus(Name="security")
    events.put_rule(Name="on-security-bus", EventBusName="security", EventPattern=json.dumps(PATTERN))
    events.put_rule(Name="on-default-bus", EventPattern=json.dumps(PATTERN))
    on_security = read(fresh_aws, capsys, event_bus_name="security")["rules"]
    assert [(rule["name"], rule["event_bus_name"]) for rule in on_security] == [("on-security-bus", "security")]
    assert read(fresh_aws, capsys, names=["on-security-bus"])["rules"] == []


def test_an_event_bus_that_does_not_exist_has_no_rules(fresh_aws, capsys):
    assert read(fresh_aws, capsys, event_bus_name="no-such-bus")["rules"] == []
    assert read(fresh_aws, capsys, event_bus_name="no-such-bus", names=["any"])["rules"] == []


def test_header_and_query_names_of_an_api_destination_target_keep_their_spelling(fresh_aws, events, capsys):
    destination = "arn:aws:events:us-east-1:123456789012:api-destination/slack/0123abcd"
    role = "arn:aws:iam::123456789012:role/devsecops-events"
    events.put_rule(Name="to-slack", EventPattern=json.dumps(PATTERN))
    http = {"HeaderParameters": {"X-Channel": "security"}, "QueryStringParameters": {"channelId": "C123"}}
    target = {"Id": "slack", "Arn": destination, "RoleArn": role, "HttpParameters": http}
    events.put_targets(Rule="to-slack", Targets=[target])
    (rule,) = read(fresh_aws, capsys, names=["to-slack"])["rules"]
    assert rule["targets"] == [
        {
            "id": "slack",
            "arn": destination,
            "role_arn": role,
            "http_parameters": {
                "header_parameters": {"X-Channel": "security"},
                "query_string_parameters": {"channelId": "C123"},
            },
        }
    ]
