# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection.

OWASP ZAP JSON reports: the "traditional-json" report (ZAP 2.10 and later, with @programName) and
the older layout (2.7 to 2.9). riskcode ("0".."3") and confidence ("0".."4") are strings;
confidence "0" means a user marked the alert a false positive. One alert can carry many
instances: each URL and parameter is a finding of its own. Instances that differ only in what
the finding does not keep (evidence, attack, method: "Timestamp Disclosure" lists one per
timestamp on a page) are one finding with their count in `occurrences`. Alerts of one rule at two
risks are two findings.
"""

from .model import FindingError, new_finding
from .shape import field, mapping, objects, required, text
from .text import cwes, plain, urls

LABEL = "OWASP ZAP"
EXPECTED = "a list of sites under 'site' at the top level"
TOOL = "zap"
RISK = {"3": "HIGH", "2": "MEDIUM", "1": "LOW", "0": "INFORMATIONAL"}
FALSE_POSITIVE_CONFIDENCE = "0"


def _sites(document):
    sites = mapping(document, "").get("site")
    if isinstance(sites, dict):  # some versions write a lone site as an object
        return [("site", sites)]
    if not isinstance(sites, list):
        raise FindingError("expected a list of sites under 'site'")
    return objects(document, "site", "")


def detect(document):
    return isinstance(document, dict) and isinstance(document.get("site"), (list, dict))


def describe(document):
    names = [field(site, "@name", where) for where, site in _sites(document)]
    return {"tool": TOOL, "scope": names[0] if len(names) == 1 else ",".join(filter(None, names)) or None}


def _alert(alert, where, scope):
    """What every instance of an alert shares."""
    riskcode = text(required(alert, "riskcode", where), f"{where}.riskcode")
    if riskcode not in RISK:
        raise FindingError(f"alert {alert.get('pluginid')} has riskcode {riskcode!r}, expected 0 to 3")
    confidence = field(alert, "confidence", where) or ""
    plugin = text(required(alert, "pluginid", where), f"{where}.pluginid")
    return dict(
        tool=TOOL,
        # alertRef tells apart the variants one scan rule raises (10038-1, 10038-2).
        rule_id=field(alert, "alertRef", where) or plugin,
        title=text(alert.get("name") or alert.get("alert"), f"{where}.name"),
        description=plain(field(alert, "desc", where)),
        severity=RISK[riskcode],
        # One scan rule can raise alerts of two risks on the same URLs (Cookie Slack Detector:
        # informational and low); they are two findings.
        variant=f"risk {riskcode}",
        tool_severity=field(alert, "riskdesc", where),
        status="false_positive" if confidence == FALSE_POSITIVE_CONFIDENCE else "active",
        confidence=int(confidence) if confidence.isdigit() else None,
        cwes=cwes([field(alert, "cweid", where)]),
        remediation=plain(field(alert, "solution", where)) or None,
        references=urls(field(alert, "reference", where)),
        scope=scope,
    )


def findings(document):
    for site_path, site in _sites(document):
        scope = field(site, "@name", site_path)
        for where, alert in objects(site, "alerts", site_path):
            common = _alert(alert, where, scope)
            instances = objects(alert, "instances", where) or [(where, {})]
            for path, instance in instances:
                yield new_finding(
                    url=field(instance, "uri", path) or None,
                    param=field(instance, "param", path) or None,
                    **common,
                )
