# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Slack messages for Security Hub findings and AWS Config non-compliance.

Every text taken from an event is escaped for Slack's markup (&, < and > as entities, so a finding
cannot mention @channel or plant a link) and then capped, never inside an entity. Full messages
carry what a responder needs (description, resources, account); minimal ones only the title (its
identifiers masked), the severity, the resource type and a link to the console, for teams that must
not put IPs, principals or ARNs in a third-party tool.
"""

import re
from urllib.parse import quote

from redaction import finding_identifiers, redact

ELLIPSIS = "\u2026"
TITLE_LIMIT = 250
TEXT_LIMIT = 1000
FIELD_LIMIT = 300
RESOURCES_SHOWN = 3

SEVERITY_STYLE = {
    "CRITICAL": (":rotating_light:", "#7b0000"),
    "HIGH": (":red_circle:", "#e01e5a"),
    "MEDIUM": (":large_orange_circle:", "#ecb22e"),
    "LOW": (":large_yellow_circle:", "#f2c744"),
    "INFORMATIONAL": (":information_source:", "#439fe0"),
}
NON_COMPLIANT_STYLE = (":warning:", "#ecb22e")
# Only a region of this shape goes into a console link we build.
REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d{1,2}$")


def escape(value):
    """Slack's markup treats &, < and > as control characters; text from an event must not."""
    return str("" if value is None else value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cap(escaped, limit):
    """At most `limit` characters, an ellipsis last when cut; an entity is kept whole or dropped."""
    if len(escaped) <= limit:
        return escaped
    head = escaped[: limit - len(ELLIPSIS)]
    # escape() turned every & into an entity's start, so an & with no ; after it is a cut entity.
    ampersand = head.rfind("&")
    if ampersand != -1 and ";" not in head[ampersand:]:
        head = head[:ampersand]
    return head + ELLIPSIS


def text(value, limit=FIELD_LIMIT):
    return cap(escape(value), limit)


def severity_style(label):
    return SEVERITY_STYLE.get(str(label).upper(), SEVERITY_STYLE["INFORMATIONAL"])


def console(region, service, fragment):
    """A console URL in the region's partition, or None for a region we would not put in a link."""
    if not REGION.match(str(region or "")):
        return None
    if region.startswith("us-gov-"):
        host = "console.amazonaws-us-gov.com"
    elif region.startswith("cn-"):
        host = "console.amazonaws.cn"
    else:
        host = f"{region}.console.aws.amazon.com"
    return f"https://{host}/{service}/home?region={region}#/{fragment}"


def findings_search(region, field, operator, value):
    """The Security Hub console's findings list filtered as its own links are: the filter encoded twice."""
    search = quote("{}={}".format(field, quote(f"\\operator\\:{operator}\\:{value}", safe="")), safe="")
    return console(region, "securityhub", f"findings?search={search}")


def finding_link(finding, region, minimal):
    """The finding in the console. A minimal link filters on the Id's last part, which names no account or ARN."""
    finding_id = str(finding.get("Id", ""))
    if not minimal:
        return findings_search(region, "Id", "EQUALS", finding_id)
    suffix = finding_id.rsplit("/", 1)[-1]
    if not suffix or redact(suffix, finding_identifiers(finding)) != suffix:
        return console(region, "securityhub", "findings")
    return findings_search(region, "Id", "CONTAINS", suffix)


def product_name(finding):
    """Security Hub's product name ("Default" for our own imports), else the tool's, else the product ARN."""
    tool = finding.get("ProductFields", {}).get("Product Name")
    return finding.get("ProductName") or tool or finding.get("ProductArn", "")


def titled(emoji, title, link):
    attachment = {"title": f"{emoji} {title}"}
    if link:
        attachment["title_link"] = link
    return attachment


def finding_attachment(finding, region, minimal):
    label = finding.get("Severity", {}).get("Label", "INFORMATIONAL")
    emoji, colour = severity_style(label)
    region = finding.get("Region") or region
    resources = finding.get("Resources", [])[:RESOURCES_SHOWN]
    title = finding.get("Title", "Security Hub finding")
    if minimal:
        title = redact(title, finding_identifiers(finding))
    attachment = dict(titled(emoji, text(title, TITLE_LIMIT), finding_link(finding, region, minimal)), color=colour)
    fields = [{"title": "Severity", "value": text(label), "short": True}]
    if minimal:
        types = ", ".join(dict.fromkeys(str(resource.get("Type", "")) for resource in resources))
        fields.append({"title": "Resource type", "value": text(types), "short": True})
        return dict(attachment, fields=fields)
    fields += [
        {"title": "Product", "value": text(product_name(finding)), "short": True},
        {"title": "Account / Region", "value": text(f"{finding.get('AwsAccountId', '')} / {region}"), "short": True},
    ]
    if resources:
        ids = ", ".join(text(resource.get("Id", "")) for resource in resources)
        fields.append({"title": "Resources", "value": ids, "short": False})
    return dict(
        attachment,
        text=text(finding.get("Description", ""), TEXT_LIMIT),
        fields=fields,
        footer=text(finding.get("Id", "")),
    )


def securityhub_message(findings, region, max_findings, minimal, action=None):
    """One message for the findings: at most max_findings shown, the rest counted with a link to the console."""
    heading = f"Security Hub: {len(findings)} finding(s)" + (f" sent with {text(action)}" if action else "")
    attachments = [finding_attachment(finding, region, minimal) for finding in findings[:max_findings]]
    if len(findings) > max_findings:
        more = f"and {len(findings) - max_findings} more in "
        link = console(region, "securityhub", "findings")
        attachments.append({"text": more + (f"<{link}|Security Hub>" if link else "Security Hub")})
    return {"text": heading, "attachments": attachments}


def config_message(event, minimal):
    detail = event.get("detail", {})
    result = detail.get("newEvaluationResult", {})
    qualifier = result.get("evaluationResultIdentifier", {}).get("evaluationResultQualifier", {})
    rule_name = detail.get("configRuleName", qualifier.get("configRuleName", ""))
    region = detail.get("awsRegion") or event.get("region")
    rule, resource_type = text(rule_name, TITLE_LIMIT), text(detail.get("resourceType", ""))
    emoji, colour = NON_COMPLIANT_STYLE
    link = console(region, "config", f"rules/details?configRuleName={quote(str(rule_name), safe='')}")
    attachment = dict(titled(emoji, f"AWS Config rule {rule}", link), color=colour)
    compliance = {"title": "Compliance", "value": text(result.get("complianceType", "")), "short": True}
    if minimal:
        fields = [{"title": "Resource type", "value": resource_type, "short": True}, compliance]
        return {
            "text": f"AWS Config: a {resource_type} is non-compliant with {rule}",
            "attachments": [dict(attachment, fields=fields)],
        }
    resource_id = text(detail.get("resourceId", ""))
    attachment["fields"] = [
        {"title": "Resource", "value": f"{resource_type} {resource_id}", "short": False},
        {
            "title": "Account / Region",
            "value": text(f"{detail.get('awsAccountId', '')} / {detail.get('awsRegion', '')}"),
            "short": True,
        },
        compliance,
    ]
    if result.get("annotation"):
        attachment["text"] = text(result["annotation"], TEXT_LIMIT)
    return {"text": f"AWS Config: {resource_id} is non-compliant with {rule}", "attachments": [attachment]}
