# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection.

The security gate's verdict (gate.evaluate's result) as files for people and tools:
a Markdown summary (pull requests, AWX job output), JUnit XML (CodeBuild, Jenkins and GitLab
show it as test results: one failed test per violation, one skipped per waived finding) and
SARIF 2.1.0 (code scanning UIs: violations as errors, waived findings as suppressed results).
Nothing here reads a clock, so the same verdict always gives the same bytes.
"""

import json
import os
import xml.etree.ElementTree as ET

from ansible_collections.devsecops.aws.plugins.module_utils._files import current_text, write_atomically
from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import SEVERITIES, finding_id

FILE_NAMES = {"markdown": "security-gate.md", "junit": "security-gate.junit.xml", "sarif": "security-gate.sarif"}
MARKDOWN_ROWS = 50  # a pull request comment stays readable; the other reports list everything
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {"CRITICAL": "error", "HIGH": "error", "MEDIUM": "warning", "LOW": "note", "INFORMATIONAL": "note"}


def _location(finding):
    location = finding.get("file") or finding.get("url") or finding.get("package_purl") or finding.get("package_name")
    if finding.get("file") and finding.get("line") is not None:
        location += f":{finding['line']}"
    return location or ""


def _cell(text):
    return str(text if text is not None else "").replace("|", "\\|").replace("\n", " ")


def _table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(_cell(value) for value in row) + " |" for row in rows)
    return lines


def _violation_row(violation):
    finding = violation["finding"]
    if finding is None:
        return ("", "", violation["rule"], "", "", violation["message"], "")
    return (
        finding["severity"],
        finding["tool"],
        finding["rule_id"],
        finding["title"],
        _location(finding),
        violation["message"],
        finding_id(finding),
    )


def markdown(result):
    summary = result["summary"]
    lines = [f"## Security gate: {'passed' if result['passed'] else 'FAILED'}", ""]
    lines.extend(_table(["Severity", "Active findings"], [(name, summary["active"][name]) for name in SEVERITIES]))
    lines += [
        "",
        f"{summary['total']} findings read, {summary['violations']} violations, {summary['waived']} waived, "
        f"{summary['expired_waivers']} expired waivers.",
    ]
    if result["violations"]:
        lines += ["", "### Violations, worst first", ""]
        rows = [_violation_row(violation) for violation in result["violations"][:MARKDOWN_ROWS]]
        lines.extend(_table(["Severity", "Tool", "Rule", "Title", "Where", "Why", "Finding id (to waive)"], rows))
        if len(result["violations"]) > MARKDOWN_ROWS:
            lines += ["", f"... and {len(result['violations']) - MARKDOWN_ROWS} more (see the JUnit or SARIF report)."]
    if result["expired_waivers"]:
        lines += ["", "### Expired waivers (no longer applied)", ""]
        rows = [(_match_text(w), w["owner"], w["expires"], w["reason"]) for w in result["expired_waivers"]]
        lines.extend(_table(["Match", "Owner", "Expired after", "Reason"], rows))
    if result["waived"]:
        lines += ["", "### Waived", ""]
        rows = [
            (
                item["finding"]["severity"],
                item["finding"]["tool"],
                item["finding"]["rule_id"],
                _match_text(item["waiver"]),
                item["waiver"]["owner"],
                item["waiver"]["expires"],
            )
            for item in result["waived"][:MARKDOWN_ROWS]
        ]
        lines.extend(_table(["Severity", "Tool", "Rule", "Waiver", "Owner", "Expires"], rows))
    return "\n".join(lines) + "\n"


def _match_text(waiver):
    ((key, value),) = waiver["match"].items()
    return f"{key}: {value}"


def _testcase(suite, classname, name):
    return ET.SubElement(suite, "testcase", classname=classname, name=name)


def junit(result):
    violations, waived = result["violations"], result["waived"]
    root = ET.Element("testsuites", name="security gate")
    suite = ET.SubElement(root, "testsuite", name="security gate")
    for violation in violations:
        finding = violation["finding"]
        if finding is None:
            case = _testcase(suite, "security_gate." + violation["rule"], violation["message"])
        else:
            case = _testcase(
                suite, f"security_gate.{finding['tool']}", f"{finding['rule_id']} {_location(finding)}".strip()
            )
        failure = ET.SubElement(case, "failure", message=violation["message"], type=violation["rule"])
        failure.text = (finding or {}).get("title") or violation["message"]
    for item in waived:
        finding = item["finding"]
        case = _testcase(
            suite, f"security_gate.{finding['tool']}", f"{finding['rule_id']} {_location(finding)}".strip()
        )
        ET.SubElement(case, "skipped", message=f"waived ({_match_text(item['waiver'])}): {item['waiver']['reason']}")
    if not violations:
        _testcase(suite, "security_gate", "policy")
    tests = len(violations) + len(waived) + (0 if violations else 1)
    counts = {"tests": str(tests), "failures": str(len(violations)), "errors": "0", "skipped": str(len(waived))}
    for element in (root, suite):
        element.attrib.update(counts)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _sarif_result(finding, message, suppression=None):
    result = {
        "ruleId": finding["rule_id"],
        "level": _SARIF_LEVEL[finding["severity"]],
        "message": {"text": message},
        "partialFingerprints": {"devsecopsFindingId/v1": finding_id(finding)},
        "properties": {"tool": finding["tool"], "severity": finding["severity"]},
    }
    if finding.get("file"):
        region = {"startLine": finding["line"]} if finding.get("line") else {}
        physical = {"artifactLocation": {"uri": finding["file"]}}
        if region:
            physical["region"] = region
        result["locations"] = [{"physicalLocation": physical}]
    if suppression:
        result["suppressions"] = [suppression]
    return result


def sarif(result):
    results, rules = [], {}
    for violation in result["violations"]:
        finding = violation["finding"]
        if finding is None:
            rules.setdefault(violation["rule"], {"id": violation["rule"], "name": violation["rule"]})
            results.append({"ruleId": violation["rule"], "level": "error", "message": {"text": violation["message"]}})
            continue
        rules.setdefault(finding["rule_id"], {"id": finding["rule_id"], "shortDescription": {"text": finding["title"]}})
        results.append(_sarif_result(finding, f"{finding['title']}: {violation['message']}"))
    for item in result["waived"]:
        finding, waiver = item["finding"], item["waiver"]
        rules.setdefault(finding["rule_id"], {"id": finding["rule_id"], "shortDescription": {"text": finding["title"]}})
        justification = f"{waiver['reason']} (owner {waiver['owner']}, expires {waiver['expires']})"
        results.append(_sarif_result(finding, finding["title"], {"kind": "external", "justification": justification}))
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "devsecops.aws.security_gate", "rules": list(rules.values())}},
                "results": results,
                "properties": {"passed": result["passed"], "summary": result["summary"]},
            }
        ],
    }
    return json.dumps(log, indent=2, sort_keys=True) + "\n"


WRITERS = {"markdown": markdown, "junit": junit, "sarif": sarif}


def write_reports(result, report_dir, formats, check_mode=False):
    """Each report as {format, path, changed}, written only when its content differs.

    In check mode, what would change, writing nothing.
    """
    written = []
    for name in formats:
        path = os.path.join(report_dir, FILE_NAMES[name])
        text = WRITERS[name](result)
        changed = current_text(path) != text
        if changed and not check_mode:
            os.makedirs(report_dir, exist_ok=True)
            write_atomically(path, text)
        written.append({"format": name, "path": path, "changed": changed})
    return written
