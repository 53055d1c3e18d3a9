# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection.

SonarQube web API answers saved as JSON: api/issues/search ({"issues": [...]}) and
api/hotspots/search ({"hotspots": [...]}).

Issues carry the legacy `severity` (BLOCKER..INFO), the newer `impacts` (10.x: per software
quality, HIGH/MEDIUM/LOW, 10.7+ also BLOCKER/INFO), or both: the SECURITY impact wins, then the
highest impact, then the legacy severity, mapped as Sonar maps it onto impacts (BLOCKER
CRITICAL, CRITICAL HIGH, MAJOR MEDIUM, MINOR LOW, INFO INFORMATIONAL). A resolved issue is not active: FALSE-POSITIVE is a
false positive, WONTFIX/ACCEPTED are suppressed (someone accepted the risk), FIXED/REMOVED are resolved.

Hotspots have a vulnerabilityProbability (HIGH/MEDIUM/LOW). Once REVIEWED, SAFE is a false
positive, FIXED is resolved, and ACKNOWLEDGED is suppressed: a reviewer confirmed the risk and
chose to keep it, which is what suppressed means for the gate and Security Hub (not counted, kept on record).
"""

from .model import SEVERITY_RANK, FindingError, new_finding, normalise_severity
from .text import cves, cwes, cwes_in_tags

LABEL = "SonarQube"
TOOL = "sonarqube"

ISSUE_RESOLUTION_STATUS = {
    "FALSE-POSITIVE": "false_positive",
    "WONTFIX": "suppressed",
    "ACCEPTED": "suppressed",
    "FIXED": "resolved",
    "REMOVED": "resolved",
}
HOTSPOT_RESOLUTION_STATUS = {"SAFE": "false_positive", "ACKNOWLEDGED": "suppressed", "FIXED": "resolved"}
# Sonar's impact scale: BLOCKER and INFO came in 10.7; HIGH/MEDIUM/LOW before.
IMPACT_SEVERITY = {"BLOCKER": "CRITICAL", "HIGH": "HIGH", "MEDIUM": "MEDIUM", "LOW": "LOW", "INFO": "INFORMATIONAL"}
# Sonar's own mapping of its legacy severities onto the impact scale (10.x migration): one step
# below the words' general meaning, so a MAJOR code smell does not weigh as a HIGH finding.
LEGACY_SEVERITY = {"BLOCKER": "CRITICAL", "CRITICAL": "HIGH", "MAJOR": "MEDIUM", "MINOR": "LOW", "INFO": "INFORMATIONAL"}


def _entries(document):
    key = "hotspots" if "hotspots" in document else "issues"
    entries = document[key]
    if not isinstance(entries, list):
        raise FindingError(f"expected a list under '{key}'")
    return entries


def detect(document):
    # "issues" alone is too common a key; the search answers also carry paging and components.
    return (
        isinstance(document, dict)
        and any(isinstance(document.get(key), list) for key in ("issues", "hotspots"))
        and any(key in document for key in ("paging", "components", "total"))
    )


def describe(document):
    projects = {entry.get("project") for entry in _entries(document) if isinstance(entry, dict)}
    projects.discard(None)
    return {"tool": TOOL, "scope": ",".join(sorted(projects)) or None}


def _file(entry):
    """The file path of a component key "project:path/to/file" (a project-level issue has none)."""
    component = entry.get("component") or ""
    project = entry.get("project")
    if project and component.startswith(project + ":"):
        return component[len(project) + 1 :]
    return component.partition(":")[2] or None


def _line(entry):
    return entry.get("line") or (entry.get("textRange") or {}).get("startLine")


def _issue_severity(issue):
    """(severity, the tool's spelling) of an issue, preferring its SECURITY impact."""
    impacts = [impact for impact in issue.get("impacts") or [] if impact.get("severity") in IMPACT_SEVERITY]
    security = [impact for impact in impacts if impact.get("softwareQuality") == "SECURITY"]
    chosen = security or impacts
    if chosen:
        impact = max(chosen, key=lambda impact: SEVERITY_RANK[IMPACT_SEVERITY[impact["severity"]]])
        return IMPACT_SEVERITY[impact["severity"]], f"{impact.get('softwareQuality')}:{impact['severity']}"
    legacy = issue.get("severity")
    return LEGACY_SEVERITY.get(str(legacy).upper(), "MEDIUM"), legacy


def _finding(entry, scope, **specific):
    """What issues and hotspots share: the message, the place, the project and the dates."""
    message = entry.get("message") or ""
    return new_finding(
        tool=TOOL,
        title=message or None,
        description=message,
        file=_file(entry),
        line=_line(entry),
        scope=entry.get("project") or scope,
        first_seen=entry.get("creationDate"),
        last_seen=entry.get("updateDate"),
        **specific,
    )


def _issue(issue, scope):
    severity, tool_severity = _issue_severity(issue)
    message = issue.get("message") or ""
    return _finding(
        issue,
        scope,
        rule_id=issue["rule"],
        severity=severity,
        tool_severity=tool_severity,
        status=ISSUE_RESOLUTION_STATUS.get(issue.get("resolution"), "active"),
        cves=cves(message),
        cwes=cwes_in_tags(issue.get("tags")) or cwes(_cwe_in(message)),
    )


def _cwe_in(message):
    """"Category: CWE-120" as OWASP Dependency-Check's Sonar plugin writes it in the message."""
    return [part.split(":", 1)[1] for part in message.split("|") if part.strip().startswith("Category:")]


def _hotspot(hotspot, scope):
    status = "active"
    if hotspot.get("status") == "REVIEWED":
        status = HOTSPOT_RESOLUTION_STATUS.get(hotspot.get("resolution"), "active")
    probability = hotspot.get("vulnerabilityProbability")
    return _finding(
        hotspot,
        scope,
        rule_id=hotspot.get("ruleKey") or hotspot.get("securityCategory") or hotspot["key"],
        severity=normalise_severity(probability, "MEDIUM"),
        tool_severity=probability,
        status=status,
    )


def findings(document):
    build = _hotspot if "hotspots" in document else _issue
    scope = describe(document)["scope"]
    for entry in _entries(document):
        yield build(entry, scope)
