# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Lambda handler: post Security Hub findings and AWS Config non-compliance to a Slack webhook, once.

EventBridge invokes it with one of:
  - "Security Hub Findings - Imported" (source aws.securityhub), whose detail.findings are ASFF findings;
  - "Security Hub Findings - Custom Action", findings a person sent: posted every time, never deduplicated;
  - "Config Rules Compliance Change" (source aws.config), posted when NON_COMPLIANT.
Anything else is ignored. With DEDUPE_TABLE set, a finding is posted once and again only when its
severity rises or its state changes, a Config evaluation once per rule, resource and compliance type
(dedupe.py). A post Slack did not accept raises, so that Lambda retries the event and then gives it to
the dead-letter queue; nothing is recorded for it. The response says what was done.

Modules (all in the function's package): settings.py (the environment), slack_webhook.py (the URL and
the POST), slack_message.py (formatting), redaction.py (minimal messages), dedupe.py (the table).
Only the Python standard library and the boto3 the Lambda runtime provides are used.
"""

import logging
import time
from collections import namedtuple

import dedupe
import slack_message
import slack_webhook
from settings import load as load_settings

LOGGER = logging.getLogger()
LOGGER.setLevel(logging.INFO)

IMPORTED = "Security Hub Findings - Imported"
CUSTOM_ACTION = "Security Hub Findings - Custom Action"
CONFIG_CHANGE = "Config Rules Compliance Change"


class NotifierError(Exception):
    """A failure worth a retry by Lambda; its message never holds the webhook URL."""


# What an event asks to post: (key, state, body) items, whether they are deduplicated, and
# message(bodies), the Slack message for the items to post.
Alert = namedtuple("Alert", "kind items deduplicated message")


def securityhub_alert(event, settings):
    detail = event.get("detail", {})
    findings = detail.get("findings", [])
    if not findings:
        return None

    def message(posted):
        region = event.get("region")
        action = detail.get("actionName")
        return slack_message.securityhub_message(posted, region, settings.max_findings, settings.minimal, action)

    items = [(dedupe.finding_key(finding), dedupe.finding_state(finding), finding) for finding in findings]
    return Alert("finding(s)", items, event.get("detail-type") == IMPORTED, message)


def config_alert(event, settings):
    detail = event.get("detail", {})
    if detail.get("newEvaluationResult", {}).get("complianceType") != "NON_COMPLIANT":
        return None

    def message(_posted):
        return slack_message.config_message(event, settings.minimal)

    return Alert("Config evaluation(s)", [(dedupe.config_key(detail), {}, event)], True, message)


def read_alert(event, settings):
    """The Alert an event asks for, or None for an event this function does not post."""
    source, detail_type = event.get("source"), event.get("detail-type")
    if source == "aws.securityhub" and detail_type in (IMPORTED, CUSTOM_ACTION):
        return securityhub_alert(event, settings)
    if source == "aws.config" and detail_type == CONFIG_CHANGE:
        return config_alert(event, settings)
    return None


def claim(store, items, hold_until):
    """(claims, duplicates, contended) of the items; an item whose key came earlier in the event is a duplicate."""
    claims, duplicates, contended, seen = [], 0, 0, set()
    for key, state, body in items:
        outcome = dedupe.DUPLICATE if key in seen else store.claim(key, state, hold_until)
        seen.add(key)
        if outcome == dedupe.DUPLICATE:
            duplicates += 1
        elif outcome == dedupe.CONTENDED:
            contended += 1
        else:
            claims.append((outcome, body))
    return claims, duplicates, contended


def post(alert, bodies, settings, remaining_seconds):
    status = slack_webhook.send(alert.message(bodies), settings, remaining_seconds)
    LOGGER.info("posted %d %s to Slack (HTTP %d)", len(bodies), alert.kind, status)
    return status


def post_once(alert, settings, remaining_seconds):
    """Post what the table has not seen; record it only once Slack accepted it."""
    store = dedupe.DedupeStore(settings.dedupe_table, settings.dedupe_ttl_seconds)
    claims, duplicates, contended = claim(store, alert.items, time.time() + remaining_seconds())
    result = {"action": "duplicate", "posted": 0, "duplicates": duplicates}
    if claims:
        try:
            status = post(alert, [body for dummy, body in claims], settings, remaining_seconds)
        except Exception:
            for held, dummy in claims:
                store.release(held)
            raise
        for held, dummy in claims:
            store.confirm(held)
        result.update(action="posted", posted=len(claims), http_status=status)
    if duplicates:
        LOGGER.info("skipped %d %s already posted", duplicates, alert.kind)
    if contended:
        raise NotifierError(
            f"another invocation is posting {contended} of the {alert.kind} in this event; failing so that Lambda"
            " retries it once that post is recorded"
        )
    return result


def handler(event, context):
    settings = load_settings()
    alert = read_alert(event, settings)
    if alert is None:
        LOGGER.info("ignored an event of source %s, detail-type %s", event.get("source"), event.get("detail-type"))
        return {"action": "ignored"}

    def remaining_seconds():
        return context.get_remaining_time_in_millis() / 1000

    if settings.dedupe_table and alert.deduplicated:
        return post_once(alert, settings, remaining_seconds)
    bodies = [body for dummy, dummy, body in alert.items]
    status = post(alert, bodies, settings, remaining_seconds)
    return {"action": "posted", "posted": len(bodies), "duplicates": 0, "http_status": status}
