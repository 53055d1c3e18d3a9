"""What the notifier's tests share: real-format events, Lambda's context, and an https server on
127.0.0.1 standing in for Slack with a certificate authority of the tests' own."""

import datetime
import ipaddress
import json
import ssl
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tests.support.fixtures import REPORTS
from tests.support.paths import ROOT

NOTIFIER_DIR = ROOT / "roles/security_alerts/files/notifier"
SECRET_NAME = "devsecops/slack-webhook"
DEDUPE_TABLE = "devsecops-security-alerts-dedupe"
CONFIG_RULE = "s3-bucket-public-read-prohibited"
# A webhook path shaped like Slack's; none of its parts may appear in a log line or an error.
WEBHOOK_PATH = "/services/T0SECRETWS/B0SECRETCH/tok3nS3cr3tValue0123456789"
WEBHOOK_PATH_PARTS = [part for part in WEBHOOK_PATH.split("/") if part]


def asff(name):
    """ASFF findings from a sample: a BatchImportFindings-style {"Findings": [...]} or a bare list."""
    data = json.loads((REPORTS / "asff" / name).read_text())
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


def config_event(**changes):
    """An AWS Config "Config Rules Compliance Change" event as EventBridge delivers it."""
    detail = {
        "resourceId": "devsecops-artifacts",
        "awsRegion": "us-east-1",
        "awsAccountId": "123456789012",
        "configRuleName": CONFIG_RULE,
        "recordVersion": "1.0",
        "configRuleARN": "arn:aws:config:us-east-1:123456789012:config-rule/config-rule-abc123",
        "messageType": "ComplianceChangeNotification",
        "newEvaluationResult": {
            "evaluationResultIdentifier": {
                "evaluationResultQualifier": {
                    "configRuleName": CONFIG_RULE,
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
    }
    detail.update(changes)
    return {
        "version": "0",
        "id": "d2b5b6f9-3c4e-4f5a-9b8c-1a2b3c4d5e6f",
        "detail-type": "Config Rules Compliance Change",
        "source": "aws.config",
        "account": "123456789012",
        "time": "2026-11-29T01:00:00Z",
        "region": "us-east-1",
        "resources": [],
        "detail": detail,
    }


def guardduty_event():
    """GuardDuty's own "GuardDuty Finding" event (the sample's detail in EventBridge's envelope)."""
    sample = json.loads((REPORTS / "guardduty/eventbridge-partial-ssh-bruteforce.json").read_text())
    return dict(
        sample,
        version="0",
        source="aws.guardduty",
        account="123456789012",
        resources=[],
        **{"detail-type": "GuardDuty Finding"},
    )


class FakeContext:
    """Lambda's context: the time left shrinks with real time and with the waits the notifier asks for."""

    def __init__(self, seconds=30):
        self.deadline = time.monotonic() + seconds
        self.waits = []

    def get_remaining_time_in_millis(self):
        return int((self.deadline - time.monotonic() - sum(self.waits)) * 1000)

    def sleep(self, seconds):
        self.waits.append(seconds)


def make_certificates(directory):
    """A certificate authority (its file is what SSL_CERT_FILE trusts) and a server certificate for 127.0.0.1."""
    now = datetime.datetime.now(datetime.timezone.utc)
    ca_key, server_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "notifier test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    server = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(server_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    pem = serialization.Encoding.PEM
    paths = SimpleNamespace(ca=directory / "ca.pem", cert=directory / "server.pem", key=directory / "server-key.pem")
    paths.ca.write_bytes(ca.public_bytes(pem))
    paths.cert.write_bytes(server.public_bytes(pem))
    paths.key.write_bytes(
        server_key.private_bytes(pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return paths


class FakeSlack:
    """An https webhook on 127.0.0.1 that records what it receives and gives the answers it is told:
    (status, headers) pairs, or "stall" to answer nothing until closed; then 200."""

    def __init__(self, certificates):
        # statuses[i] is the answer to requests[i] (None: no answer).
        self.requests, self.answers, self.statuses = [], [], []
        self.on_request = None
        self.closed = threading.Event()
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                owner.requests.append((self.path, self.headers["Content-Type"], json.loads(body)))
                if owner.on_request:
                    owner.on_request(len(owner.requests))
                answer = owner.answers.pop(0) if owner.answers else (200, {})
                if answer == "stall":
                    owner.statuses.append(None)
                    owner.closed.wait(10)
                    return
                status, headers = answer
                owner.statuses.append(status)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *_):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(certificates.cert, certificates.key)
        self.server.socket = tls.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path=WEBHOOK_PATH):
        return f"https://127.0.0.1{path}"

    def bodies(self):
        return [body for _path, _content_type, body in self.requests]

    def close(self):
        self.closed.set()
        self.server.shutdown()
        self.server.server_close()
