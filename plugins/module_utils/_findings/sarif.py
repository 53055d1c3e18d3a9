# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection.

SARIF 2.1.0 logs (Semgrep, CodeQL, Bandit, Trivy, and any other tool that writes SARIF). The tool
is the first word of runs[].tool.driver.name, lower-cased ("Semgrep OSS" -> semgrep); the scope is
the run's versionControlProvenance repositoryUri when it records one. Severity comes from, in
order: the `security-severity` property of the result, then of its rule (a CVSS-like number, or a
word as Semgrep writes it), the result's level, the rule's defaultConfiguration level; SARIF's
default level is "warning". A result the baseline comparison marks "absent" (gone since the
last scan) is resolved. A result with an accepted suppression (external or in source) is
suppressed; one whose suppressions are all under review or rejected stays active. Each location
is a finding of its own. Trivy names the package only in its message ("Package: libssl1.1"), so
that is read too: one CVE in two packages at one location stays two findings.
"""

import re

from .model import FindingError, new_finding, normalise_severity, severity_from_cvss
from .text import cves, cwes, cwes_in_tags, plain, urls

LABEL = "SARIF"
SUPPRESSION_ACCEPTED = "accepted"
_MESSAGE_PACKAGE = re.compile(r"^Package: (\S+)$", re.MULTILINE)
_MESSAGE_VERSION = re.compile(r"^Installed Version: (\S+)$", re.MULTILINE)


def _runs(document):
    runs = document["runs"]
    if not isinstance(runs, list):
        raise FindingError("expected a list under 'runs'")
    return runs


def _tool(run):
    name = str(run["tool"]["driver"].get("name") or "").split()
    return name[0].lower() if name else "sarif"


def detect(document):
    return isinstance(document, dict) and isinstance(document.get("runs"), list) and (
        "version" in document or "$schema" in document
    )


def _repository(run):
    """The repository scanned, when the run records it (CodeQL and GitHub uploads do)."""
    provenance = run.get("versionControlProvenance") or [{}]
    return provenance[0].get("repositoryUri")


def describe(document):
    runs = _runs(document)
    tools = list(dict.fromkeys(_tool(run) for run in runs))
    repositories = list(dict.fromkeys(filter(None, (_repository(run) for run in runs))))
    return {"tool": ",".join(tools) or "sarif", "scope": ",".join(repositories) or None}


def _rules(run):
    """Rules by id, and by index for results that point at them with ruleIndex."""
    rules = run["tool"]["driver"].get("rules") or []
    return {rule.get("id"): rule for rule in rules}, rules


def _rule_of(result, by_id, by_index):
    index = result.get("ruleIndex", (result.get("rule") or {}).get("index"))
    if isinstance(index, int) and 0 <= index < len(by_index):
        return by_index[index]
    return by_id.get(result.get("ruleId") or (result.get("rule") or {}).get("id")) or {}


def _severity(result, rule):
    """(severity, the tool's spelling)."""
    security = (result.get("properties") or {}).get("security-severity")
    if security is None:
        security = (rule.get("properties") or {}).get("security-severity")
    if security is not None:
        try:
            return severity_from_cvss(float(security)), str(security)
        except ValueError:  # Semgrep writes a word here
            return normalise_severity(security, "MEDIUM"), str(security)
    level = result.get("level") or (rule.get("defaultConfiguration") or {}).get("level") or "warning"
    return normalise_severity(level, "MEDIUM"), level


def _text(message):
    return plain((message or {}).get("text") or (message or {}).get("markdown"))


def _status(result):
    if result.get("baselineState") == "absent":
        return "resolved"
    suppressions = result.get("suppressions") or []
    # A suppression without a status is accepted (SARIF 2.1.0 section 3.35.3).
    if any(suppression.get("status", SUPPRESSION_ACCEPTED) == SUPPRESSION_ACCEPTED for suppression in suppressions):
        return "suppressed"
    return "active"


def _locations(result):
    """(file, line) of each physical location; one (None, None) when the result has none."""
    places = []
    for location in result.get("locations") or []:
        physical = location.get("physicalLocation") or {}
        uri = (physical.get("artifactLocation") or {}).get("uri")
        places.append((uri, (physical.get("region") or {}).get("startLine")))
    return list(dict.fromkeys(places)) or [(None, None)]


def _package(message):
    """(name, version) of the package a Trivy message names, else (None, None)."""
    name, version = _MESSAGE_PACKAGE.search(message), _MESSAGE_VERSION.search(message)
    return (name.group(1) if name else None), (version.group(1) if version else None)


def findings(document):
    for run in _runs(document):
        tool, scope = _tool(run), _repository(run)
        by_id, by_index = _rules(run)
        for result in run.get("results") or []:
            rule = _rule_of(result, by_id, by_index)
            rule_id = result.get("ruleId") or rule.get("id") or (result.get("rule") or {}).get("id")
            if not rule_id:
                raise FindingError("a result has no ruleId and points at no rule")
            properties = rule.get("properties") or {}
            severity, tool_severity = _severity(result, rule)
            message = _text(result.get("message"))
            package_name, package_version = _package(message)
            common = dict(
                tool=tool,
                rule_id=rule_id,
                title=_text(rule.get("shortDescription")) or message.split("\n", 1)[0] or rule.get("name"),
                description=message or _text(rule.get("fullDescription")),
                severity=severity,
                tool_severity=tool_severity,
                status=_status(result),
                cves=cves(rule_id),
                cwes=cwes_in_tags(properties.get("tags")) + cwes(properties.get("cwe")),
                package_name=package_name,
                package_version=package_version,
                remediation=_text(rule.get("help")) or None,
                references=urls(rule.get("helpUri")),
                scope=scope,
            )
            for file, line in _locations(result):
                yield new_finding(file=file, line=line, **common)
