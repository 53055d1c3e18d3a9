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
from .shape import field, objects
from .text import plain

LABEL = "kube-bench"
TOOL = "kube_bench"
REPORTED = ("FAIL", "WARN")


def _controls(document):
    """(path, control) of each control: under 'Controls', or the bare list older releases write."""
    if isinstance(document, dict):
        return objects(document, "Controls", "")
    if not isinstance(document, list):
        raise FindingError("the report is neither an object with 'Controls' nor a list of controls")
    return objects({"Controls": document}, "Controls", "")


def _is_control(item):
    return isinstance(item, dict) and isinstance(item.get("tests"), list) and "node_type" in item


def detect(document):
    if isinstance(document, dict):
        document = document.get("Controls")
    return isinstance(document, list) and bool(document) and all(_is_control(item) for item in document)


def describe(document):
    _controls(document)
    return {"tool": TOOL, "scope": None}


def _severity(status, result):
    if status == "WARN":
        return "LOW"
    return "HIGH" if result.get("scored") else "MEDIUM"


def _description(control, section, result, where):
    lines = [f"{field(control, 'text', where)} / {field(section, 'section', where)} {field(section, 'desc', where)}: "
             f"{field(result, 'test_desc', where)}"]
    for label, key in (("Expected", "expected_result"), ("Found", "actual_value"), ("Reason", "reason")):
        value = field(result, key, where)
        if value:
            lines.append(f"{label}: {plain(value)}")
    return "\n".join(lines)


def findings(document):
    for control_path, control in _controls(document):
        if not isinstance(control.get("tests"), list):
            raise FindingError(f"{control_path} has no list of tests")
        for section_path, section in objects(control, "tests", control_path):
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
                    description=_description(control, section, result, where),
                    severity=_severity(status, result),
                    tool_severity=status,
                    remediation=plain(field(result, "remediation", where)) or None,
                )
