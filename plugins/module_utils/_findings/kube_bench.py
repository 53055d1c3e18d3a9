# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection.

kube-bench JSON (`kube-bench run --json`): {"Controls": [...], "Totals": {...}} from current
releases, or the bare list of controls older ones and single targets write. A control is one
benchmark target (worker node, policies, managed services, ...); its tests are the benchmark's
sections (3.1, 4.2, ...), each with results numbered as the benchmark numbers them (3.1.1).

FAIL and WARN results are findings of kind misconfiguration (category kubernetes), the benchmark
number their rule; PASS and INFO are not. A scored (automated) FAIL is HIGH, a manual one MEDIUM;
WARN (a manual check, or one kube-bench could not run) is LOW. One number means another check in
another benchmark (4.2.1 of CIS 1.5 and of eks-1.7.0), so the control's benchmark version tells
them apart (variant). The report does not name the cluster or node: give `scope`.
"""

from .model import FindingError, new_finding
from .shape import field, objects
from .text import plain

LABEL = "kube-bench"
EXPECTED = "a list of controls (with 'node_type' and 'tests'), bare or under 'Controls'"
TOOL = "kube_bench"
REPORTED = ("FAIL", "WARN")


def _is_control(item):
    return isinstance(item, dict) and isinstance(item.get("tests"), list) and "node_type" in item


def detect(document):
    if isinstance(document, dict):
        document = document.get("Controls")
    return isinstance(document, list) and bool(document) and all(_is_control(item) for item in document)


def _controls(document):
    """(path, control) of every control; detect() has seen that they are objects with a list of tests."""
    if isinstance(document, list):
        return [(f"[{index}]", control) for index, control in enumerate(document)]
    return objects(document, "Controls", "")


def describe(document):
    _controls(document)
    return {"tool": TOOL, "scope": None}


def _severity(status, result, where):
    if status == "WARN":
        return "LOW"
    scored = result.get("scored")
    if scored is not None and not isinstance(scored, bool):
        raise FindingError(f"{where}.scored is not true or false")
    return "HIGH" if scored else "MEDIUM"


def _description(heading, result, where):
    lines = [f"{heading}: {field(result, 'test_desc', where) or ''}"]
    for label, key in (("Expected", "expected_result"), ("Found", "actual_value"), ("Reason", "reason")):
        value = field(result, key, where)
        if value:
            lines.append(f"{label}: {plain(value)}")
    return "\n".join(lines)


def _heading(control, control_path, section, section_path):
    """"Control Plane Configuration / 3.1 Authentication and Authorization", as the report titles them."""
    number, desc = (field(section, key, section_path) for key in ("section", "desc"))
    return f"{field(control, 'text', control_path)} / {number} {desc}"


def findings(document):
    for control_path, control in _controls(document):
        benchmark = field(control, "version", control_path)
        for section_path, section in objects(control, "tests", control_path):
            heading = _heading(control, control_path, section, section_path)
            for where, result in objects(section, "results", section_path):
                status = field(result, "status", where)
                if status not in REPORTED:
                    continue
                number = field(result, "test_number", where)
                if not number:
                    raise FindingError(f"{where}: a {status} result has no test_number")
                yield new_finding(
                    tool=TOOL,
                    rule_id=number,
                    title=field(result, "test_desc", where) or number,
                    description=_description(heading, result, where),
                    kind="misconfiguration",
                    category="kubernetes",
                    variant=f"benchmark {benchmark}" if benchmark else None,
                    severity=_severity(status, result, where),
                    tool_severity=status,
                    remediation=plain(field(result, "remediation", where)) or None,
                )
