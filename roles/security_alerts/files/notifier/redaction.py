# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Masking identifiers in the one free text a minimal Slack message keeps: a finding's title.

GuardDuty and others put instance ids, IP addresses and principals in titles ("EC2 instance
i-1234567890 is communicating with ... 1.1.1.1."). A minimal message must not carry them to a
third party, so the title is masked twice: every identifier the finding itself names (its account,
its resources' ids and names, the strings of their details and tags, principals and addresses in its
product fields), then anything shaped like an ARN, an IP address, an account id, an access key, an
e-mail address or an AWS resource id.
"""

import ipaddress
import re

MASK = "[redacted]"
# Shorter strings ("aws", "ec2") are words, not identifiers worth masking.
SHORTEST_IDENTIFIER = 3
# Product fields that name who or where: GuardDuty's .../userName, .../principalId, .../ipAddressV4 and so on.
IDENTIFYING_FIELD = re.compile(r"user|principal|accesskey|ipaddress|domain|hostname|dns", re.IGNORECASE)
SHAPES = (
    re.compile(r"\barn:[a-z0-9-]+:[^\s,;]*"),
    re.compile(r"\b(?:AKIA|ASIA)[A-Z0-9]{16}\b"),
    re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    re.compile(r"(?<!\d)\d{12}(?!\d)"),
    re.compile(r"\b[a-z]{1,12}-[0-9a-f]{8,17}\b"),
)
# Runs of the characters an IP address is written with; each is kept unless ipaddress parses it.
ADDRESS_CANDIDATE = re.compile(r"[0-9A-Fa-f:.]{3,}")


def strings(value):
    """Every string in a JSON value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


def finding_identifiers(finding):
    """The identifiers an ASFF finding names about its account and resources."""
    found = {str(finding.get("AwsAccountId", ""))}
    for resource in finding.get("Resources", []):
        resource_id = str(resource.get("Id", ""))
        found.add(resource_id)
        found.add(re.split(r"[/:]", resource_id)[-1])
        found.update(strings(resource.get("Details", {})))
        found.update(strings(resource.get("Tags", {})))
    product_fields = finding.get("ProductFields", {})
    found.update(str(value) for key, value in product_fields.items() if IDENTIFYING_FIELD.search(key))
    return {identifier for identifier in found if len(identifier) >= SHORTEST_IDENTIFIER}


def mask_address(match):
    candidate = match.group(0).rstrip(".:")
    try:
        ipaddress.ip_address(candidate)
    except ValueError:
        return match.group(0)
    return MASK + match.group(0)[len(candidate) :]


def redact(text, identifiers=()):
    """The text with the given identifiers and anything shaped like one replaced by MASK."""
    text = str(text)
    for identifier in sorted(identifiers, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(identifier)}(?!\w)", MASK, text)
    for shape in SHAPES:
        text = shape.sub(MASK, text)
    return ADDRESS_CANDIDATE.sub(mask_address, text)
