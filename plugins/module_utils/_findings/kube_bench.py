# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection.

kube-bench JSON (`kube-bench run --json`): {"Controls": [...], "Totals": {...}} from current
releases, or the bare list of controls older ones and single targets write. A control is one
benchmark target (worker node, policies, managed services, ...); its tests are the benchmark's
sections (3.1, 4.2, ...), each with results numbered as the benchmark numbers them (3.1.1).

FAIL and WARN results are findings, the benchmark number their rule; PASS and INFO are not.
A scored (automated) FAIL is HIGH, a manual one MEDIUM; WARN (a manual check, or one kube-bench
could not run) is LOW. The report does not name the cluster or node: give `scope`.
"""

from .model import FindingError, new_finding
from .text import plain

LABEL = "kube-bench"
TOOL = "kube_bench"
REPORTED = ("FAIL", "WARN")


def _controls(document):
    controls = document["Controls"] if isinstance(document, dict) else document
    if not isinstance(controls, list):
        raise FindingError("expected a list of controls under 'Controls'")
    return controls


def _is_control(item):
    return isinstance(item, dict) and isinstance(item.get("tests"), list) and "node_type" in item


def detect(document):
    if isinstance(document, dict):
        document = document.get("Controls")
    return isinstance(document, list) and bool(document) and all(_is_control(item) for item in document)


def describe(document):
    _controls(document)
    return {"tool": TOOL, "scope": None}


def _severity(result):
    if result["status"] == "WARN":
        return "LOW"
    return "HIGH" if result.get("scored") else "MEDIUM"


def _description(control, section, result):
    lines = [f"{control.get('text')} / {section.get('section')} {section.get('desc')}: {result.get('test_desc')}"]
    for label, key in (("Expected", "expected_result"), ("Found", "actual_value"), ("Reason", "reason")):
        if result.get(key):
            lines.append(f"{label}: {plain(result[key])}")
    return "\n".join(lines)


def findings(document):
    for control in _controls(document):
        if not _is_control(control):
            raise FindingError(f"control {control.get('id') if isinstance(control, dict) else control!r} has no tests")
        for section in control["tests"]:
            for result in section.get("results") or []:
                status = result.get("status")
                if status not in REPORTED:
                    continue
                if not result.get("test_number"):
                    raise FindingError(f"a {status} result in section {section.get('section')} has no test_number")
                yield new_finding(
                    tool=TOOL,
                    rule_id=str(result["test_number"]),
                    title=result.get("test_desc") or result["test_number"],
                    description=_description(control, section, result),
                    severity=_severity(result),
                    tool_severity=status,
                    remediation=plain(result.get("remediation")) or None,
                )
