# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The Slack webhook: read from where it is kept, validated, and posted to without leaking it.

The URL is a bearer token. It is read from Secrets Manager or SSM, kept per warm container for
SLACK_WEBHOOK_CACHE_SECONDS, and validated before any request: https, a host exactly in
SLACK_WEBHOOK_ALLOWED_HOSTS, no user information, no port but 443. Redirects are never followed.
Every failure on the way to Slack becomes a WebhookError whose message names where the URL is kept
and the reason only: no error or log line holds the URL or any part of its path.

Slack answering 429 is retried after its Retry-After while the invocation has time left, at most
RATE_LIMIT_ATTEMPTS times; 403/404/410 (a revoked or rotated webhook) read the URL again and retry
once; anything else that is not 2xx raises, so that Lambda retries the event and then dead-letters it.
"""

import http.client
import json
import logging
import ssl
import time
from collections import namedtuple
from contextlib import closing
from urllib.parse import urlsplit

import boto3
from botocore.exceptions import BotoCoreError, ClientError

LOGGER = logging.getLogger(__name__)
# botocore logs every response body at DEBUG, and GetSecretValue's body is the webhook URL.
logging.getLogger("botocore.parsers").setLevel(logging.INFO)

HTTPS_PORT = 443
TIMEOUT_SECONDS = 10
# Time kept back from each wait and request, so the invocation can still release its claims and fail cleanly.
SAFETY_MARGIN_SECONDS = 2
# A request given less than this is not worth starting.
MIN_REQUEST_SECONDS = 0.5
RATE_LIMIT_ATTEMPTS = 3
# Slack's Retry-After is in seconds; without one, wait this long.
DEFAULT_RETRY_AFTER_SECONDS = 1
# Slack answers these when a webhook was revoked or rotated: read the secret again and retry once.
STALE_WEBHOOK_STATUSES = (403, 404, 410)
RESPONSE_BODY_LIMIT = 65536

# Where the URL goes: the allowed host and the request target (path and query). Never logged.
Webhook = namedtuple("Webhook", "host target")

# Looked up at call time, so tests can pass time without sleeping.
sleep = time.sleep

_cache = {"where": None, "webhook": None, "expires": 0.0}


class WebhookError(Exception):
    """Slack could not be posted to; the message names where the URL is kept, never the URL."""


def where_kept(settings):
    """Where the URL is kept, as messages name it; WebhookError when the environment names no place."""
    if settings.secret_id:
        return f"secret {settings.secret_id}"
    if settings.parameter:
        return f"parameter {settings.parameter}"
    raise WebhookError("set SLACK_WEBHOOK_SECRET_ID or SLACK_WEBHOOK_PARAMETER to where the webhook URL is kept")


def read_url(settings, where):
    try:
        if settings.secret_id:
            value = boto3.client("secretsmanager").get_secret_value(SecretId=settings.secret_id).get("SecretString")
        else:
            response = boto3.client("ssm").get_parameter(Name=settings.parameter, WithDecryption=True)
            value = response["Parameter"].get("Value")
    except ClientError as error:
        raise WebhookError(f"cannot read the Slack webhook from {where}: {error.response['Error']['Code']}") from None
    except BotoCoreError as error:
        raise WebhookError(f"cannot read the Slack webhook from {where}: {type(error).__name__}") from None
    if not isinstance(value, str):
        raise WebhookError(f"cannot read the Slack webhook from {where}: it holds no string value")
    return value.strip()


def url_problem(url, allowed_hosts):
    """Why the URL may not be posted to, or None. The reasons never quote the URL."""
    if not url or any(not " " < character < "\x7f" for character in url):
        return "it is empty or holds spaces, control or non-ASCII characters"
    try:
        parts = urlsplit(url)
        port, host = parts.port, parts.hostname
    except ValueError:
        return "it cannot be parsed as a URL"
    if parts.scheme != "https":
        return "it is not an https URL"
    if "@" in parts.netloc:
        return "it holds user information"
    if host not in allowed_hosts:
        return "its host is not in SLACK_WEBHOOK_ALLOWED_HOSTS"
    if port not in (None, HTTPS_PORT):
        return f"it names a port other than {HTTPS_PORT}"
    if parts.path in ("", "/"):
        return "it has no webhook path"
    return None


def parse_webhook(url, allowed_hosts, where):
    problem = url_problem(url, allowed_hosts)
    if problem:
        raise WebhookError(f"the Slack webhook in {where} is refused: {problem}")
    parts = urlsplit(url)
    return Webhook(parts.hostname, parts.path + (f"?{parts.query}" if parts.query else ""))


def webhook(settings, refresh=False):
    where = where_kept(settings)
    if refresh or _cache["where"] != where or time.monotonic() >= _cache["expires"]:
        _cache["expires"] = 0.0
        hook = parse_webhook(read_url(settings, where), settings.allowed_hosts, where)
        _cache.update(where=where, webhook=hook, expires=time.monotonic() + settings.cache_seconds)
    return _cache["webhook"]


def failure_reason(error, timeout):
    if isinstance(error, TimeoutError):
        return f"no answer within {timeout:g} s"
    if isinstance(error, ssl.SSLError):
        return f"the TLS connection failed ({type(error).__name__})"
    if isinstance(error, OSError):
        return f"the connection failed ({type(error).__name__})"
    return type(error).__name__


def post_once(hook, body, timeout, where):
    """(HTTP status, Retry-After header) of one POST; redirects are answers, not followed."""
    try:
        connection = http.client.HTTPSConnection(
            hook.host, HTTPS_PORT, timeout=timeout, context=ssl.create_default_context()
        )
        with closing(connection):
            connection.request("POST", hook.target, body=body, headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            response.read(RESPONSE_BODY_LIMIT)
            return response.status, response.getheader("Retry-After")
    # Whatever the error, its text may quote the URL: only its kind is kept.
    except Exception as error:  # pylint: disable=broad-except
        raise WebhookError(f"cannot post to the Slack webhook in {where}: {failure_reason(error, timeout)}") from None


def retry_after_seconds(header):
    value = (header or "").strip()
    return int(value) if value.isdigit() else DEFAULT_RETRY_AFTER_SECONDS


def request_timeout(remaining_seconds, where):
    timeout = min(TIMEOUT_SECONDS, remaining_seconds() - SAFETY_MARGIN_SECONDS)
    if timeout < MIN_REQUEST_SECONDS:
        raise WebhookError(f"no time left in this invocation to post to the Slack webhook in {where}")
    return timeout


def post(hook, body, remaining_seconds, where):
    """The HTTP status of the POST, 429s retried after their Retry-After while time and attempts last."""
    attempt = 1
    while True:
        status, retry_after = post_once(hook, body, request_timeout(remaining_seconds, where), where)
        if status != 429:
            return status
        if attempt == RATE_LIMIT_ATTEMPTS:
            raise WebhookError(f"the Slack webhook in {where} is still rate limited after {attempt} attempts")
        wait = retry_after_seconds(retry_after)
        left = remaining_seconds() - SAFETY_MARGIN_SECONDS - MIN_REQUEST_SECONDS
        if wait > left:
            raise WebhookError(
                f"the Slack webhook in {where} is rate limited for {wait} s, more than the {max(left, 0):.0f} s"
                " this invocation has left"
            )
        attempt += 1
        LOGGER.warning("Slack rate limited the post; attempt %d of %d in %d s", attempt, RATE_LIMIT_ATTEMPTS, wait)
        sleep(wait)


def send(message, settings, remaining_seconds):
    """POST the message to the webhook; its HTTP status, or WebhookError. remaining_seconds() is the time left."""
    where = where_kept(settings)
    body = json.dumps(message).encode("utf-8")
    status = post(webhook(settings), body, remaining_seconds, where)
    if status in STALE_WEBHOOK_STATUSES:
        LOGGER.warning("the Slack webhook answered HTTP %d; reading %s again", status, where)
        status = post(webhook(settings, refresh=True), body, remaining_seconds, where)
    if 300 <= status < 400:
        raise WebhookError(f"the Slack webhook in {where} answered HTTP {status}; redirects are not followed")
    if not 200 <= status < 300:
        raise WebhookError(f"the Slack webhook in {where} answered HTTP {status}")
    return status
