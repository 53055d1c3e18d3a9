"""The notifier Lambda as Python, against moto (Secrets Manager, SSM, DynamoDB) and an https server on
127.0.0.1 standing in for Slack.

The notifier posts only to https on port 443 of a host in SLACK_WEBHOOK_ALLOWED_HOSTS, verifying the
certificate. The tests allow 127.0.0.1, trust a certificate authority of their own through
SSL_CERT_FILE, and route connections to 127.0.0.1:443 to the server's port: the notifier runs as it
does in Lambda, with no option that exists only for tests.
"""

import importlib
import socket
import sys
from types import SimpleNamespace

import pytest
from notifier_support import DEDUPE_TABLE, NOTIFIER_DIR, SECRET_NAME, FakeSlack, make_certificates

from tests.support.local_aws import DUMMY_ENV, client


@pytest.fixture(scope="session")
def certificates(tmp_path_factory):
    return make_certificates(tmp_path_factory.mktemp("notifier-tls"))


@pytest.fixture
def slack(certificates, monkeypatch):
    """The fake Slack, reached as https://127.0.0.1/... (port 443) and trusted through SSL_CERT_FILE."""
    server = FakeSlack(certificates)
    connect = socket.create_connection

    def create_connection(address, *args, **kwargs):
        return connect(("127.0.0.1", server.port) if tuple(address) == ("127.0.0.1", 443) else address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setenv("SSL_CERT_FILE", str(certificates.ca))
    monkeypatch.setenv("SLACK_WEBHOOK_ALLOWED_HOSTS", "127.0.0.1")
    yield server
    server.close()


@pytest.fixture
def aws(fresh_aws, monkeypatch):
    for name, value in dict(DUMMY_ENV, AWS_ENDPOINT_URL=fresh_aws).items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("AWS_PROFILE", raising=False)
    for name in ("SLACK_WEBHOOK_SECRET_ID", "SLACK_WEBHOOK_PARAMETER", "DEDUPE_TABLE", "SLACK_MESSAGE_FIELDS"):
        monkeypatch.delenv(name, raising=False)
    return fresh_aws


def import_notifier(patch):
    """The notifier's modules freshly imported from the role's files, as a new Lambda container has them."""
    patch.syspath_prepend(str(NOTIFIER_DIR))
    names = sorted(path.stem for path in NOTIFIER_DIR.glob("*.py"))
    for name in names:
        patch.delitem(sys.modules, name, raising=False)
    return SimpleNamespace(**{name: importlib.import_module(name) for name in names})


@pytest.fixture
def load(monkeypatch):
    """load(): the notifier's modules, imported anew (call it once the test's environment is set)."""
    return lambda: import_notifier(monkeypatch)


@pytest.fixture(scope="module")
def modules():
    """The notifier's modules for tests of its pure functions, which read no environment."""
    with pytest.MonkeyPatch.context() as patch:
        yield import_notifier(patch)


@pytest.fixture
def lambda_(aws, slack, load, monkeypatch):
    """The notifier with its webhook in Secrets Manager, as the security_alerts role deploys it."""
    client(aws, "secretsmanager").create_secret(Name=SECRET_NAME, SecretString=slack.url())
    monkeypatch.setenv("SLACK_WEBHOOK_SECRET_ID", SECRET_NAME)
    return load()


@pytest.fixture
def dedupe_table(aws, monkeypatch):
    """The dedupe table as the role creates it (partition key id, TTL on expires_at); records() reads it back."""
    dynamodb = client(aws, "dynamodb")
    dynamodb.create_table(
        TableName=DEDUPE_TABLE,
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        BillingMode="PAY_PER_REQUEST",
    )
    dynamodb.update_time_to_live(
        TableName=DEDUPE_TABLE, TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires_at"}
    )
    monkeypatch.setenv("DEDUPE_TABLE", DEDUPE_TABLE)

    def records():
        items = dynamodb.scan(TableName=DEDUPE_TABLE, ConsistentRead=True)["Items"]
        return {
            item["id"]["S"]: {name: int(value["N"]) if "N" in value else value["S"] for name, value in item.items()}
            for item in items
        }

    return SimpleNamespace(name=DEDUPE_TABLE, client=dynamodb, records=records)
