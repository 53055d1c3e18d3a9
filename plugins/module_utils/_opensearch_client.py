# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

The OpenSearch data plane: HTTPS requests to a domain's REST API (and its Dashboards API), signed with
SigV4 for the `es` service as the caller's AWS identity, or authenticated as an internal user of the
security plugin. Throttling (429) and passing failures (502, 503, 504, dropped connections) are retried
with full-jitter exponential backoff. The standard library's HTTP client does the talking; botocore
only signs.
"""

import http.client
import json
import random
import socket
import ssl
import time
from base64 import b64encode
from urllib.parse import quote, urlencode, urlsplit

try:
    import boto3
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
except ImportError:
    pass  # AnsibleAWSModule reports the missing SDK

from ansible_collections.amazon.aws.plugins.module_utils.botocore import get_aws_connection_info

RETRIED_STATUSES = {429, 502, 503, 504}
RETRIED_ERRORS = (ConnectionError, socket.timeout, http.client.RemoteDisconnected, http.client.IncompleteRead)


class OpenSearchError(Exception):
    """A request the domain refused (after retries), or could not be sent."""

    def __init__(self, message, status=None, body=None):
        super().__init__(message)
        self.status = status
        self.body = body


def endpoint_parts(endpoint):
    """(host, port) of a domain endpoint given as a host name or an https:// URL; plain HTTP is refused."""
    url = urlsplit(endpoint if "://" in endpoint else f"https://{endpoint}")
    if url.scheme != "https":
        raise OpenSearchError(f"the OpenSearch endpoint must be HTTPS, not {endpoint}")
    if not url.hostname:
        raise OpenSearchError(f"cannot read a host name from the OpenSearch endpoint {endpoint!r}")
    return url.hostname, url.port or 443


class OpenSearchClient:
    def __init__(
        self,
        endpoint,
        region,
        credentials=None,
        basic_auth=None,
        verify=True,
        timeout=30,
        retries=6,
        max_delay=20,
        headers=None,
    ):
        self.host, self.port = endpoint_parts(endpoint)
        self.region = region
        self.credentials = credentials
        self.basic_auth = basic_auth
        self.timeout = timeout
        self.retries = retries
        self.max_delay = max_delay
        self.headers = dict(headers or {})
        if verify is False:
            self.context = ssl._create_unverified_context()  # the caller chose validate_certs=false
        else:
            self.context = ssl.create_default_context(cafile=verify if isinstance(verify, str) else None)

    def _target(self, path, query):
        """The request target (path and query) and the full URL SigV4 signs."""
        target = quote(path, safe="/:@*,")
        if query:
            target += "?" + urlencode(sorted((k, _query_value(v)) for k, v in query.items()))
        netloc = self.host if self.port == 443 else f"{self.host}:{self.port}"
        return target, f"https://{netloc}{target}"

    def _signed_headers(self, method, url, payload, headers):
        headers = dict(self.headers, **headers)
        if payload is not None:
            headers["Content-Type"] = "application/json"
        if self.basic_auth:
            user, password = self.basic_auth
            token = b64encode(f"{user}:{password}".encode("utf-8")).decode("ascii")
            return dict(headers, Authorization=f"Basic {token}")
        request = AWSRequest(method=method, url=url, data=payload or b"", headers=headers)
        SigV4Auth(self.credentials.get_frozen_credentials(), "es", self.region).add_auth(request)
        return dict(request.headers.items())

    def _send_once(self, method, target, url, payload, headers):
        connection = http.client.HTTPSConnection(self.host, self.port, timeout=self.timeout, context=self.context)
        try:
            connection.request(method, target, body=payload, headers=self._signed_headers(method, url, payload, headers))
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def request(self, method, path, query=None, body=None, headers=None, missing_ok=False):
        """(status, decoded JSON body or None). A 404 comes back as (404, body) with `missing_ok`, else raises."""
        payload = None if body is None else json.dumps(body, sort_keys=True).encode("utf-8")
        target, url = self._target(path, query)
        attempt = 0
        while True:
            try:
                status, raw = self._send_once(method, target, url, payload, headers or {})
                failure = None
            except RETRIED_ERRORS as e:
                status, raw, failure = None, b"", e
            except (OSError, ssl.SSLError) as e:
                raise OpenSearchError(f"{method} {path}: cannot reach {self.host}:{self.port}: {e}") from e
            if (failure is None and status not in RETRIED_STATUSES) or attempt >= self.retries:
                break
            attempt += 1
            time.sleep(random.uniform(0, min(self.max_delay, 2**attempt)))
        if failure is not None:
            raise OpenSearchError(f"{method} {path}: {failure} (after {attempt} retries)")
        decoded = _decode(raw)
        if 200 <= status < 300 or (status == 404 and missing_ok):
            return status, decoded
        raise OpenSearchError(f"{method} {path} answered {status}: {_reason(decoded)}", status=status, body=decoded)


def _query_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _decode(raw):
    if not raw:
        return None
    try:
        return json.loads(raw.decode("utf-8"))
    except ValueError:
        return raw.decode("utf-8", "replace")


def _reason(body):
    if isinstance(body, dict):
        error = body.get("error", body.get("message", body))
        if isinstance(error, dict):
            return error.get("reason") or json.dumps(error, sort_keys=True)
        return str(error)
    return str(body)[:500]


def client_for(module, endpoint, username=None, password=None, headers=None):
    """An OpenSearchClient for an AnsibleAWSModule: its region, credentials and certificate options."""
    region, _endpoint_url, connection = get_aws_connection_info(module)
    verify = connection.get("verify", True)
    if username:
        return OpenSearchClient(endpoint, region, basic_auth=(username, password), verify=verify, headers=headers)
    session = boto3.session.Session(
        **{key: connection[key] for key in ("aws_access_key_id", "aws_secret_access_key", "aws_session_token", "profile_name") if connection.get(key)}
    )
    credentials = session.get_credentials()
    if credentials is None:
        raise OpenSearchError("no AWS credentials to sign OpenSearch requests with")
    return OpenSearchClient(endpoint, region, credentials=credentials, verify=verify, headers=headers)
