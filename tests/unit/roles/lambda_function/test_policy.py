"""The lambda_function role's policy: the function's own statements, its own log group, X-Ray traces and its
dead-letter target, and nothing wider (rendered by Ansible from the role's template)."""

import pytest

from tests.support.role_templates import render

LOG_GROUP = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/lambda/devsecops-siem-waf-transform"
OWN = {
    "Sid": "ReadItsSecret",
    "Effect": "Allow",
    "Action": "secretsmanager:GetSecretValue",
    "Resource": "arn:aws:secretsmanager:us-east-1:123456789012:secret:slack",
}


def statements(**variables):
    policy = render("lambda_function", "policy.json.j2", lambda_function__log_group={"arn": f"{LOG_GROUP}:*"}, **variables)
    return {s["Sid"]: s for s in policy["Statement"]}


def test_a_function_writes_only_its_own_log_group_and_traces():
    granted = statements()
    assert set(granted) == {"WriteItsOwnLogs", "WriteTraces"}
    assert granted["WriteItsOwnLogs"] == {
        "Sid": "WriteItsOwnLogs", "Effect": "Allow", "Action": ["logs:CreateLogStream", "logs:PutLogEvents"], "Resource": [f"{LOG_GROUP}:*"],
    }
    assert granted["WriteTraces"]["Action"] == ["xray:PutTraceSegments", "xray:PutTelemetryRecords"]


def test_its_own_statements_come_first_and_unchanged():
    policy = render("lambda_function", "policy.json.j2", lambda_function__log_group={"arn": LOG_GROUP}, lambda_function_policy_statements=[OWN])
    assert policy["Statement"][0] == OWN


@pytest.mark.parametrize(
    "target,action",
    [("arn:aws:sqs:us-east-1:123456789012:devsecops-alerts-dlq", "sqs:SendMessage"), ("arn:aws:sns:us-east-1:123456789012:dlq", "sns:Publish")],
)
def test_the_dead_letter_target_gets_only_what_delivers_to_it(target, action):
    granted = statements(lambda_function_dead_letter_arn=target)["SendFailedEventsToTheDeadLetterTarget"]
    assert (granted["Action"], granted["Resource"]) == (action, target)
