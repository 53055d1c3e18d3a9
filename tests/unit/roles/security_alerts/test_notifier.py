"""The notifier's handler: which events it posts, where it reads the webhook, what it answers."""

import pytest
from notifier_support import (
    CONFIG_RULE,
    SECRET_NAME,
    WEBHOOK_PATH,
    FakeContext,
    asff,
    config_event,
    guardduty_event,
    securityhub_event,
)

from tests.support.local_aws import client


def test_a_finding_is_posted_to_the_webhook_from_secrets_manager(lambda_, slack):
    result = lambda_.notifier.handler(securityhub_event(asff("guardduty-findings.asff.json")[:1]), FakeContext())
    assert result == {"action": "posted", "posted": 1, "duplicates": 0, "http_status": 200}
    [(path, content_type, body)] = slack.requests
    assert (path, content_type) == (WEBHOOK_PATH, "application/json")
    assert body["text"] == "Security Hub: 1 finding(s)"


def test_the_webhook_can_come_from_an_ssm_securestring(aws, slack, load, monkeypatch):
    client(aws, "ssm").put_parameter(Name="/devsecops/slack-webhook", Value=slack.url(), Type="SecureString")
    monkeypatch.setenv("SLACK_WEBHOOK_PARAMETER", "/devsecops/slack-webhook")
    assert load().notifier.handler(config_event(), FakeContext())["action"] == "posted"
    assert slack.bodies()[0]["text"] == f"AWS Config: devsecops-artifacts is non-compliant with {CONFIG_RULE}"


def test_the_webhook_is_read_once_per_warm_container(lambda_, slack, aws):
    lambda_.notifier.handler(config_event(), FakeContext())
    # Deleting the secret proves the second invocation used the cached URL.
    client(aws, "secretsmanager").delete_secret(SecretId=SECRET_NAME, ForceDeleteWithoutRecovery=True)
    lambda_.notifier.handler(config_event(), FakeContext())
    assert len(slack.requests) == 2


@pytest.mark.parametrize("status", [403, 404, 410])
def test_a_revoked_or_rotated_webhook_is_read_again_and_retried_once(lambda_, slack, aws, status):
    lambda_.notifier.handler(config_event(), FakeContext())
    rotated = "/services/T0SECRETWS/B0SECRETCH/r0tatedT0ken"
    client(aws, "secretsmanager").put_secret_value(SecretId=SECRET_NAME, SecretString=slack.url(rotated))
    slack.answers = [(status, {})]
    assert lambda_.notifier.handler(config_event(), FakeContext())["action"] == "posted"
    assert [path for path, _content_type, _body in slack.requests] == [WEBHOOK_PATH, WEBHOOK_PATH, rotated]


def test_a_webhook_still_refused_after_reading_it_again_fails(lambda_, slack):
    slack.answers = [(404, {}), (404, {})]
    with pytest.raises(lambda_.slack_webhook.WebhookError, match=f"secret {SECRET_NAME} answered HTTP 404$"):
        lambda_.notifier.handler(config_event(), FakeContext())
    assert len(slack.requests) == 2


def test_a_custom_action_names_the_action_and_is_posted_every_time(lambda_, slack, dedupe_table):
    event = securityhub_event(
        asff("guardduty-findings.asff.json")[:1], "Security Hub Findings - Custom Action", actionName="SendToSlack"
    )
    for _invocation in range(2):
        assert lambda_.notifier.handler(event, FakeContext())["action"] == "posted"
    assert [body["text"] for body in slack.bodies()] == ["Security Hub: 1 finding(s) sent with SendToSlack"] * 2
    assert dedupe_table.records() == {}


@pytest.mark.parametrize(
    "event",
    [
        guardduty_event(),
        config_event(newEvaluationResult={"complianceType": "COMPLIANT"}),
        securityhub_event([]),
        dict(securityhub_event(asff("guardduty-findings.asff.json")[:1]), source="custom.securityhub"),
    ],
    ids=["guardduty-own-event", "config-compliant", "no-findings", "other-source"],
)
def test_other_events_are_ignored_without_reading_the_secret(load, aws, slack, event):
    # No secret is configured: reading it would fail the invocation.
    assert load().notifier.handler(event, FakeContext()) == {"action": "ignored"}
    assert slack.requests == []


def test_without_a_secret_name_the_invocation_says_what_to_set(aws, load):
    lambda_ = load()
    with pytest.raises(
        lambda_.slack_webhook.WebhookError, match="set SLACK_WEBHOOK_SECRET_ID or SLACK_WEBHOOK_PARAMETER"
    ):
        lambda_.notifier.handler(config_event(), FakeContext())


def test_a_missing_secret_fails_naming_the_secret_and_the_error(aws, load, slack, monkeypatch):
    monkeypatch.setenv("SLACK_WEBHOOK_SECRET_ID", "devsecops/absent")
    lambda_ = load()
    with pytest.raises(lambda_.slack_webhook.WebhookError) as error:
        lambda_.notifier.handler(config_event(), FakeContext())
    assert str(error.value) == "cannot read the Slack webhook from secret devsecops/absent: ResourceNotFoundException"


@pytest.mark.parametrize(
    "name, value, message",
    [
        ("SLACK_MAX_FINDINGS", "0", "SLACK_MAX_FINDINGS must be a whole number of at least 1, not '0'"),
        ("SLACK_MAX_FINDINGS", "ten", "SLACK_MAX_FINDINGS must be a whole number of at least 1, not 'ten'"),
        ("SLACK_MESSAGE_FIELDS", "some", "SLACK_MESSAGE_FIELDS must be one of full, minimal, not 'some'"),
        ("DEDUPE_TTL_SECONDS", "-5", "DEDUPE_TTL_SECONDS must be a whole number of at least 1, not '-5'"),
        ("SLACK_WEBHOOK_ALLOWED_HOSTS", " , ", "SLACK_WEBHOOK_ALLOWED_HOSTS names no host"),
    ],
)
def test_a_bad_setting_fails_every_invocation_naming_the_variable(lambda_, slack, monkeypatch, name, value, message):
    monkeypatch.setenv(name, value)
    with pytest.raises(lambda_.settings.SettingsError) as error:
        lambda_.notifier.handler(config_event(), FakeContext())
    assert str(error.value) == message
    assert slack.requests == []
