"""securityhub_risk_report and slack_message: their AWS calls against botocore's service model.

moto ignores GetFindings' Filters, so the filters that pick the open findings of every product are
checked here: valid for the service model and exactly those the report relies on. The local endpoint
tests (tests/integration/test_securityhub_risk_report.py) show the rest.
"""

from unittest.mock import patch

from ansible_collections.devsecops.aws.plugins.module_utils import _slack
from ansible_collections.devsecops.aws.plugins.modules import securityhub_risk_report, slack_message

from tests.support import securityhub_samples as samples
from tests.support.service_model import ServiceModelStub, run_module

OPEN = {
    "RecordState": [{"Value": "ACTIVE", "Comparison": "EQUALS"}],
    "WorkflowStatus": [
        {"Value": "RESOLVED", "Comparison": "NOT_EQUALS"},
        {"Value": "SUPPRESSED", "Comparison": "NOT_EQUALS"},
    ],
}


def test_open_findings_of_every_product_are_read_page_by_page(capsys, tmp_path):
    config, inspector = samples.config(), samples.inspector()
    with ServiceModelStub("securityhub") as hub:
        hub.expect("get_findings", {"Filters": OPEN, "MaxResults": 100}, {"Findings": inspector, "NextToken": "page-2"})
        hub.expect("get_findings", {"Filters": OPEN, "MaxResults": 100, "NextToken": "page-2"}, {"Findings": config})
        result = run_module(
            capsys, securityhub_risk_report, {"region": "us-east-1", "report_dir": str(tmp_path), "now": "2026-12-01T06:00:00Z"}, [hub]
        )
    assert result["total"] == 9 and set(result["by_product"]) == {"Inspector", "Config"}


def test_a_time_that_is_not_iso_8601_is_refused(capsys, tmp_path):
    result = run_module(capsys, securityhub_risk_report, {"region": "us-east-1", "report_dir": str(tmp_path), "now": "Monday"}, [])
    assert result["failed"] and "is not an ISO 8601 time" in result["msg"]


def test_check_mode_reads_the_webhook_and_posts_nothing(capsys):
    url = "https://hooks.slack.com/services/T0000/B0000/check-mode-token"
    with ServiceModelStub("secretsmanager") as secrets, patch.object(_slack.http.client, "HTTPSConnection") as connection:
        secrets.expect("get_secret_value", {"SecretId": "slack"}, {"SecretString": url + "\n"})
        args = {"region": "us-east-1", "webhook_secret_id": "slack", "text": "hello", "_ansible_check_mode": True}
        result = run_module(capsys, slack_message, args, [secrets])
    assert (result["changed"], result["status"]) == (True, None)
    connection.assert_not_called()
    assert "check-mode-token" not in str(result)


def test_the_message_is_posted_as_json_to_the_webhook_path_without_following_redirects(capsys):
    url = "https://hooks.slack.com/services/T0000/B0000/posted-token"
    with ServiceModelStub("secretsmanager") as secrets, patch.object(_slack.http.client, "HTTPSConnection") as connection:
        secrets.expect("get_secret_value", {"SecretId": "slack"}, {"SecretString": url})
        connection.return_value.getresponse.return_value.status = 302
        result = run_module(capsys, slack_message, {"region": "us-east-1", "webhook_secret_id": "slack", "text": "hi"}, [secrets])
    assert connection.call_args.args[:2] == ("hooks.slack.com", 443)
    connection.return_value.request.assert_called_once_with(
        "POST", "/services/T0000/B0000/posted-token", body=b'{"text": "hi"}', headers={"Content-Type": "application/json"}
    )
    assert result["failed"] and result["msg"] == "the Slack webhook in secret slack answered HTTP 302; redirects are not followed"


def test_a_connection_error_names_where_the_webhook_is_kept_not_the_url(capsys):
    url = "https://hooks.slack.com/services/T0000/B0000/unreachable-token"
    with ServiceModelStub("secretsmanager") as secrets, patch.object(_slack.http.client, "HTTPSConnection") as connection:
        secrets.expect("get_secret_value", {"SecretId": "slack"}, {"SecretString": url})
        connection.return_value.request.side_effect = OSError(f"cannot reach {url}")
        result = run_module(capsys, slack_message, {"region": "us-east-1", "webhook_secret_id": "slack", "text": "hi"}, [secrets])
    assert result["msg"] == "cannot post to the Slack webhook in secret slack: OSError"
    assert "unreachable-token" not in str(result)
