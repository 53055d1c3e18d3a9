"""playbooks/risk_report.yml against the local endpoint (Security Hub, S3, Secrets Manager) and a Slack
stand-in: an HTTPS server on 127.0.0.1:443 with a certificate made for the test, trusted through
SSL_CERT_FILE. The webhook validation allows only port 443, as the security_alerts notifier's does, so
the stand-in needs that port (root, as in CI); without it the Slack cases are skipped."""

import copy
import json
import ssl
import subprocess
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from ansible_collections.devsecops.aws.plugins.module_utils._findings import securityhub

from tests.support import securityhub_samples as samples
from tests.support.local_aws import client, run_playbook

pytestmark = pytest.mark.slow

BUCKET = "devsecops-risk-reports"
SECRET = "devsecops/security-alerts/slack-webhook"
WEBHOOK = "https://127.0.0.1/services/T0000/B0000/risk-report-test-token"


class SlackStandIn(BaseHTTPRequestHandler):
    posts = []

    def do_POST(self):  # noqa: N802  (http.server's name)
        body = self.rfile.read(int(self.headers["Content-Length"]))
        SlackStandIn.posts.append({"path": self.path, "message": json.loads(body)})
        self.send_response(200)
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def slack(tmp_path_factory):
    """The stand-in's certificate file (for SSL_CERT_FILE) and the posts it received."""
    workdir = tmp_path_factory.mktemp("slack")
    cert, key = workdir / "cert.pem", workdir / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    try:
        server = HTTPServer(("127.0.0.1", 443), SlackStandIn)
    except OSError as e:
        pytest.skip(f"the Slack stand-in needs 127.0.0.1:443 (the webhook validation allows no other port): {e}")
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield cert, SlackStandIn.posts
    server.shutdown()
    server.server_close()


@pytest.fixture
def aws(fresh_aws):
    client(fresh_aws, "s3").create_bucket(Bucket=BUCKET)
    return fresh_aws


def seed(endpoint, findings):
    hub = client(endpoint, "securityhub")
    for batch, _too_large in securityhub.batches(findings):
        assert hub.batch_import_findings(Findings=batch)["FailedCount"] == 0


def keys(endpoint):
    listed = client(endpoint, "s3").list_objects_v2(Bucket=BUCKET).get("Contents", [])
    return sorted(item["Key"] for item in listed)


def risk_report(endpoint, report_dir, cert=None, *args, **extra):
    variables = dict(
        risk_report_dir=str(report_dir),
        risk_report_s3_bucket=BUCKET,
        risk_report_slack_enabled=True,
        risk_report_slack_allowed_hosts=["127.0.0.1"],
        **extra,
    )
    env = {"SSL_CERT_FILE": str(cert)} if cert else {}
    return run_playbook(endpoint, "playbooks/risk_report.yml", "-e", json.dumps(variables), *args, env=env)


def test_the_weekly_report_goes_to_s3_and_its_summary_to_slack_and_the_next_names_the_change(aws, slack, tmp_path):
    cert, posts = slack
    posts.clear()
    first = samples.guardduty() + samples.inspector() + samples.ours("webgoat")
    seed(aws, first)
    client(aws, "secretsmanager").create_secret(Name=SECRET, SecretString=WEBHOOK)

    checked = risk_report(aws, tmp_path / "check", cert, "--check", risk_report_now="2026-11-24T06:00:00Z")
    assert checked.rc == 0, checked
    assert keys(aws) == [] and not (tmp_path / "check").exists() and posts == []

    week1 = risk_report(aws, tmp_path / "week1", cert, risk_report_now="2026-11-24T06:00:00Z")
    assert week1.rc == 0, week1
    stored = keys(aws)
    assert {"risk-report/risk-report.html", "risk-report/risk-report.md", "risk-report/risk-report-state.json"} <= set(stored)
    assert any(key.startswith("risk-report/scopes/") and key.endswith(".html") for key in stored)
    assert len(posts) == 1 and posts[0]["path"] == "/services/T0000/B0000/risk-report-test-token"
    text = posts[0]["message"]["text"]
    assert text.startswith("Security risk report 2026-11-24T06:00:00Z: 77 open findings (1 critical, 6 high")
    assert "First report" in text and "risk-report.html" in text and "X-Amz-Signature=" in text
    assert "risk-report-test-token" not in week1.output  # the webhook never reaches the output

    # GuardDuty archives a finding; Config reports a bucket. A new machine: the state comes from S3.
    archived = dict(copy.deepcopy(first[0]), RecordState="ARCHIVED", UpdatedAt="2026-11-30T06:00:00.000Z")
    seed(aws, [archived] + samples.config())
    week2 = risk_report(aws, tmp_path / "week2", cert, risk_report_now="2026-12-01T06:00:00Z")
    assert week2.rc == 0, week2
    text = posts[1]["message"]["text"]
    assert "Since 2026-11-24T06:00:00Z: 1 new, 1 resolved." in text
    link = text.rsplit("<", 1)[1].split("|", 1)[0]
    with urllib.request.urlopen(link) as response:  # the presigned link serves the report
        page = response.read().decode("utf-8")
    assert first[0]["Title"] in page.split('id="resolved"', 1)[1]
    state = json.loads(client(aws, "s3").get_object(Bucket=BUCKET, Key="risk-report/risk-report-state.json")["Body"].read())
    assert [entry["generated_at"] for entry in state["reports"]] == ["2026-11-24T06:00:00Z", "2026-12-01T06:00:00Z"]


@pytest.mark.parametrize(
    "webhook, reason",
    [
        ("http://127.0.0.1/services/T0000/B0000/plain-http-token", "it is not an https URL"),
        ("https://hooks.example.com/services/T0000/B0000/other-host-token", "its host is not one of the allowed hosts"),
        ("https://127.0.0.1:8443/services/T0000/B0000/other-port-token", "it names a port other than 443"),
    ],
    ids=["http", "host", "port"],
)
def test_a_webhook_that_is_not_a_slack_https_url_is_refused_without_being_shown(aws, tmp_path, webhook, reason):
    seed(aws, samples.config())
    client(aws, "secretsmanager").create_secret(Name=SECRET, SecretString=webhook)
    result = risk_report(aws, tmp_path)
    assert result.rc != 0 and f"the Slack webhook in secret {SECRET} is refused: {reason}" in result.output, result
    assert webhook.rsplit("/", 1)[1] not in result.output
