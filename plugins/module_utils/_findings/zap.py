# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection.

OWASP ZAP JSON reports: the "traditional-json" report (ZAP 2.10 and later, with @programName) and
the older layout (2.7 to 2.9). riskcode ("0".."3") and confidence ("0".."4") are strings;
confidence "0" means a user marked the alert a false positive. One alert can carry many
instances: each instance (URL and parameter) is a finding of its own.
"""

from .model import FindingError, new_finding
from .text import cwes, plain, urls

LABEL = "OWASP ZAP"
TOOL = "zap"
RISK = {"3": "HIGH", "2": "MEDIUM", "1": "LOW", "0": "INFORMATIONAL"}
FALSE_POSITIVE_CONFIDENCE = "0"


def _sites(document):
    sites = document["site"]
    if isinstance(sites, dict):  # some versions write a lone site as an object
        return [sites]
    if not isinstance(sites, list):
        raise FindingError("expected a list of sites under 'site'")
    return sites


def detect(document):
    return isinstance(document, dict) and "site" in document and isinstance(document["site"], (list, dict))


def describe(document):
    names = [site.get("@name") for site in _sites(document) if isinstance(site, dict)]
    return {"tool": TOOL, "scope": names[0] if len(names) == 1 else ",".join(filter(None, names)) or None}


def findings(document):
    for site in _sites(document):
        scope = site.get("@name")
        for alert in site.get("alerts") or []:
            riskcode = str(alert["riskcode"])
            if riskcode not in RISK:
                raise FindingError(f"alert {alert.get('pluginid')} has riskcode {riskcode!r}, expected 0 to 3")
            confidence = str(alert.get("confidence", ""))
            common = dict(
                tool=TOOL,
                # alertRef tells apart the variants one scan rule raises (10038-1, 10038-2).
                rule_id=str(alert.get("alertRef") or alert["pluginid"]),
                title=alert.get("name") or alert.get("alert"),
                description=plain(alert.get("desc")),
                severity=RISK[riskcode],
                tool_severity=alert.get("riskdesc"),
                status="false_positive" if confidence == FALSE_POSITIVE_CONFIDENCE else "active",
                confidence=int(confidence) if confidence.isdigit() else None,
                cwes=cwes([alert.get("cweid")]),
                remediation=plain(alert.get("solution")) or None,
                references=urls(alert.get("reference")),
                scope=scope,
            )
            for instance in alert.get("instances") or [{}]:
                yield new_finding(url=instance.get("uri") or None, param=instance.get("param") or None, **common)
