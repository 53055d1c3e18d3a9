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
    kind            one of KINDS: what sort of problem it is (chooses the ASFF Types)
    category        the tool's own class of the finding when it has one: a Trivy licence category
                    (forbidden, restricted, ...), a Trivy misconfiguration's provider (aws,
                    kubernetes, ...), a SonarQube issue type (BUG, CODE_SMELL, VULNERABILITY)
    severity        one of SEVERITIES
    tool_severity   the tool's own spelling, kept for people reading the finding
    status          one of STATUSES; only "active" counts against a gate
    cves, cwes      lists: "CVE-2021-44228", "CWE-89"
    cvss_score      float or None, from the same source as the severity when the tool says
    cvss_vector     str or None; cvss_version "2.0", "3.1", "4.0"... of that score, or None
    package_name, package_version, package_purl
    file, line, column   source location; url, param for DAST
    references      list of URLs
    source_url      a link to the finding in the tool, when the report gives one
    scope           what was scanned: project, repository, image, site or cluster resource
    first_seen, last_seen   ISO 8601 strings or None
    confidence      the tool's confidence when it has one (ZAP), else None
    tool_key        the tool's own identity of the finding (SonarQube issue key, SARIF
                    fingerprints), which then is the finding's identity
    variant         what else tells two results of one rule at one place apart when the tool
                    gives no key (SARIF: a digest of the result's message), else None
    occurrences     how many times the report gave this same finding (ZAP instances that
                    differ only in evidence, byte-identical SARIF results)
"""

import hashlib

SEVERITIES = ("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL")
SEVERITY_RANK = {name: rank for rank, name in enumerate(reversed(SEVERITIES))}  # INFORMATIONAL 0 .. CRITICAL 4
STATUSES = ("active", "suppressed", "false_positive", "resolved")
KINDS = ("vulnerability", "misconfiguration", "secret", "license", "code_quality")

FIELDS = {
    "tool": None,
    "rule_id": None,
    "title": None,
    "description": "",
    "kind": "vulnerability",
    "category": None,
    "severity": "INFORMATIONAL",
    "tool_severity": None,
    "status": "active",
    "cves": (),
    "cwes": (),
    "cvss_score": None,
    "cvss_vector": None,
    "cvss_version": None,
    "package_name": None,
    "package_version": None,
    "package_purl": None,
    "file": None,
    "line": None,
    "column": None,
    "url": None,
    "param": None,
    "remediation": None,
    "references": (),
    "source_url": None,
    "scope": None,
    "first_seen": None,
    "last_seen": None,
    "confidence": None,
    "tool_key": None,
    "variant": None,
    "occurrences": 1,
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
    if finding["kind"] not in KINDS:
        raise FindingError(f"kind {finding['kind']!r} is not one of {', '.join(KINDS)}")
    if not finding["title"]:
        finding["title"] = finding["rule_id"]
    return finding


def finding_key(finding):
    """What makes a finding itself: the same key in the next scan means the same finding.

    The tool's own key when it gives one (a SonarQube issue key survives the code moving).
    Otherwise tool + rule (or CVE) + package + location (with column) + variant. Both with the
    scope. Never a build number or a time, so a re-scan updates instead of duplicating; the
    package, location and variant keep one CVE in two packages, two secrets in one file, or two
    messages of one rule on one line apart.
    """
    if finding.get("tool_key"):
        identity = "key:" + finding["tool_key"] + ("|" + finding["variant"] if finding.get("variant") else "")
        return "|".join(str(part or "") for part in (finding["tool"], identity, finding.get("scope")))
    package = finding.get("package_purl") or "@".join(
        part for part in (finding.get("package_name"), finding.get("package_version")) if part
    )
    location = finding.get("url") or finding.get("file") or ""
    if finding.get("param"):
        location += "#" + finding["param"]
    if finding.get("line") is not None:
        location += ":" + str(finding["line"])
        if finding.get("column") is not None:
            location += ":" + str(finding["column"])
    if finding.get("variant"):
        location += "|" + finding["variant"]
    return "|".join(
        str(part or "") for part in (finding["tool"], finding["rule_id"], package, location, finding.get("scope"))
    )


def finding_id(finding):
    """A short, stable, collision-resistant id for a finding (hex SHA-256 of finding_key)."""
    return hashlib.sha256(finding_key(finding).encode("utf-8")).hexdigest()[:32]


def _content(finding):
    return {key: value for key, value in finding.items() if key != "occurrences"}


def unique(findings):
    """Each finding once, in order: a repeat (same finding_key, same content) adds its occurrences
    to the first.

    Two findings with one identity and different content (a report that repeats a SonarQube issue
    key for another CVE) are two findings: the later one's variant gets a digest of its content,
    so neither hides the other. What Security Hub holds is one finding per Id, so this is what a
    gate counts too. A finding is yielded when met; its `occurrences` keep growing until the
    input is consumed.
    """
    seen = {}
    for finding in findings:
        key = finding_key(finding)
        while key in seen and _content(seen[key]) != _content(finding):
            digest = hashlib.sha256(repr(sorted(_content(finding).items())).encode("utf-8")).hexdigest()[:16]
            finding = dict(finding, variant=f"{finding.get('variant') or ''}#{digest}")
            key = finding_key(finding)
        first = seen.get(key)
        if first is None:
            seen[key] = finding
            yield finding
        else:
            first["occurrences"] = (first.get("occurrences") or 1) + (finding.get("occurrences") or 1)


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
