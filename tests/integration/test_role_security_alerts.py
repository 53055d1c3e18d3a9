"""The security_alerts role against the local endpoint: check mode, converge, idempotence, absent.

moto creates Lambda functions but needs Docker to invoke them; the function is not invoked here
(tests/unit/roles/security_alerts/test_notifier.py runs the handler as Python).
"""

import json

import pytest

from tests.support.local_aws import client, run_playbook

pytestmark = pytest.mark.slow

PLAYBOOK = "tests/integration/playbooks/security_alerts.yml"
WEBHOOK = "https://hooks.slack.com/services/T0000/B0000/not-a-real-token"
SECRET = "devsecops/security-alerts/slack-webhook"
FUNCTION = "devsecops-security-alerts"
FUNCTION_ARN = f"arn:aws:lambda:us-east-1:123456789012:function:{FUNCTION}"
CUSTOM_ACTION = "arn:aws:securityhub:us-east-1:123456789012:action/custom/SendToSlack"


def run(endpoint, *args, **extra_vars):
    return run_playbook(
        endpoint, PLAYBOOK, "-e", json.dumps(dict({"security_alerts_slack_webhook_url": WEBHOOK}, **extra_vars)), *args
    )


def rules(endpoint):
    events = client(endpoint, "events")
    found = events.list_rules(NamePrefix="devsecops-security-alerts")["Rules"]
    return {
        rule["Name"]: (json.loads(rule["EventPattern"]), events.list_targets_by_rule(Rule=rule["Name"])["Targets"])
        for rule in found
    }


def functions(endpoint):
    return [f["FunctionName"] for f in client(endpoint, "lambda").list_functions()["Functions"]]


def secrets(endpoint):
    return [s["Name"] for s in client(endpoint, "secretsmanager").list_secrets()["SecretList"]]


def test_check_mode_on_a_fresh_endpoint_reports_changes_and_makes_none(fresh_aws):
    result = run(fresh_aws, "--check")
    assert result.rc == 0, result
    assert result.changed == 3, result  # secret, role, function (cloudwatchevent_rule has no check mode)
    assert WEBHOOK not in result.output
    assert rules(fresh_aws) == {}
    assert functions(fresh_aws) == []
    assert secrets(fresh_aws) == []


def test_converge_is_idempotent_and_absent_undoes_it(fresh_aws):
    first = run(fresh_aws, "-v")
    assert first.rc == 0, first
    assert first.changed == 7, first
    assert WEBHOOK not in first.output

    assert client(fresh_aws, "secretsmanager").get_secret_value(SecretId=SECRET)["SecretString"] == WEBHOOK
    function = client(fresh_aws, "lambda").get_function(FunctionName=FUNCTION)["Configuration"]
    assert function["Handler"] == "notifier.handler"
    assert function["Environment"]["Variables"] == {"SLACK_WEBHOOK_SECRET_ID": SECRET}
    assert WEBHOOK not in json.dumps(function)

    iam = client(fresh_aws, "iam")
    policy = iam.get_role_policy(RoleName="devsecops-security-alerts", PolicyName="notifier")["PolicyDocument"]
    statements = {s["Sid"]: s for s in policy["Statement"]}
    secret_arn = client(fresh_aws, "secretsmanager").describe_secret(SecretId=SECRET)["ARN"]
    assert statements["ReadOnlyTheWebhookSecret"]["Action"] == "secretsmanager:GetSecretValue"
    assert statements["ReadOnlyTheWebhookSecret"]["Resource"] == secret_arn
    assert set(statements) == {"WriteItsOwnLogs", "ReadOnlyTheWebhookSecret"}

    target = [{"Id": "notifier", "Arn": FUNCTION_ARN}]
    assert rules(fresh_aws) == {
        "devsecops-security-alerts-critical-high": (
            {
                "source": ["aws.securityhub"],
                "detail-type": ["Security Hub Findings - Imported"],
                "detail": {
                    "findings": {
                        "ProductName": ["GuardDuty", "Inspector", "Config", "Default"],
                        "Severity": {"Label": ["CRITICAL", "HIGH"]},
                        "RecordState": ["ACTIVE"],
                        "Workflow": {"Status": ["NEW"]},
                    }
                },
            },
            target,
        ),
        "devsecops-security-alerts-config-noncompliant": (
            {
                "source": ["aws.config"],
                "detail-type": ["Config Rules Compliance Change"],
                "detail": {
                    "messageType": ["ComplianceChangeNotification"],
                    "newEvaluationResult": {"complianceType": ["NON_COMPLIANT"]},
                },
            },
            target,
        ),
    }
    [permission] = json.loads(client(fresh_aws, "lambda").get_policy(FunctionName=FUNCTION)["Policy"])["Statement"]
    assert permission["Principal"] == {"Service": "events.amazonaws.com"}
    assert permission["Condition"]["ArnLike"]["AWS:SourceArn"] == (
        "arn:aws:events:us-east-1:123456789012:rule/devsecops-security-alerts-*"
    )

    again = run(fresh_aws)
    assert again.rc == 0, again
    assert again.changed == 0, again

    removed = run(fresh_aws, security_alerts_state="absent", security_alerts_secret_force_delete=True)
    assert removed.rc == 0, removed
    assert removed.changed == 4, removed  # rules, function, role, secret
    assert rules(fresh_aws) == {}
    assert functions(fresh_aws) == []
    assert secrets(fresh_aws) == []

    removed_again = run(fresh_aws, security_alerts_state="absent", security_alerts_secret_force_delete=True)
    assert removed_again.rc == 0, removed_again
    assert removed_again.changed == 0, removed_again


def test_the_custom_action_is_routed_when_named(fresh_aws):
    result = run(fresh_aws, security_alerts_custom_action_arn=CUSTOM_ACTION, security_alerts_routes=[])
    assert result.rc == 0, result
    pattern, targets = rules(fresh_aws)["devsecops-security-alerts-custom-action"]
    assert pattern == {
        "source": ["aws.securityhub"],
        "detail-type": ["Security Hub Findings - Custom Action"],
        "resources": [CUSTOM_ACTION],
    }
    assert targets == [{"Id": "notifier", "Arn": FUNCTION_ARN}]


def test_without_a_webhook_the_role_says_what_to_set(fresh_aws):
    result = run(fresh_aws, security_alerts_slack_webhook_url="")
    assert result.rc != 0
    assert "set security_alerts_slack_webhook_url" in result.output
