# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

A Slack incoming webhook, posted to from a module. The URL is a bearer token: it is validated as the
security_alerts notifier validates it (https, a host exactly in the allowed list, no user information,
no port but 443, a webhook path) before any request, redirects are never followed, and no message
this file writes holds the URL or any part of its path. url_problem is the notifier's check
(roles/security_alerts/files/notifier/slack_webhook.py), repeated because the Lambda package cannot
import the collection: change both together.
"""

import http.client
import json
import ssl
from contextlib import closing
from urllib.parse import urlsplit

HTTPS_PORT = 443
RESPONSE_BODY_LIMIT = 65536


class SlackError(Exception):
    """Slack could not be posted to; the message names where the URL is kept, never the URL."""


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
        return "its host is not one of the allowed hosts"
    if port not in (None, HTTPS_PORT):
        return f"it names a port other than {HTTPS_PORT}"
    if parts.path in ("", "/"):
        return "it has no webhook path"
    return None


def post(url, message, where, timeout=10, context=None):
    """POST `message` (a dict) as JSON to the validated `url`; its HTTP status, or SlackError."""
    parts = urlsplit(url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    body = json.dumps(message).encode("utf-8")
    try:
        connection = http.client.HTTPSConnection(
            parts.hostname, HTTPS_PORT, timeout=timeout, context=context or ssl.create_default_context()
        )
        with closing(connection):
            connection.request("POST", target, body=body, headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            response.read(RESPONSE_BODY_LIMIT)
            status = response.status
    # Whatever the error, its text may quote the URL: only its kind is kept.
    except Exception as error:  # pylint: disable=broad-except
        raise SlackError(f"cannot post to the Slack webhook in {where}: {type(error).__name__}") from None
    if 300 <= status < 400:
        raise SlackError(f"the Slack webhook in {where} answered HTTP {status}; redirects are not followed")
    if not 200 <= status < 300:
        raise SlackError(f"the Slack webhook in {where} answered HTTP {status}")
    return status
