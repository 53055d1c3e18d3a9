"""The data-plane client: SigV4 over verified TLS, retries of throttling and passing failures, HTTPS only."""

import ssl

import pytest
from botocore.credentials import Credentials

from ansible_collections.devsecops.aws.plugins.module_utils._opensearch_client import OpenSearchClient, OpenSearchError

from tests.support.opensearch_peer import ACCESS_KEY, REGION, SECRET_KEY


def signed_client(peer, secret=SECRET_KEY, **kwargs):
    return OpenSearchClient(peer.endpoint, REGION, credentials=Credentials(ACCESS_KEY, secret), verify=str(peer.ca_bundle), **kwargs)


def test_requests_are_signed_with_sigv4_for_es_and_the_peer_verifies_the_signature(peer):
    status, body = signed_client(peer).request("GET", "/_index_template/missing", query={"flat_settings": True}, missing_ok=True)
    assert status == 404
    assert peer.calls() == [("GET", "/_index_template/missing")]
    assert peer.unauthenticated == []


def test_a_wrong_secret_key_gives_a_signature_the_peer_refuses(peer):
    with pytest.raises(OpenSearchError) as refused:
        signed_client(peer, secret="not-the-key").request("GET", "/_index_template/x", missing_ok=True)
    assert refused.value.status == 403
    assert peer.unauthenticated == [("GET", "/_index_template/x")]


def test_an_internal_user_authenticates_with_basic_credentials(peer):
    client = OpenSearchClient(peer.endpoint, REGION, basic_auth=("siem-admin", "Not-a-real-passw0rd!"), verify=str(peer.ca_bundle))
    assert client.request("GET", "/_plugins/_security/api/rolesmapping/all_access", missing_ok=True)[0] == 404
    assert peer.unauthenticated == []


def test_throttling_and_passing_failures_are_retried_with_backoff(peer, no_sleep):
    peer.fail_next = [429, 503, 502]
    status = signed_client(peer).request("GET", "/_index_template/x", missing_ok=True)[0]
    assert status == 404
    assert len(no_sleep) == 3 and all(0 <= delay <= 20 for delay in no_sleep)


def test_a_failure_that_persists_is_reported_after_the_retries(peer, no_sleep):
    peer.fail_next = [429] * 10
    with pytest.raises(OpenSearchError) as failed:
        signed_client(peer, retries=3).request("GET", "/_index_template/x")
    assert failed.value.status == 429
    assert "answered 429: injected failure" in str(failed.value)
    assert len(no_sleep) == 3


def test_an_error_answer_is_not_retried_and_names_the_reason(peer, no_sleep):
    with pytest.raises(OpenSearchError) as failed:
        signed_client(peer).request("GET", "/_index_template/x")
    assert failed.value.status == 404 and "index template [x] not found" in str(failed.value)
    assert no_sleep == []


def test_an_unknown_certificate_is_refused(peer):
    with pytest.raises(OpenSearchError, match="CERTIFICATE_VERIFY_FAILED"):
        OpenSearchClient(peer.endpoint, REGION, credentials=Credentials(ACCESS_KEY, SECRET_KEY)).request("GET", "/_index_template/x")
    assert peer.requests == []


def test_plain_http_is_refused_before_any_request():
    with pytest.raises(OpenSearchError, match="must be HTTPS"):
        OpenSearchClient("http://127.0.0.1:9200", REGION, credentials=Credentials(ACCESS_KEY, SECRET_KEY))


def test_a_host_name_means_https_on_443():
    client = OpenSearchClient("search-siem-abc.us-east-1.es.amazonaws.com", REGION, credentials=Credentials(ACCESS_KEY, SECRET_KEY))
    assert (client.host, client.port) == ("search-siem-abc.us-east-1.es.amazonaws.com", 443)
    assert client.context.verify_mode == ssl.CERT_REQUIRED
