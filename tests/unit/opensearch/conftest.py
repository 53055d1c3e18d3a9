"""An OpenSearch stand-in on 127.0.0.1 whose every request is checked against the API specification."""

import pytest

from tests.support.opensearch_peer import ACCESS_KEY, REGION, SECRET_KEY, OpenSearchPeer


@pytest.fixture
def peer():
    with OpenSearchPeer(basic_users={"siem-admin": "Not-a-real-passw0rd!"}) as peer:
        yield peer
    assert peer.refused == [], "requests the OpenSearch API specification does not describe"


@pytest.fixture
def connection(peer):
    """Module options that reach the peer, signing as the peer expects."""
    return dict(
        endpoint=peer.endpoint,
        aws_ca_bundle=str(peer.ca_bundle),
        region=REGION,
        access_key=ACCESS_KEY,
        secret_key=SECRET_KEY,
    )


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch):
    slept = []
    monkeypatch.setattr("time.sleep", slept.append)
    return slept
