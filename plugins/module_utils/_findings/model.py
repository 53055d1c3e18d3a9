# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection.

The normalised finding: what every parser produces and what the gate and the ASFF mapping read.
A finding is a plain dict (cheap to build by the hundred thousand, returned as-is by modules)
with exactly the keys of FIELDS; `new_finding()` builds one with defaults and checks it.

    tool            short lower-case tool name: dependency_check, zap, sonarqube, trivy, or the
                    SARIF driver's name (semgrep, codeql, bandit, ...)
    rule_id         the rule or vulnerability id the tool reports (CVE, ZAP plugin id, Sonar rule)
    title, description, remediation
    severity        one of SEVERITIES
    tool_severity   the tool's own spelling, kept for people reading the finding
    status          one of STATUSES; only "active" counts against a gate
    cves, cwes      lists: "CVE-2021-44228", "CWE-89"
    cvss_score      float or None; cvss_vector str or None (highest version the report carries)
    package_name, package_version, package_purl
    file, line      source location; url, param for DAST
    references      list of URLs
    scope           what was scanned: project, repository, image or site
    first_seen, last_seen   ISO 8601 strings or None
    confidence      the tool's confidence when it has one (ZAP), else None
"""

import hashlib

SEVERITIES = ("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL")
SEVERITY_RANK = {name: rank for rank, name in enumerate(reversed(SEVERITIES))}  # INFORMATIONAL 0 .. CRITICAL 4
STATUSES = ("active", "suppressed", "false_positive", "resolved")

FIELDS = {
    "tool": None,
    "rule_id": None,
    "title": None,
    "description": "",
    "severity": "INFORMATIONAL",
    "tool_severity": None,
    "status": "active",
    "cves": (),
    "cwes": (),
    "cvss_score": None,
    "cvss_vector": None,
    "package_name": None,
    "package_version": None,
    "package_purl": None,
    "file": None,
    "line": None,
    "url": None,
    "param": None,
    "remediation": None,
    "references": (),
    "scope": None,
    "first_seen": None,
    "last_seen": None,
    "confidence": None,
}

# The spellings scanners use, mapped onto our scale. Dependency-Check alone writes CRITICAL,
# "moderate" and "medium"; Sonar writes BLOCKER..INFO; SARIF writes error/warning/note.
_SEVERITY_ALIASES = {
    "critical": "CRITICAL",
    "blocker": "CRITICAL",
    "high": "HIGH",
    "important": "HIGH",
    "major": "HIGH",
    "error": "HIGH",
    "medium": "MEDIUM",
    "moderate": "MEDIUM",
    "warning": "MEDIUM",
    "minor": "LOW",
    "low": "LOW",
    "note": "LOW",
    "info": "INFORMATIONAL",
    "informational": "INFORMATIONAL",
    "information": "INFORMATIONAL",
    "none": "INFORMATIONAL",
    "unknown": "INFORMATIONAL",
}


class FindingError(ValueError):
    """A report or finding that cannot be read; the message names the file and what is wrong."""


def normalise_severity(value, default="INFORMATIONAL"):
    """Map a tool's severity spelling onto SEVERITIES; unknown spellings give `default`."""
    if value is None:
        return default
    return _SEVERITY_ALIASES.get(str(value).strip().lower(), default)


def severity_from_cvss(score):
    """CVSS v3/v4 qualitative rating of a base score."""
    if score is None:
        return None
    if score >= 9.0:
        return "CRITICAL"
    if score >= 7.0:
        return "HIGH"
    if score >= 4.0:
        return "MEDIUM"
    if score > 0.0:
        return "LOW"
    return "INFORMATIONAL"


def new_finding(**values):
    """A finding dict with every field of FIELDS; unknown keys or bad values raise FindingError."""
    unknown = set(values) - set(FIELDS)
    if unknown:
        raise FindingError(f"unknown finding field(s): {', '.join(sorted(unknown))}")
    finding = {key: (list(default) if isinstance(default, tuple) else default) for key, default in FIELDS.items()}
    finding.update(values)
    if not finding["tool"] or not finding["rule_id"]:
        raise FindingError("a finding needs a tool and a rule_id")
    if finding["severity"] not in SEVERITIES:
        raise FindingError(f"severity {finding['severity']!r} is not one of {', '.join(SEVERITIES)}")
    if finding["status"] not in STATUSES:
        raise FindingError(f"status {finding['status']!r} is not one of {', '.join(STATUSES)}")
    if not finding["title"]:
        finding["title"] = finding["rule_id"]
    return finding


def finding_key(finding):
    """What makes a finding itself: the same key in the next scan means the same finding.

    tool + rule (or CVE) + package + location + scope. Never a build number or a time, so a
    re-scan updates instead of duplicating; the package and location keep one CVE in two
    packages, or two secrets in one file, apart.
    """
    package = finding.get("package_purl") or "@".join(
        part for part in (finding.get("package_name"), finding.get("package_version")) if part
    )
    location = finding.get("url") or finding.get("file") or ""
    if finding.get("param"):
        location += "#" + finding["param"]
    if finding.get("line") is not None:
        location += ":" + str(finding["line"])
    return "|".join(
        str(part or "") for part in (finding["tool"], finding["rule_id"], package, location, finding.get("scope"))
    )


def finding_id(finding):
    """A short, stable, collision-resistant id for a finding (hex SHA-256 of finding_key)."""
    return hashlib.sha256(finding_key(finding).encode("utf-8")).hexdigest()[:32]


def summarise(findings):
    """Active findings counted per severity and per tool, plus totals per status."""
    by_severity = dict.fromkeys(SEVERITIES, 0)
    by_tool = {}
    by_status = dict.fromkeys(STATUSES, 0)
    for finding in findings:
        by_status[finding["status"]] += 1
        if finding["status"] != "active":
            continue
        by_severity[finding["severity"]] += 1
        tool = by_tool.setdefault(finding["tool"], dict.fromkeys(SEVERITIES, 0))
        tool[finding["severity"]] += 1
    return {"total": len(findings), "active": by_severity, "by_tool": by_tool, "by_status": by_status}
