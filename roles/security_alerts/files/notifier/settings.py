# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The notifier's settings, every one from the function's environment (the security_alerts role sets them).

  SLACK_WEBHOOK_SECRET_ID      Secrets Manager secret (name or ARN) holding the webhook URL, or
  SLACK_WEBHOOK_PARAMETER      an SSM SecureString holding it (the secret wins when both are set);
                               the URL itself is never in the environment.
  SLACK_WEBHOOK_ALLOWED_HOSTS  comma-separated hosts the URL may name [hooks.slack.com]
  SLACK_WEBHOOK_CACHE_SECONDS  how long a warm container keeps the URL it read [300]
  SLACK_MAX_FINDINGS           findings shown in one message; the rest are counted [10]
  SLACK_MESSAGE_FIELDS         full, or minimal: title, severity, resource type and a console link [full]
  DEDUPE_TABLE                 DynamoDB table recording what was posted; unset: no dedupe
  DEDUPE_TTL_SECONDS           how long a record suppresses a repeat [604800, 7 days]

They are read at each invocation, so a misconfiguration fails the invocation (and the event goes to
Lambda's retries and the dead-letter queue) rather than the import.
"""

import os
from collections import namedtuple

MESSAGE_FIELDS = ("full", "minimal")

Settings = namedtuple(
    "Settings",
    "secret_id parameter allowed_hosts cache_seconds max_findings minimal dedupe_table dedupe_ttl_seconds",
)


class SettingsError(Exception):
    """The environment is not usable; the message names the variable."""


def whole_number(environ, name, default, minimum):
    value = environ.get(name, "").strip() or str(default)
    if not value.isdigit() or int(value) < minimum:
        raise SettingsError(f"{name} must be a whole number of at least {minimum}, not {value!r}")
    return int(value)


def allowed_hosts(environ):
    hosts = tuple(
        host.strip().lower() for host in environ.get("SLACK_WEBHOOK_ALLOWED_HOSTS", "hooks.slack.com").split(",")
    )
    hosts = tuple(host for host in hosts if host)
    if not hosts:
        raise SettingsError("SLACK_WEBHOOK_ALLOWED_HOSTS names no host")
    return hosts


def message_fields(environ):
    fields = environ.get("SLACK_MESSAGE_FIELDS", "").strip().lower() or "full"
    if fields not in MESSAGE_FIELDS:
        raise SettingsError(f"SLACK_MESSAGE_FIELDS must be one of {', '.join(MESSAGE_FIELDS)}, not {fields!r}")
    return fields


def load(environ=None):
    environ = os.environ if environ is None else environ
    return Settings(
        secret_id=environ.get("SLACK_WEBHOOK_SECRET_ID", "").strip(),
        parameter=environ.get("SLACK_WEBHOOK_PARAMETER", "").strip(),
        allowed_hosts=allowed_hosts(environ),
        cache_seconds=whole_number(environ, "SLACK_WEBHOOK_CACHE_SECONDS", 300, 0),
        max_findings=whole_number(environ, "SLACK_MAX_FINDINGS", 10, 1),
        minimal=message_fields(environ) == "minimal",
        dedupe_table=environ.get("DEDUPE_TABLE", "").strip(),
        dedupe_ttl_seconds=whole_number(environ, "DEDUPE_TTL_SECONDS", 604800, 1),
    )
