# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection.

The security gate: a policy (POLICY_SCHEMA) checked against normalised findings.

    max_findings      active findings allowed per severity, overall and per tool (`tools:`);
                      a severity not listed has no limit
    max_cvss          the highest CVSS base score allowed; a finding scoring above it fails
    deny              rules, CWEs, CVEs and licence categories that fail whatever their severity
    waivers           `match` one of id (finding_id), rule, cve, cwe, package (name or purl),
                      with `reason`, `owner` and `expires` (YYYY-MM-DD, last day it applies)
    required_reports  tools whose reports must be present and readable (fail closed)
    allow_incomplete_scans   tools whose reports may say the scan is incomplete; any other tool's
                      incomplete report fails the gate (fail closed), as it is not a clean scan

Only active findings count, each once (model.unique: what Security Hub holds), and a finding an
unexpired waiver matches counts for nothing. The clock is an argument (`today`): evaluation never
reads the real date.
"""

import datetime

from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import (
    SEVERITIES,
    SEVERITY_RANK,
    finding_id,
    summarise,
    unique,
)

try:
    from jsonschema import Draft202012Validator, FormatChecker
except ImportError:
    HAS_JSONSCHEMA = False
else:
    HAS_JSONSCHEMA = True

try:
    import yaml
except ImportError:
    HAS_YAML = False
else:
    HAS_YAML = True

WAIVER_KEYS = ("id", "rule", "cve", "cwe", "package")

_SEVERITY_LIMITS = {
    "type": "object",
    "properties": {severity: {"type": "integer", "minimum": 0} for severity in SEVERITIES},
    "additionalProperties": False,
}
_STRINGS = {"type": "array", "items": {"type": "string", "minLength": 1}, "uniqueItems": True}
_CVES = {"type": "array", "items": {"type": "string", "pattern": "^CVE-[0-9]{4}-[0-9]{4,}$"}, "uniqueItems": True}
_CWES = {"type": "array", "items": {"type": "string", "pattern": "^CWE-[0-9]+$"}, "uniqueItems": True}
LICENSE_CATEGORIES = ("forbidden", "restricted", "reciprocal", "notice", "permissive", "unencumbered", "unknown")

POLICY_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "devsecops.aws security gate policy",
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "max_findings": {
            "description": "Active findings allowed per severity; a severity not listed has no limit.",
            "type": "object",
            "properties": dict(
                _SEVERITY_LIMITS["properties"],
                tools={
                    "description": "The same limits for one tool's findings, by tool name.",
                    "type": "object",
                    "additionalProperties": _SEVERITY_LIMITS,
                },
            ),
            "additionalProperties": False,
        },
        "max_cvss": {
            "description": "Highest CVSS base score allowed; a finding scoring above it fails.",
            "type": "number",
            "minimum": 0,
            "maximum": 10,
        },
        "deny": {
            "description": "Rules, CWEs, CVEs and licence categories that fail the gate whatever their severity.",
            "type": "object",
            "properties": {
                "rules": _STRINGS,
                "cwes": _CWES,
                "cves": _CVES,
                "license_categories": {
                    "description": "Licence findings (Trivy) of these categories fail the gate.",
                    "type": "array",
                    "items": {"enum": list(LICENSE_CATEGORIES)},
                    "uniqueItems": True,
                },
            },
            "additionalProperties": False,
        },
        "waivers": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["match", "reason", "owner", "expires"],
                "properties": {
                    "match": {
                        "description": "Exactly one of: finding id, rule id, CVE, CWE, package name or purl.",
                        "type": "object",
                        "properties": {key: {"type": "string", "minLength": 1} for key in WAIVER_KEYS},
                        "additionalProperties": False,
                        "minProperties": 1,
                        "maxProperties": 1,
                    },
                    "reason": {"type": "string", "minLength": 1},
                    "owner": {"type": "string", "minLength": 1},
                    "expires": {
                        "description": "Last day the waiver applies (YYYY-MM-DD).",
                        "type": "string",
                        "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
                        "format": "date",
                    },
                },
                "additionalProperties": False,
            },
        },
        "required_reports": dict(_STRINGS, description="Tools whose reports must be present and readable."),
        "allow_incomplete_scans": dict(
            _STRINGS,
            description=(
                "Tools whose reports may say the scan is incomplete (Dependency-Check analysisExceptions); "
                "an incomplete report of any other tool fails the gate."
            ),
        ),
    },
}


class PolicyError(ValueError):
    """A policy the schema refuses; the message names each wrong path in the policy."""


def _path_text(path):
    return "policy" + "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)


def _error_text(error):
    where = _path_text(error.absolute_path)
    if error.validator in ("pattern", "format") and error.absolute_path and error.absolute_path[-1] == "expires":
        return f"{where}: {error.instance!r} is not a valid date (YYYY-MM-DD)"
    if error.validator in ("minProperties", "maxProperties", "additionalProperties") and where.endswith(".match"):
        return f"{where}: give exactly one of {', '.join(WAIVER_KEYS)}"
    return f"{where}: {error.message}"


def _dates_as_text(policy):
    """A policy from a playbook's YAML may hold an unquoted 2026-12-31 as a date; the schema knows strings."""
    waivers = policy.get("waivers") if isinstance(policy, dict) else None
    if not isinstance(waivers, list):
        return policy
    as_text = [
        (
            dict(waiver, expires=waiver["expires"].isoformat())
            if isinstance(waiver, dict) and isinstance(waiver.get("expires"), datetime.date)
            else waiver
        )
        for waiver in waivers
    ]
    return dict(policy, waivers=as_text)


if HAS_YAML:

    class _PolicyLoader(yaml.SafeLoader):
        """SafeLoader reading dates as text, so that the schema, not the YAML parser, judges 2026-13-01."""

        yaml_implicit_resolvers = {
            first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
        }


def load_policy_file(path):
    """The policy a YAML (or JSON) file holds, or PolicyError naming the file (needs PyYAML: HAS_YAML)."""
    try:
        with open(path, encoding="utf-8") as stream:
            return yaml.load(stream, Loader=_PolicyLoader)  # noqa: S506  (a SafeLoader)
    except OSError as e:
        raise PolicyError(f"cannot read policy file {path}: {e.strerror}") from e
    except yaml.YAMLError as e:
        raise PolicyError(f"policy file {path} is not valid YAML: {e}") from e


def validate_policy(policy):
    """The policy with dates as text, or PolicyError listing every problem by its path (needs jsonschema)."""
    policy = _dates_as_text(policy)
    validator = Draft202012Validator(POLICY_SCHEMA, format_checker=FormatChecker())
    errors = sorted(validator.iter_errors(policy), key=lambda error: [str(part) for part in error.absolute_path])
    if errors:
        raise PolicyError("; ".join(dict.fromkeys(_error_text(error) for error in errors)))
    return policy


def _waiver_index(waivers, today):
    """Unexpired waivers by match key and value, and the expired ones (listed, never applied)."""
    index = {key: {} for key in WAIVER_KEYS}
    expired = []
    for number, waiver in enumerate(waivers):
        entry = dict(waiver, index=number)
        if datetime.date.fromisoformat(waiver["expires"]) < today:
            expired.append(entry)
            continue
        ((key, value),) = waiver["match"].items()
        index[key].setdefault(value, entry)
    return index, expired


def _matching_waiver(finding, index, needs_id):
    candidates = (
        (index["rule"], (finding["rule_id"],)),
        (index["cve"], finding["cves"]),
        (index["cwe"], finding["cwes"]),
        (index["package"], (finding["package_name"], finding["package_purl"])),
    )
    for by_value, values in candidates:
        for value in values:
            if value in by_value:
                return by_value[value]
    if needs_id:
        return index["id"].get(finding_id(finding))
    return None


def _denied(finding, deny):
    """Why the deny lists refuse `finding` (usually nothing: set tests first, messages only on a hit)."""
    rule_denied = finding["rule_id"] in deny["rules"]
    license_denied = finding.get("kind") == "license" and finding.get("category") in deny["license_categories"]
    if (
        not rule_denied
        and not license_denied
        and deny["cwes"].isdisjoint(finding["cwes"])
        and deny["cves"].isdisjoint(finding["cves"])
    ):
        return []
    reasons = [f"deny.rules: {finding['rule_id']} is denied"] if rule_denied else []
    if license_denied:
        reasons.append(f"deny.license_categories: {finding['rule_id']} is a {finding['category']} licence")
    reasons.extend(f"deny.cwes: {cwe} is denied" for cwe in finding["cwes"] if cwe in deny["cwes"])
    reasons.extend(f"deny.cves: {cve} is denied" for cve in finding["cves"] if cve in deny["cves"])
    return reasons


def _breaches(counted, max_findings):
    """Thresholds exceeded, as {(tool or None, severity): rule text}."""
    overall, by_tool = {}, {}
    for finding in counted:
        overall[finding["severity"]] = overall.get(finding["severity"], 0) + 1
        key = (finding["tool"], finding["severity"])
        by_tool[key] = by_tool.get(key, 0) + 1
    breaches = {}
    for severity, count in overall.items():
        limit = max_findings.get(severity)
        if limit is not None and count > limit:
            breaches[(None, severity)] = (
                f"max_findings.{severity}: {count} {severity} findings, at most {limit} allowed"
            )
    tool_limits = max_findings.get("tools") or {}
    for (tool, severity), count in by_tool.items():
        limit = (tool_limits.get(tool) or {}).get(severity)
        if limit is not None and count > limit:
            breaches[(tool, severity)] = (
                f"max_findings.tools.{tool}.{severity}: {count} {severity} {tool} findings, at most {limit} allowed"
            )
    return breaches


def _badness(violation):
    finding = violation["finding"]
    return (SEVERITY_RANK[finding["severity"]], finding["cvss_score"] or 0.0)


def _report_violation(rule, message):
    return {"rule": rule, "rules": [message], "message": message, "finding": None}


def _report_violations(policy, reports):
    """Unreadable reports (their error names the file), incomplete scans the policy does not allow,
    then required tools with no readable report."""
    violations = [_report_violation("reports", report["error"]) for report in reports if report.get("error")]
    allowed = set(policy.get("allow_incomplete_scans") or ())
    violations.extend(
        _report_violation(
            "incomplete_scans",
            f"incomplete_scans: {report['path']}: the {report['tool']} scan is incomplete "
            f"({'; '.join(report['incomplete'])}); add {report['tool']} to allow_incomplete_scans to accept it",
        )
        for report in reports
        if report.get("incomplete") and report["tool"] not in allowed
    )
    present = {report["tool"] for report in reports if not report.get("error")}
    violations.extend(
        _report_violation("required_reports", f"required_reports: no {tool} report was given")
        for tool in policy.get("required_reports") or ()
        if tool not in present
    )
    return violations


def evaluate(policy, findings, today, reports=None):
    """The gate's verdict on `findings` under a validated `policy`, as of the date `today`.

    `reports` lists the reports the findings came from ({"path", "tool"[, "incomplete"]} or
    {"path", "error"}); without it, a required report counts as present when its tool has findings.
    """
    findings = list(unique(findings))
    deny_keys = ("rules", "cwes", "cves", "license_categories")
    deny = {key: frozenset((policy.get("deny") or {}).get(key) or ()) for key in deny_keys}
    index, expired = _waiver_index(policy.get("waivers") or (), today)
    any_waiver, needs_id = any(index.values()), bool(index["id"])
    max_cvss = policy.get("max_cvss")

    counted, waived = [], []
    for finding in findings:
        if finding["status"] != "active":
            continue
        waiver = _matching_waiver(finding, index, needs_id) if any_waiver else None
        if waiver is None:
            counted.append(finding)
        else:
            waived.append({"finding": finding, "waiver": waiver})

    breaches = _breaches(counted, policy.get("max_findings") or {})
    violations = []
    for finding in counted:
        rules = _denied(finding, deny)
        score = finding["cvss_score"]
        if max_cvss is not None and score is not None and score > max_cvss:
            rules.append(f"max_cvss: CVSS {score} is above {max_cvss}")
        for key in ((None, finding["severity"]), (finding["tool"], finding["severity"])):
            if key in breaches:
                rules.append(breaches[key])
        if rules:
            violations.append(
                {"rule": rules[0].partition(":")[0], "rules": rules, "message": "; ".join(rules), "finding": finding}
            )
    violations.sort(key=_badness, reverse=True)  # stable: ties keep their input order

    if reports is None:
        reports = [{"path": None, "tool": tool} for tool in {finding["tool"] for finding in findings}]
    violations[:0] = _report_violations(policy, reports)

    return {
        "passed": not violations,
        "violations": violations,
        "waived": waived,
        "expired_waivers": expired,
        "breaches": sorted(breaches.values()),
        "summary": dict(
            summarise(findings), violations=len(violations), waived=len(waived), expired_waivers=len(expired)
        ),
    }


def _describe(violation):
    finding = violation["finding"]
    if finding is None:
        return violation["message"]
    where = finding.get("package_purl") or finding.get("package_name") or finding.get("file") or finding.get("url")
    subject = f"[{finding['severity']}] {finding['tool']} {finding['rule_id']}" + (f" in {where}" if where else "")
    return f"{subject}: {violation['message']}"


def failure_message(result, listed=10):
    """One readable line per violation, worst first, for a failed task."""
    violations = result["violations"]
    lines = [f"Security gate failed: {len(violations)} violation(s), worst first:"]
    lines.extend("- " + _describe(violation) for violation in violations[:listed])
    if len(violations) > listed:
        lines.append(f"- ... and {len(violations) - listed} more (see violations and the reports)")
    return "\n".join(lines)
