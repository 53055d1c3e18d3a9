# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: scan_findings
short_description: Read scanner reports into normalised findings
version_added: 0.1.0
description:
  - Reads reports of OWASP Dependency-Check, OWASP ZAP, SonarQube, Trivy and any SARIF 2.1.0 tool
    (Semgrep, CodeQL, Bandit, ...) and returns one list of findings in a single model, with
    severities on one scale (CRITICAL, HIGH, MEDIUM, LOW, INFORMATIONAL) and a status
    (active, suppressed, false_positive, resolved).
  - Makes no AWS call. The findings feed M(devsecops.aws.securityhub_findings) and
    M(devsecops.aws.security_gate).
  - A missing, empty, truncated or unrecognised report fails the task with a message naming the
    file, never an empty success. A report the scanner says is incomplete (Dependency-Check
    C(analysisExceptions), a Trivy k8s resource it could not scan) gives a warning and is listed
    with what it lacks in RV(reports); the findings it has are returned.
  - Each finding is returned once; a report that repeats one (ZAP instances that differ only in
    evidence, byte-identical SARIF results) gives it with its count in C(occurrences).
  - The AWS connection options are accepted and ignored, so that the C(devsecops.aws.aws) group's
    C(module_defaults) apply to this module as to every other one of the collection.
author:
  - devsecops.aws maintainers (!UNKNOWN)
extends_documentation_fragment:
  - devsecops.aws.attributes.info
  - devsecops.aws.reports
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
attributes:
  check_mode:
    support: full
    details: Reads files only, so check mode returns the same result.
  diff_mode:
    support: none
"""

EXAMPLES = r"""
- name: Read every report the scanners wrote
  devsecops.aws.scan_findings:
    paths:
      - reports/dependency-check-report.json
      - reports/zap.json
      - reports/sonar-issues.json
  register: scan

- name: Show the active findings per severity
  ansible.builtin.debug:
    var: scan.summary.active

- name: Read a SARIF report whose content is not recognised automatically
  devsecops.aws.scan_findings:
    path: reports/semgrep.sarif
    format: sarif
"""

RETURN = r"""
findings:
  description: The normalised findings of every report, in report order.
  returned: always
  type: list
  elements: dict
  sample:
    - tool: dependency_check
      rule_id: CVE-2021-44228
      title: CVE-2021-44228 in log4j-core@2.14.1
      description: Apache Log4j2 JNDI features do not protect against attacker controlled LDAP.
      severity: CRITICAL
      tool_severity: CRITICAL
      status: active
      cves: [CVE-2021-44228]
      cwes: [CWE-502]
      cvss_score: 10.0
      cvss_vector: CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H
      package_name: org.apache.logging.log4j/log4j-core
      package_version: 2.14.1
      package_purl: pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1
      file: /src/lib/log4j-core-2.14.1.jar
      line: null
      url: null
      param: null
      remediation: null
      references: [https://nvd.nist.gov/vuln/detail/CVE-2021-44228]
      scope: webgoat
      first_seen: null
      last_seen: "2026-11-29T08:00:00Z"
      confidence: null
      kind: vulnerability
      category: null
      cvss_version: "3.1"
      column: null
      source_url: null
      tool_key: null
      variant: null
      occurrences: 1
summary:
  description: Active findings per severity overall and per tool, and all findings per status.
  returned: always
  type: dict
  sample:
    total: 3
    active: {CRITICAL: 1, HIGH: 0, MEDIUM: 1, LOW: 0, INFORMATIONAL: 0}
    by_tool: {dependency_check: {CRITICAL: 1, HIGH: 0, MEDIUM: 0, LOW: 0, INFORMATIONAL: 0}}
    by_status: {active: 2, suppressed: 1, false_positive: 0, resolved: 0}
reports:
  description:
    - What each report was, with C(count) findings and C(incomplete), what the scanner said it could
      not do (empty for a complete scan).
  returned: always
  type: list
  elements: dict
  sample: [{"path": "reports/zap.json", "format": "zap", "tool": "zap", "scope": "https://app.example.com", "count": 61,
            "incomplete": []}]
incomplete:
  description: The reports whose scan is incomplete, each with its C(path), C(tool) and what it lacks (C(incomplete)).
  returned: always
  type: list
  elements: dict
  sample: [{"path": "reports/dc.json", "tool": "dependency_check",
            "incomplete": ["Dependency-Check analysis failed: ... Failed to request component-reports"]}]
"""

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule
from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import FindingError, summarise
from ansible_collections.devsecops.aws.plugins.module_utils._findings.reports import (
    REPORT_OPTIONS,
    collector_paused,
    parse_report,
    report_paths,
)

_REPORT_KEYS = ("path", "format", "tool", "scope", "incomplete")


def main():
    # An AWS module only in its arguments: the group's connection defaults must not be refused.
    module = DevSecOpsAWSModule(
        argument_spec=REPORT_OPTIONS,
        required_one_of=[("path", "paths")],
        supports_check_mode=True,
    )
    findings, reports = [], []
    try:
        with collector_paused():
            for path in report_paths(module.params):
                report = parse_report(path, module.params["format"])
                findings.extend(report["findings"])
                reports.append({key: report[key] for key in _REPORT_KEYS} | {"count": len(report["findings"])})
    except FindingError as e:
        module.fail_json(msg=str(e), reports=reports)
    incomplete = [{key: report[key] for key in ("path", "tool", "incomplete")} for report in reports if report["incomplete"]]
    for report in incomplete:
        module.warn(f"{report['path']}: the {report['tool']} scan is incomplete: " + "; ".join(report["incomplete"]))
    module.exit_json(
        changed=False, findings=findings, summary=summarise(findings), reports=reports, incomplete=incomplete
    )


if __name__ == "__main__":
    main()
