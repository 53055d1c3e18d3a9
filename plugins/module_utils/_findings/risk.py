# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection.

The risk report's content: what is open in Security Hub now, per scope and overall, compared with
the previous report. Pure data in, data out: the clock (`now`) and the previous report's state are
arguments, so the same findings and state always give the same report.

An open finding is one Security Hub holds ACTIVE whose workflow is neither RESOLVED nor SUPPRESSED,
from any product: ours (the scanners this collection imports), GuardDuty, Inspector, Config, Security
Hub's own controls. Each is reduced to a small record (RECORD_FIELDS) that the report lists and the
state keeps, so that the next report can name what was resolved since.

    product   who sent it: devsecops.aws for ours, else the product's name (GuardDuty, Inspector, Config)
    tool      the scanner behind it: ours name theirs (trivy, zap); another product is its own tool
    scope     what it is about, as the security gate reads it (asff.from_asff): the project, repository
              or image our scans name, else the finding's first resource; or the AWS account
    age_days  whole days since Security Hub first observed it

The state (STATE_VERSION) is {"version", "reports": [{"generated_at", "scope_by", "overall": {severity:
count}, "scopes": {scope: {severity: count}}}, ...], "open": {key: record}}: the counts of the last
reports kept, for the chart, and the open findings of the last one, for "new" and "resolved".
"""

import hashlib
from datetime import datetime, timezone

from .asff import COMPANY_NAME, from_asff
from .model import SEVERITIES, SEVERITY_RANK

STATE_VERSION = 1
CLOSED_WORKFLOWS = ("RESOLVED", "SUPPRESSED")
OLDEST_SEVERITIES = ("CRITICAL", "HIGH")
SCOPE_BY = ("scope", "account")
RECORD_FIELDS = ("id", "product_arn", "title", "severity", "product", "tool", "scope", "account", "resource", "first_seen")
# ASFF Severity.Normalized ranges, for findings that give no Label.
_NORMALIZED = ((90, "CRITICAL"), (70, "HIGH"), (40, "MEDIUM"), (1, "LOW"), (0, "INFORMATIONAL"))


class StateError(ValueError):
    """A previous report's state that cannot be read; the message says where and what is wrong."""


def open_filters():
    """GetFindings filters for the open findings of every product (NOT_EQUALS filters are AND-ed)."""
    return {
        "RecordState": [{"Value": "ACTIVE", "Comparison": "EQUALS"}],
        "WorkflowStatus": [{"Value": status, "Comparison": "NOT_EQUALS"} for status in CLOSED_WORKFLOWS],
    }


def is_open(asff):
    """Checked again on what GetFindings returns: an endpoint that ignores filters must not add closed findings."""
    workflow = (asff.get("Workflow") or {}).get("Status") or asff.get("WorkflowState")
    return asff.get("RecordState") == "ACTIVE" and workflow not in CLOSED_WORKFLOWS


def parse_time(text):
    """A datetime from an ASFF timestamp (2024-01-17T11:33:20.845Z, nanoseconds allowed), or None."""
    if not text:
        return None
    text = str(text).replace("Z", "+00:00")
    head, dot, rest = text.partition(".")
    if dot:  # fromisoformat takes at most microseconds
        digits = len(rest) - len(rest.lstrip("0123456789"))
        text = f"{head}.{rest[:digits][:6].ljust(6, '0')}{rest[digits:]}"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def timestamp(moment):
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def severity_of(asff):
    severity = asff.get("Severity") or {}
    label = str(severity.get("Label") or "").upper()
    if label in SEVERITY_RANK:
        return label
    normalized = severity.get("Normalized")
    if isinstance(normalized, (int, float)):
        return next(name for floor, name in _NORMALIZED if normalized >= floor)
    return "INFORMATIONAL"


def _product(asff):
    if asff.get("CompanyName") == COMPANY_NAME:
        return COMPANY_NAME
    name = asff.get("ProductName") or (asff.get("ProductFields") or {}).get("aws/securityhub/ProductName")
    return name or asff.get("ProductArn", "").split(":product/", 1)[-1] or "unknown"


def finding_key(asff):
    """Security Hub identifies a finding by its product and Id."""
    return hashlib.sha256(f"{asff.get('ProductArn')}|{asff['Id']}".encode("utf-8")).hexdigest()[:24]


def record(asff):
    """The few fields a report lists and the state keeps, from any product's ASFF finding."""
    finding = from_asff(asff)
    first_seen = parse_time(asff.get("FirstObservedAt")) or parse_time(asff.get("CreatedAt"))
    resources = asff.get("Resources") or [{}]
    return {
        "id": asff["Id"],
        "product_arn": asff.get("ProductArn"),
        "title": asff.get("Title") or finding["rule_id"],
        "severity": severity_of(asff),
        "product": _product(asff),
        "tool": finding["tool"],
        "scope": finding["scope"] or resources[0].get("Id") or "unknown",
        "account": asff.get("AwsAccountId") or "unknown",
        "resource": resources[0].get("Id"),
        "first_seen": timestamp(first_seen) if first_seen else None,
    }


def _age_days(first_seen, now):
    moment = parse_time(first_seen)
    return None if moment is None else max((now - moment).days, 0)


def _counts(records):
    counts = dict.fromkeys(SEVERITIES, 0)
    for item in records:
        counts[item["severity"]] += 1
    return counts


def _counts_by(records, field):
    grouped = {}
    for item in records:
        grouped.setdefault(item[field], dict.fromkeys(SEVERITIES, 0))[item["severity"]] += 1
    return dict(sorted(grouped.items(), key=lambda entry: _badness(entry[1]), reverse=True))


def _badness(counts):
    """Worst first: more critical, then more high, and so on; then more in all."""
    return tuple(counts[name] for name in SEVERITIES) + (sum(counts.values()),)


def _worst_first(records):
    return sorted(records, key=lambda item: (-SEVERITY_RANK[item["severity"]], item["first_seen"] or "~", item["id"]))


def _oldest(records, now, count):
    """The oldest open findings of each of OLDEST_SEVERITIES, oldest first, with their age."""
    oldest = {}
    for severity in OLDEST_SEVERITIES:
        chosen = sorted(
            (item for item in records if item["severity"] == severity),
            key=lambda item: (item["first_seen"] or "~", item["id"]),  # "~" sorts after any timestamp
        )[:count]
        oldest[severity] = [dict(item, age_days=_age_days(item["first_seen"], now)) for item in chosen]
    return oldest


def section(current, previous, history, now, oldest_count):
    """One report (overall or one scope): counts, the oldest critical and high, new and resolved.

    `current` and `previous` map finding keys to records; `previous` is None for a first report.
    """
    records = list(current.values())
    first = previous is None
    return {
        "total": len(records),
        "by_severity": _counts(records),
        "by_product": _counts_by(records, "product"),
        "by_tool": _counts_by(records, "tool"),
        "oldest": _oldest(records, now, oldest_count),
        "first_report": first,
        # A first report compares with nothing: no finding is "new" to it.
        "new": [] if first else _worst_first(item for key, item in current.items() if key not in previous),
        "resolved": [] if first else _worst_first(item for key, item in previous.items() if key not in current),
        "history": history,
    }


def _scope_slug(scope):
    readable = "".join(character if character.isalnum() or character in "-_." else "-" for character in scope)
    readable = "-".join(part for part in readable.split("-") if part)[:60].strip(".-") or "scope"
    return f"{readable}-{hashlib.sha256(scope.encode('utf-8')).hexdigest()[:8]}"


def _history_for(reports, scope=None):
    """(generated_at, counts) of each report kept; a scope absent from a report had nothing open."""
    history = []
    for report in reports:
        if scope is None:
            counts = report["overall"]
        else:
            counts = report["scopes"].get(scope) or dict.fromkeys(SEVERITIES, 0)
        history.append({"generated_at": report["generated_at"], "counts": dict(dict.fromkeys(SEVERITIES, 0), **counts)})
    return history


def load_state(state, where):
    """The previous reports and open findings of a state document (None: no previous report)."""
    if state is None:
        return [], None
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        raise StateError(f"{where} is not a risk report state of version {STATE_VERSION}")
    reports, open_findings = state.get("reports"), state.get("open")
    if not isinstance(reports, list) or not isinstance(open_findings, dict):
        raise StateError(f"{where}: expected 'reports' to be a list and 'open' an object")
    for index, report in enumerate(reports):
        if not isinstance(report, dict) or not {"generated_at", "overall", "scopes"} <= set(report):
            raise StateError(f"{where}: reports[{index}] lacks generated_at, overall or scopes")
    return reports, open_findings


def build(findings, now, state=None, scope_by="scope", oldest_count=10, keep_reports=12, where="the state"):
    """(report, new_state) from ASFF findings (any product; closed ones are left out) and the previous state."""
    reports, previous = load_state(state, where)
    current = {}
    for asff in findings:
        if is_open(asff):
            current[finding_key(asff)] = record(asff)
    group = "scope" if scope_by == "scope" else "account"
    by_scope = {}
    for key, item in current.items():
        by_scope.setdefault(item[group], {})[key] = item
    previous_by_scope = None
    if previous is not None:
        previous_by_scope = {}
        for key, item in previous.items():
            previous_by_scope.setdefault(item.get(group) or "unknown", {})[key] = item

    generated_at = timestamp(now)
    entry = {
        "generated_at": generated_at,
        "scope_by": scope_by,
        "overall": _counts(current.values()),
        "scopes": {scope: _counts(items.values()) for scope, items in by_scope.items()},
    }
    # Reports grouped another way count the same findings, but their scopes are not these.
    comparable = [report for report in reports if report.get("scope_by", scope_by) == scope_by]
    kept = comparable[len(comparable) - (keep_reports - 1):] if keep_reports > 1 else []
    kept.append(entry)

    scope_names = set(by_scope) | set(previous_by_scope or ())
    scopes = []
    for scope in scope_names:
        before = None if previous_by_scope is None else previous_by_scope.get(scope, {})
        part = section(by_scope.get(scope, {}), before, _history_for(kept, scope), now, oldest_count)
        scopes.append(dict(part, name=scope, slug=_scope_slug(scope)))
    scopes.sort(key=lambda part: (_badness(part["by_severity"]), len(part["resolved"])), reverse=True)

    report = {
        "generated_at": generated_at,
        "scope_by": scope_by,
        "previous_generated_at": reports[-1]["generated_at"] if reports else None,
        "overall": section(current, previous, _history_for(kept), now, oldest_count),
        "scopes": scopes,
    }
    new_state = {"version": STATE_VERSION, "reports": kept, "open": current}
    return report, new_state


def summary(report, listed=5):
    """A few lines for a chat message: totals, the change since the last report, the worst scopes."""
    overall = report["overall"]
    counts = ", ".join(f"{overall['by_severity'][name]} {name.lower()}" for name in SEVERITIES)
    lines = [f"Security risk report {report['generated_at']}: {overall['total']} open findings ({counts})."]
    if overall["first_report"]:
        lines.append("First report: nothing to compare with yet.")
    else:
        lines.append(
            f"Since {report['previous_generated_at']}: {len(overall['new'])} new, {len(overall['resolved'])} resolved."
        )
    for severity in OLDEST_SEVERITIES:
        oldest = overall["oldest"][severity]
        if oldest and oldest[0]["age_days"] is not None:
            lines.append(f"Oldest open {severity.lower()}: {oldest[0]['title']} ({oldest[0]['age_days']} days).")
    worst = [part for part in report["scopes"] if part["by_severity"]["CRITICAL"] or part["by_severity"]["HIGH"]][:listed]
    if worst:
        lines.append(
            "Most critical and high: "
            + "; ".join(
                f"{part['name']} ({part['by_severity']['CRITICAL']} critical, {part['by_severity']['HIGH']} high)"
                for part in worst
            )
            + "."
        )
    return "\n".join(lines)
