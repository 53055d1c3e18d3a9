# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Lambda handler: post Security Hub findings and AWS Config non-compliance to a Slack webhook.

EventBridge invokes it with one of:
  - "Security Hub Findings - Imported" or "Security Hub Findings - Custom Action" (source aws.securityhub),
    whose detail.findings are ASFF findings;
  - "Config Rules Compliance Change" (source aws.config).

The webhook URL is a secret: the environment holds only the NAME or ARN of where it is kept, either
SLACK_WEBHOOK_SECRET_ID (Secrets Manager) or SLACK_WEBHOOK_PARAMETER (SSM SecureString). It is read
once per warm container for CACHE_SECONDS, again when Slack refuses it (rotated), and never logged.
Only the Python standard library and the boto3 the Lambda runtime provides are used.
"""

import json
import logging
import os
import time
import urllib.error
import urllib.request

import boto3

LOGGER = logging.getLogger()
LOGGER.setLevel(logging.INFO)

CACHE_SECONDS = int(os.environ.get("SLACK_WEBHOOK_CACHE_SECONDS", "300"))
TIMEOUT_SECONDS = 10
# Slack shows at most this many findings of one event; the rest are counted.
MAX_FINDINGS_SHOWN = 10
# Slack answers these when a webhook was revoked or rotated: read the secret again and retry once.
STALE_WEBHOOK_STATUSES = (403, 404, 410)

SEVERITY_STYLE = {
    "CRITICAL": (":rotating_light:", "#7b0000"),
    "HIGH": (":red_circle:", "#e01e5a"),
    "MEDIUM": (":large_orange_circle:", "#ecb22e"),
    "LOW": (":large_yellow_circle:", "#f2c744"),
    "INFORMATIONAL": (":information_source:", "#439fe0"),
}
NON_COMPLIANT_STYLE = (":warning:", "#ecb22e")

_cache = {"url": None, "expires": 0.0}


class NotifierError(Exception):
    """A failure worth a retry by EventBridge; its message never holds the webhook URL."""


def escape(text):
    """Slack mrkdwn treats &, < and > as markup; finding text comes from outside and must not."""
    return str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def severity_style(label):
    return SEVERITY_STYLE.get(str(label).upper(), SEVERITY_STYLE["INFORMATIONAL"])


def product_name(finding):
    """Security Hub's product name ("Default" for our own imports), else the tool's, else the product ARN."""
    tool = finding.get("ProductFields", {}).get("Product Name")
    return finding.get("ProductName") or tool or finding.get("ProductArn", "")


def finding_attachment(finding):
    label = finding.get("Severity", {}).get("Label", "INFORMATIONAL")
    emoji, colour = severity_style(label)
    resources = ", ".join(escape(resource.get("Id", "")) for resource in finding.get("Resources", [])[:3])
    fields = [
        {"title": "Severity", "value": label, "short": True},
        {"title": "Product", "value": escape(product_name(finding)), "short": True},
        {
            "title": "Account / Region",
            "value": f"{finding.get('AwsAccountId', '')} / {finding.get('Region', '')}",
            "short": True,
        },
    ]
    if resources:
        fields.append({"title": "Resources", "value": resources, "short": False})
    return {
        "color": colour,
        "title": f"{emoji} {escape(finding.get('Title', 'Security Hub finding'))}",
        "text": escape(finding.get("Description", ""))[:1000],
        "fields": fields,
        "footer": escape(finding.get("Id", "")),
    }


def securityhub_message(event):
    findings = event.get("detail", {}).get("findings", [])
    action = event.get("detail", {}).get("actionName")
    heading = f"Security Hub: {len(findings)} finding(s)" + (f" sent with {escape(action)}" if action else "")
    attachments = [finding_attachment(finding) for finding in findings[:MAX_FINDINGS_SHOWN]]
    if len(findings) > MAX_FINDINGS_SHOWN:
        attachments.append({"text": f"and {len(findings) - MAX_FINDINGS_SHOWN} more in Security Hub"})
    return {"text": heading, "attachments": attachments}


def config_message(event):
    detail = event.get("detail", {})
    result = detail.get("newEvaluationResult", {})
    qualifier = result.get("evaluationResultIdentifier", {}).get("evaluationResultQualifier", {})
    emoji, colour = NON_COMPLIANT_STYLE
    rule = escape(detail.get("configRuleName", qualifier.get("configRuleName", "")))
    fields = [
        {
            "title": "Resource",
            "value": escape(f"{detail.get('resourceType', '')} {detail.get('resourceId', '')}"),
            "short": False,
        },
        {
            "title": "Account / Region",
            "value": f"{detail.get('awsAccountId', '')} / {detail.get('awsRegion', '')}",
            "short": True,
        },
        {"title": "Compliance", "value": escape(result.get("complianceType", "")), "short": True},
    ]
    attachment = {"color": colour, "title": f"{emoji} AWS Config rule {rule}", "fields": fields}
    if result.get("annotation"):
        attachment["text"] = escape(result["annotation"])
    return {
        "text": f"AWS Config: {escape(detail.get('resourceId', ''))} is non-compliant with {rule}",
        "attachments": [attachment],
    }


def format_message(event):
    """The Slack message for an EventBridge event, or None for one this function does not handle."""
    source, detail_type = event.get("source"), event.get("detail-type", "")
    if source == "aws.securityhub" and detail_type.startswith("Security Hub Findings"):
        return securityhub_message(event)
    if source == "aws.config" and detail_type == "Config Rules Compliance Change":
        return config_message(event)
    return None


def read_webhook_url():
    """The webhook URL from Secrets Manager or SSM, as the environment names it."""
    if os.environ.get("SLACK_WEBHOOK_SECRET_ID"):
        secret = boto3.client("secretsmanager").get_secret_value(SecretId=os.environ["SLACK_WEBHOOK_SECRET_ID"])
        return secret["SecretString"].strip()
    if os.environ.get("SLACK_WEBHOOK_PARAMETER"):
        parameter = boto3.client("ssm").get_parameter(Name=os.environ["SLACK_WEBHOOK_PARAMETER"], WithDecryption=True)
        return parameter["Parameter"]["Value"].strip()
    raise NotifierError("set SLACK_WEBHOOK_SECRET_ID or SLACK_WEBHOOK_PARAMETER to where the webhook URL is kept")


def webhook_url(refresh=False):
    if refresh or _cache["url"] is None or time.monotonic() >= _cache["expires"]:
        _cache["url"] = read_webhook_url()
        _cache["expires"] = time.monotonic() + CACHE_SECONDS
    return _cache["url"]


def post(url, message):
    """POST the message; the HTTP status, or NotifierError when Slack could not be reached."""
    request = urllib.request.Request(
        url, data=json.dumps(message).encode("utf-8"), headers={"Content-Type": "application/json"}, method="POST"
    )
    try:
        with urllib.request.urlopen(
            request, timeout=TIMEOUT_SECONDS
        ) as response:  # nosec B310: https URL from the secret
            return response.status
    except urllib.error.HTTPError as e:
        return e.code
    except (urllib.error.URLError, TimeoutError) as e:
        raise NotifierError(f"cannot reach the Slack webhook: {getattr(e, 'reason', e)}") from None


def send(message):
    status = post(webhook_url(), message)
    if status in STALE_WEBHOOK_STATUSES:
        status = post(webhook_url(refresh=True), message)
    if not 200 <= status < 300:
        raise NotifierError(f"the Slack webhook answered HTTP {status}")
    return status


def handler(event, _context):
    message = format_message(event)
    if message is None:
        LOGGER.info("ignored an event of source %s, detail-type %s", event.get("source"), event.get("detail-type"))
        return {"posted": False}
    status = send(message)
    LOGGER.info("posted %s to Slack (HTTP %s)", event.get("detail-type"), status)
    return {"posted": True, "status": status}
