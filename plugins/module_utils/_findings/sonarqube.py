# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection.

SonarQube web API answers saved as JSON: api/issues/search ({"issues": [...]}) and
api/hotspots/search ({"hotspots": [...]}). Other JSON that lists Sonar issues (the "sonar-report"
tool's data, SonarQube's old preview-mode report) is not an API answer and is refused by name.

Each issue and hotspot is identified by its `key`, as SonarQube identifies it: several issues of
one rule on one line (Dependency-Check's plugin raises one per CVE on a pom.xml line) stay apart,
and an issue keeps its identity when the code around it moves. The file is the component's
`path` from the answer's `components` (in a multi-module project the key holds the module too),
else what follows the project in the component key.

Issues carry the legacy `severity` (BLOCKER..INFO), the newer `impacts` (10.x: per software
quality, HIGH/MEDIUM/LOW, 10.7+ also BLOCKER/INFO), or both: the SECURITY impact wins, then the
highest impact, then the legacy severity, mapped as Sonar maps it onto impacts (BLOCKER
CRITICAL, CRITICAL HIGH, MAJOR MEDIUM, MINOR LOW, INFO INFORMATIONAL). A resolved issue is not
active: FALSE-POSITIVE is a false positive, WONTFIX/ACCEPTED are suppressed (someone accepted the
risk), FIXED/REMOVED are resolved. Issues of type VULNERABILITY or with a SECURITY impact are
vulnerabilities (secrets:* rules secrets), bugs and code smells are code quality.

Hotspots have a vulnerabilityProbability (HIGH/MEDIUM/LOW). Once REVIEWED, SAFE is a false
positive, FIXED is resolved, and ACKNOWLEDGED is suppressed: a reviewer confirmed the risk and
chose to keep it, which is what suppressed means for the gate and Security Hub (not counted, kept on record).
"""

from .model import SEVERITY_RANK, FindingError, new_finding, normalise_severity
from .shape import field, integer, mapping, objects, optional_mapping, required, text, texts
from .text import cves, cwes, cwes_in_tags

LABEL = "SonarQube"
EXPECTED = "a list under 'issues' or 'hotspots' with 'paging' or 'total' (an api/issues/search or api/hotspots/search answer)"
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
# Keys only a web API answer has: the paging of the search.
_ANSWER_KEYS = ("paging", "total", "p", "ps")


def _entries_key(document):
    return "hotspots" if "hotspots" in document else "issues"


def detect(document):
    return (
        isinstance(document, dict)
        and any(isinstance(document.get(key), list) for key in ("issues", "hotspots"))
        and any(key in document for key in _ANSWER_KEYS)
    )


def unsupported(document):
    """Why a document that lists Sonar issues is not read, or None."""
    if detect(document) or not isinstance(document, dict) or not isinstance(document.get("issues"), list):
        return None
    if any(key in document for key in ("sonarComponent", "sonarBaseURL", "version")):
        return (
            "it is a list of Sonar issues from the sonar-report tool or SonarQube's preview mode, not a "
            "SonarQube web API answer: save the answer of api/issues/search or api/hotspots/search"
        )
    return None


def _projects(document):
    key = _entries_key(document)
    return {field(entry, "project", path) for path, entry in objects(mapping(document, ""), key, "")} - {None}


def describe(document):
    return {"tool": TOOL, "scope": ",".join(sorted(_projects(document))) or None}


def _paths(document):
    """The file path of each component key the answer lists."""
    return {
        field(component, "key", where): field(component, "path", where)
        for where, component in objects(document, "components", "")
        if component.get("path") is not None
    }


def _file(entry, where, paths):
    """The file path of an entry's component; a project-level entry has none."""
    component = field(entry, "component", where) or ""
    if component in paths:
        return paths[component]
    project = field(entry, "project", where)
    if project and component.startswith(project + ":"):
        return component[len(project) + 1 :]
    return component.partition(":")[2] or None


def _line(entry, where):
    line = integer(entry.get("line"), f"{where}.line")
    if line is None:
        line = integer(optional_mapping(entry, "textRange", where).get("startLine"), f"{where}.textRange.startLine")
    return line


def _impacts(issue, where):
    impacts = []
    for path, impact in objects(issue, "impacts", where):
        severity = field(impact, "severity", path)
        if severity in IMPACT_SEVERITY:
            impacts.append((field(impact, "softwareQuality", path), severity))
    return impacts


def _issue_severity(issue, where, impacts):
    """(severity, the tool's spelling) of an issue, preferring its SECURITY impact."""
    chosen = [impact for impact in impacts if impact[0] == "SECURITY"] or impacts
    if chosen:
        quality, severity = max(chosen, key=lambda impact: SEVERITY_RANK[IMPACT_SEVERITY[impact[1]]])
        return IMPACT_SEVERITY[severity], f"{quality}:{severity}"
    legacy = field(issue, "severity", where)
    return LEGACY_SEVERITY.get(str(legacy).upper(), "MEDIUM"), legacy


def _issue_kind(rule_id, issue_type, impacts):
    if rule_id.startswith("secrets:"):
        return "secret"
    if issue_type in ("VULNERABILITY", "SECURITY_HOTSPOT") or any(quality == "SECURITY" for quality, dummy in impacts):
        return "vulnerability"
    return "code_quality" if issue_type in ("BUG", "CODE_SMELL") or impacts else "vulnerability"


def _finding(entry, where, scope, paths, **specific):
    """What issues and hotspots share: the key, message, place, project and dates."""
    message = field(entry, "message", where) or ""
    key = field(entry, "key", where)
    if not key:
        raise FindingError(f"{where} has no key: SonarQube identifies every issue and hotspot by one")
    return new_finding(
        tool=TOOL,
        tool_key=key,
        title=message or None,
        description=message,
        file=_file(entry, where, paths),
        line=_line(entry, where),
        scope=field(entry, "project", where) or scope,
        first_seen=field(entry, "creationDate", where),
        last_seen=field(entry, "updateDate", where),
        **specific,
    )


def _cwe_in(message):
    """"Category: CWE-120" as OWASP Dependency-Check's Sonar plugin writes it in the message."""
    return [part.split(":", 1)[1] for part in message.split("|") if part.strip().startswith("Category:")]


def _issue(issue, where, scope, paths):
    rule_id = text(required(issue, "rule", where), f"{where}.rule")
    impacts = _impacts(issue, where)
    severity, tool_severity = _issue_severity(issue, where, impacts)
    issue_type = field(issue, "type", where)
    message = field(issue, "message", where) or ""
    return _finding(
        issue,
        where,
        scope,
        paths,
        rule_id=rule_id,
        kind=_issue_kind(rule_id, issue_type, impacts),
        category=issue_type,
        severity=severity,
        tool_severity=tool_severity,
        status=ISSUE_RESOLUTION_STATUS.get(field(issue, "resolution", where), "active"),
        cves=cves(message),
        cwes=cwes_in_tags(texts(issue, "tags", where)) or cwes(_cwe_in(message)),
    )


def _hotspot(hotspot, where, scope, paths):
    status = "active"
    if field(hotspot, "status", where) == "REVIEWED":
        status = HOTSPOT_RESOLUTION_STATUS.get(field(hotspot, "resolution", where), "active")
    probability = field(hotspot, "vulnerabilityProbability", where)
    rule_id = field(hotspot, "ruleKey", where) or field(hotspot, "securityCategory", where)
    return _finding(
        hotspot,
        where,
        scope,
        paths,
        rule_id=rule_id or field(hotspot, "key", where),
        category="SECURITY_HOTSPOT",
        severity=normalise_severity(probability, "MEDIUM"),
        tool_severity=probability,
        status=status,
    )


def findings(document):
    key = _entries_key(document)
    if not isinstance(document.get(key), list):
        raise FindingError(f"expected a list under '{key}'")
    build = _hotspot if key == "hotspots" else _issue
    scope, paths = describe(document)["scope"], _paths(document)
    for where, entry in objects(document, key, ""):
        yield build(entry, where, scope, paths)
