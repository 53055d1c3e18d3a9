"""The notifier Lambda as Python: message formatting from real event shapes, the webhook read from
Secrets Manager or SSM (moto), its caching, and the POST to a local HTTP server standing in for Slack."""

import copy
import importlib.util
import json
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest

from tests.support.local_aws import DUMMY_ENV, client

ROOT = Path(__file__).resolve().parents[4]
FIXTURES = ROOT / "tests/fixtures/reports"
SECRET_NAME = "devsecops/slack-webhook"


def load_notifier():
    spec = importlib.util.spec_from_file_location("notifier", ROOT / "roles/security_alerts/files/notifier/notifier.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def asff(name):
    """ASFF findings from a sample: a BatchImportFindings-style {"Findings": [...]} or a bare list."""
    data = json.loads((FIXTURES / "asff" / name).read_text())
    return data["Findings"] if isinstance(data, dict) else data


def securityhub_event(findings, detail_type="Security Hub Findings - Imported", **detail):
    """The EventBridge envelope Security Hub puts findings in."""
    return {
        "version": "0",
        "id": "8e5622f9-d81c-4d81-612a-9319e7ee2506",
        "detail-type": detail_type,
        "source": "aws.securityhub",
        "account": "123456789012",
        "time": "2026-11-29T01:00:00Z",
        "region": "us-east-1",
        "resources": [finding["ProductArn"] for finding in findings],
        "detail": dict(detail, findings=findings),
    }


CONFIG_EVENT = {
    "version": "0",
    "id": "d2b5b6f9-3c4e-4f5a-9b8c-1a2b3c4d5e6f",
    "detail-type": "Config Rules Compliance Change",
    "source": "aws.config",
    "account": "123456789012",
    "time": "2026-11-29T01:00:00Z",
    "region": "us-east-1",
    "resources": [],
    "detail": {
        "resourceId": "devsecops-artifacts",
        "awsRegion": "us-east-1",
        "awsAccountId": "123456789012",
        "configRuleName": "s3-bucket-public-read-prohibited",
        "recordVersion": "1.0",
        "configRuleARN": "arn:aws:config:us-east-1:123456789012:config-rule/config-rule-abc123",
        "messageType": "ComplianceChangeNotification",
        "newEvaluationResult": {
            "evaluationResultIdentifier": {
                "evaluationResultQualifier": {
                    "configRuleName": "s3-bucket-public-read-prohibited",
                    "resourceType": "AWS::S3::Bucket",
                    "resourceId": "devsecops-artifacts",
                },
                "orderingTimestamp": "2026-11-29T00:59:00.000Z",
            },
            "complianceType": "NON_COMPLIANT",
            "resultRecordedTime": "2026-11-29T00:59:30.000Z",
            "configRuleInvokedTime": "2026-11-29T00:59:10.000Z",
            "annotation": "The bucket <policy> allows public read & list",
        },
        "oldEvaluationResult": {"complianceType": "COMPLIANT"},
        "notificationCreationTime": "2026-11-29T00:59:31.000Z",
        "resourceType": "AWS::S3::Bucket",
    },
}


class FakeSlack:
    """A webhook on 127.0.0.1 that records what it receives and answers the statuses it is given."""

    def __init__(self):
        self.requests, self.statuses = [], []
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                owner.requests.append((self.path, self.headers["Content-Type"], json.loads(body)))
                self.send_response(owner.statuses.pop(0) if owner.statuses else 200)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *_):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path="/services/T000/B000/XXXX"):
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def slack():
    server = FakeSlack()
    yield server
    server.close()


@pytest.fixture
def aws(fresh_aws, monkeypatch):
    for name, value in dict(DUMMY_ENV, AWS_ENDPOINT_URL=fresh_aws).items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    return fresh_aws


@pytest.fixture
def notifier(aws, slack, monkeypatch):
    """The notifier with its webhook in Secrets Manager, as the security_alerts role deploys it."""
    client(aws, "secretsmanager").create_secret(Name=SECRET_NAME, SecretString=slack.url())
    monkeypatch.setenv("SLACK_WEBHOOK_SECRET_ID", SECRET_NAME)
    monkeypatch.delenv("SLACK_WEBHOOK_PARAMETER", raising=False)
    return load_notifier()


# Formatting, no network.


def test_a_guardduty_finding_becomes_an_attachment_coloured_by_severity():
    notifier = load_notifier()
    [finding] = asff("guardduty-findings.asff.json")[:1]
    message = notifier.format_message(securityhub_event([finding]))
    assert message["text"] == "Security Hub: 1 finding(s)"
    [attachment] = message["attachments"]
    assert attachment["color"] == "#ecb22e"
    assert attachment["title"].startswith(":large_orange_circle: EC2 instance i-1234567890")
    fields = {field["title"]: field["value"] for field in attachment["fields"]}
    assert fields["Severity"] == "MEDIUM"
    assert fields["Product"] == "GuardDuty"
    assert fields["Account / Region"] == "123456789012 / us-east-1"
    assert attachment["footer"] == finding["Id"]


@pytest.mark.parametrize(
    "label, emoji, colour",
    [
        ("CRITICAL", ":rotating_light:", "#7b0000"),
        ("HIGH", ":red_circle:", "#e01e5a"),
        ("MEDIUM", ":large_orange_circle:", "#ecb22e"),
        ("LOW", ":large_yellow_circle:", "#f2c744"),
        ("INFORMATIONAL", ":information_source:", "#439fe0"),
        ("SOMETHING_NEW", ":information_source:", "#439fe0"),
    ],
)
def test_each_severity_has_its_emoji_and_colour(label, emoji, colour):
    finding = copy.deepcopy(asff("inspector-one-vuln.asff.json")[0])
    finding["Severity"]["Label"] = label
    [attachment] = load_notifier().format_message(securityhub_event([finding]))["attachments"]
    assert (attachment["title"].split(" ")[0], attachment["color"]) == (emoji, colour)


def test_our_own_scanner_findings_are_formatted_too():
    findings = asff("trivy-alpine-310.asff.json")
    message = load_notifier().format_message(securityhub_event(findings))
    assert message["text"] == f"Security Hub: {len(findings)} finding(s)"
    products = {field["value"] for a in message["attachments"] for field in a["fields"] if field["title"] == "Product"}
    assert products == {"Trivy"}


def test_many_findings_are_capped_and_counted():
    findings = asff("guardduty-findings.asff.json") * 12
    message = load_notifier().format_message(securityhub_event(findings))
    assert len(message["attachments"]) == 11
    assert message["attachments"][-1]["text"] == f"and {len(findings) - 10} more in Security Hub"


def test_a_custom_action_names_the_action():
    event = securityhub_event(
        asff("guardduty-findings.asff.json")[:1], "Security Hub Findings - Custom Action", actionName="SendToSlack"
    )
    assert load_notifier().format_message(event)["text"] == "Security Hub: 1 finding(s) sent with SendToSlack"


def test_a_config_non_compliance_names_the_rule_and_resource_and_escapes_markup():
    message = load_notifier().format_message(CONFIG_EVENT)
    assert message["text"] == "AWS Config: devsecops-artifacts is non-compliant with s3-bucket-public-read-prohibited"
    [attachment] = message["attachments"]
    assert attachment["title"] == ":warning: AWS Config rule s3-bucket-public-read-prohibited"
    assert attachment["text"] == "The bucket &lt;policy&gt; allows public read &amp; list"
    fields = {field["title"]: field["value"] for field in attachment["fields"]}
    assert fields == {
        "Resource": "AWS::S3::Bucket devsecops-artifacts",
        "Account / Region": "123456789012 / us-east-1",
        "Compliance": "NON_COMPLIANT",
    }


def test_finding_text_cannot_inject_slack_links():
    finding = copy.deepcopy(asff("guardduty-findings.asff.json")[0])
    finding["Title"] = "<https://evil.example|click me> & more"
    [attachment] = load_notifier().format_message(securityhub_event([finding]))["attachments"]
    assert "<" not in attachment["title"] and "&lt;https://evil.example|click me&gt; &amp; more" in attachment["title"]


def test_other_events_are_ignored_without_reading_the_secret(monkeypatch):
    monkeypatch.delenv("SLACK_WEBHOOK_SECRET_ID", raising=False)
    event = json.loads((FIXTURES / "guardduty/eventbridge-partial-ssh-bruteforce.json").read_text())
    assert load_notifier().handler(event, None) == {"posted": False}


# The webhook, from moto, posted to the local server.


def test_a_finding_is_posted_to_the_webhook_from_secrets_manager(notifier, slack):
    result = notifier.handler(securityhub_event(asff("guardduty-findings.asff.json")[:1]), None)
    assert result == {"posted": True, "status": 200}
    [(path, content_type, body)] = slack.requests
    assert (path, content_type) == ("/services/T000/B000/XXXX", "application/json")
    assert body["text"] == "Security Hub: 1 finding(s)"


def test_the_webhook_can_come_from_an_ssm_securestring(aws, slack, monkeypatch):
    client(aws, "ssm").put_parameter(Name="/devsecops/slack-webhook", Value=slack.url(), Type="SecureString")
    monkeypatch.delenv("SLACK_WEBHOOK_SECRET_ID", raising=False)
    monkeypatch.setenv("SLACK_WEBHOOK_PARAMETER", "/devsecops/slack-webhook")
    assert load_notifier().handler(CONFIG_EVENT, None)["posted"] is True
    assert len(slack.requests) == 1


def test_the_webhook_is_read_once_per_warm_container(notifier, slack, aws):
    notifier.handler(CONFIG_EVENT, None)
    # Deleting the secret proves the second invocation used the cached URL.
    client(aws, "secretsmanager").delete_secret(SecretId=SECRET_NAME, ForceDeleteWithoutRecovery=True)
    notifier.handler(CONFIG_EVENT, None)
    assert len(slack.requests) == 2


def test_a_rotated_webhook_is_read_again_and_retried_once(notifier, slack, aws):
    notifier.handler(CONFIG_EVENT, None)
    client(aws, "secretsmanager").put_secret_value(
        SecretId=SECRET_NAME, SecretString=slack.url("/services/T000/B000/NEW")
    )
    slack.statuses = [404]
    assert notifier.handler(CONFIG_EVENT, None) == {"posted": True, "status": 200}
    assert [path for path, _, _ in slack.requests] == ["/services/T000/B000/XXXX"] * 2 + ["/services/T000/B000/NEW"]


def test_a_slack_error_fails_the_invocation_without_the_url_in_the_message(notifier, slack):
    slack.statuses = [500]
    with pytest.raises(notifier.NotifierError) as error:
        notifier.handler(CONFIG_EVENT, None)
    assert str(error.value) == "the Slack webhook answered HTTP 500"


def test_an_unreachable_webhook_fails_without_the_url_in_the_message(notifier, aws, slack):
    slack.close()
    with pytest.raises(notifier.NotifierError) as error:
        notifier.handler(CONFIG_EVENT, None)
    assert str(error.value).startswith("cannot reach the Slack webhook")
    assert "127.0.0.1" not in str(error.value) and "services" not in str(error.value)


def test_without_a_secret_name_the_invocation_says_what_to_set(aws, monkeypatch):
    monkeypatch.delenv("SLACK_WEBHOOK_SECRET_ID", raising=False)
    monkeypatch.delenv("SLACK_WEBHOOK_PARAMETER", raising=False)
    notifier = load_notifier()
    with pytest.raises(notifier.NotifierError, match="set SLACK_WEBHOOK_SECRET_ID or SLACK_WEBHOOK_PARAMETER"):
        notifier.handler(CONFIG_EVENT, None)
