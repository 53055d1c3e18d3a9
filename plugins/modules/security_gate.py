# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: security_gate
short_description: Stop a build or deployment whose security findings break a policy
version_added: 0.1.0
description:
  - Evaluates normalised findings against a security policy and fails the task when the policy is
    broken, with a message listing the worst violations first.
  - The findings come from O(findings) (as M(devsecops.aws.scan_findings) returns them) and scanner
    reports in O(paths), or with O(source=securityhub) from the active findings Security Hub holds
    for a scope (generators, products, resources such as an ECR image).
  - Only active findings count. Suppressed, false-positive and resolved findings never do, nor does a
    finding an unexpired waiver matches.
  - "The policy (O(policy) or O(policy_file)) is validated against the JSON schema in
    C(docs/security-gate-policy.schema.json); each error names the wrong path in the policy,
    such as C(policy.waivers[2].expires) for a date that does not exist."
  - "C(max_findings): active findings allowed per severity (C(CRITICAL), C(HIGH), C(MEDIUM), C(LOW),
    C(INFORMATIONAL)), overall and per tool under C(tools) (C(tools: {zap: {HIGH: 0}})). A severity not
    listed has no limit. When a limit is exceeded, every finding of that severity (and tool) is a violation."
  - "C(max_cvss): the highest CVSS base score allowed; a finding scoring above it is a violation.
    Dependency-Check's C(failBuildOnCVSS: 7) fails at 7.0 and above, which is C(max_cvss: 6.9)."
  - "C(deny): C(rules), C(cwes) (C(CWE-89)), C(cves) (C(CVE-2021-44228)) and C(license_categories)
    (Trivy licence findings of a category such as C(forbidden) or C(restricted)) that are violations
    whatever their severity."
  - "C(waivers): each with C(match) giving exactly one of C(id) (the finding id), C(rule), C(cve), C(cwe)
    or C(package) (a package name or purl), matched exactly; a C(reason); an C(owner); and C(expires),
    the last day it applies (YYYY-MM-DD). A waiver without C(expires) is refused. An expired waiver no
    longer applies and is listed in RV(expired_waivers)."
  - "C(required_reports): tools whose reports must be given and readable. A missing, empty or unparseable
    report fails the gate (fail closed) with a message naming it. Any report in O(paths) that cannot be
    read fails the gate too. With O(findings) or O(source=securityhub), a required tool counts as present
    when it has at least one finding."
  - "C(allow_incomplete_scans): tools whose reports may say the scan is incomplete. A report the
    scanner marks incomplete (Dependency-Check C(scanInfo.analysisExceptions): npm audit failed, OSS
    Index unreachable; a Trivy k8s resource it could not scan) is not a clean scan: it fails the gate
    (fail closed) with a message naming the report, unless its tool is listed here."
  - Each finding counts once, as Security Hub holds it; a finding a report repeats (ZAP instances
    that differ only in evidence) is one finding with its C(occurrences).
  - Writes a Markdown summary, JUnit XML (one failed test per violation, one skipped per waived finding)
    and SARIF 2.1.0 to O(report_dir).
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  findings:
    description:
      - Normalised findings, as RV(devsecops.aws.scan_findings#module:findings) returns them.
      - Evaluated together with the reports in O(paths).
    type: list
    elements: dict
  source:
    description:
      - Where the findings come from.
      - C(inline) evaluates O(findings) and the reports in O(path) and O(paths).
      - C(securityhub) reads the active findings (record state C(ACTIVE), workflow C(NEW) or C(NOTIFIED))
        for O(securityhub_scope) from Security Hub with C(GetFindings).
    type: str
    choices: [inline, securityhub]
    default: inline
  securityhub_scope:
    description:
      - Which Security Hub findings to evaluate with O(source=securityhub). Values of one list are
        alternatives (any matches); lists given together must all match.
    type: dict
    suboptions:
      generator_ids:
        description:
          - Generator ids, for example C(devsecops/trivy/CVE-2024-3094) (findings this collection imported)
            or C(aws-foundational-security-best-practices/v/1.0.0/S3.1).
        type: list
        elements: str
      product_names:
        description:
          - Product names, for example C(Inspector), or a tool's name such as C(trivy) or C(zap) for
            the findings this collection imported (their C(ProductName)).
        type: list
        elements: str
      resource_ids:
        description: Resource ids, for example an ECR image ARN or a repository URL.
        type: list
        elements: str
  policy:
    description:
      - The policy, as a dict. See the description for its keys.
      - Mutually exclusive with O(policy_file).
    type: dict
  policy_file:
    description:
      - A YAML or JSON file holding the policy, on the host the module runs on.
      - Mutually exclusive with O(policy).
    type: path
  today:
    description:
      - The date waivers are judged against (YYYY-MM-DD). Defaults to today's date in UTC.
      - Set it to replay an old gate run or to see which waivers expire soon.
    type: str
  enforce:
    description:
      - Fail the task when the gate fails. With C(false), the verdict is only returned in RV(passed).
    type: bool
    default: true
  report_dir:
    description:
      - Directory the reports are written to (created if needed), as C(security-gate.md),
        C(security-gate.junit.xml) and C(security-gate.sarif). No reports are written without it.
      - A file is rewritten only when its content changes; the reports hold no timestamps.
    type: path
  report_formats:
    description: Which reports to write to O(report_dir).
    type: list
    elements: str
    choices: [markdown, junit, sarif]
    default: [markdown, junit, sarif]
extends_documentation_fragment:
  - devsecops.aws.attributes
  - devsecops.aws.reports
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
attributes:
  check_mode:
    support: full
    details: Evaluates the gate and reports which report files would change, writing none.
  diff_mode:
    support: none
notes:
  - The AWS connection options are used only with O(source=securityhub), which needs
    C(securityhub:GetFindings).
  - C(changed) is true only when a report file was written with new content.
requirements:
  - jsonschema
  - PyYAML (to read O(policy_file))
"""

EXAMPLES = r"""
- name: Gate a build on its scanner reports
  devsecops.aws.security_gate:
    paths:
      - reports/dependency-check-report.json
      - reports/zap.json
      - reports/semgrep.sarif
    policy_file: security-gate-policy.yml
    report_dir: reports/gate

- name: Gate with an inline policy, without failing the task
  devsecops.aws.security_gate:
    findings: "{{ scan.findings }}"
    enforce: false
    policy:
      max_findings:
        CRITICAL: 0
        HIGH: 0
        MEDIUM: 20
        tools:
          zap:
            MEDIUM: 5
      max_cvss: 8.9
      deny:
        cwes: [CWE-89, CWE-78]
      waivers:
        - match:
            cve: CVE-2022-42889
          reason: Text interpolation is not reachable from user input
          owner: team-payments
          expires: "2027-01-31"
      required_reports: [dependency_check, zap]
      allow_incomplete_scans: []
  register: gate

- name: Gate a deployment on what Security Hub holds for an ECR image
  devsecops.aws.security_gate:
    source: securityhub
    securityhub_scope:
      resource_ids:
        - arn:aws:ecr:us-east-1:123456789012:repository/webgoat/sha256:0f3c...
    policy_file: security-gate-policy.yml
"""

RETURN = r"""
passed:
  description: Whether the findings pass the policy.
  returned: always
  type: bool
  sample: false
violations:
  description:
    - What broke the policy, worst first (unreadable or missing reports, then by severity and CVSS score).
    - C(rule) is the first policy rule broken, C(rules) every one with why, C(message) them joined, and
      C(finding) the finding (null for a report problem).
    - The finding id a waiver's C(match.id) takes is in the Markdown report and in the SARIF results'
      C(partialFingerprints).
  returned: always
  type: list
  elements: dict
  sample: [{"rule": "deny.cwes", "rules": ["deny.cwes: CWE-89 is denied"], "message": "deny.cwes: CWE-89 is denied",
            "finding": {"tool": "zap", "rule_id": "40018", "severity": "HIGH"}}]
waived:
  description: Active findings an unexpired waiver matched, each with the C(finding) and the C(waiver).
  returned: always
  type: list
  elements: dict
  sample: [{"finding": {"tool": "dependency_check", "rule_id": "CVE-2022-42889"},
            "waiver": {"match": {"cve": "CVE-2022-42889"}, "reason": "Not reachable", "owner": "team-payments",
                       "expires": "2027-01-31", "index": 0}}]
expired_waivers:
  description: Waivers whose C(expires) date is past, no longer applied; C(index) is their place in the policy.
  returned: always
  type: list
  elements: dict
  sample: [{"match": {"rule": "10038"}, "reason": "CSP rollout", "owner": "web", "expires": "2026-10-31", "index": 1}]
breaches:
  description: The C(max_findings) limits exceeded, as readable lines.
  returned: always
  type: list
  elements: str
  sample: ["max_findings.HIGH: 3 HIGH findings, at most 0 allowed"]
summary:
  description:
    - Findings read (C(total)), active ones per severity (C(active)) and per tool (C(by_tool)), all per
      status (C(by_status)), and the number of violations, waived findings and expired waivers.
  returned: always
  type: dict
  sample: {"total": 120, "active": {"CRITICAL": 0, "HIGH": 3, "MEDIUM": 10, "LOW": 4, "INFORMATIONAL": 2},
           "by_tool": {"zap": {"CRITICAL": 0, "HIGH": 3, "MEDIUM": 10, "LOW": 4, "INFORMATIONAL": 2}},
           "by_status": {"active": 19, "suppressed": 1, "false_positive": 0, "resolved": 100},
           "violations": 3, "waived": 0, "expired_waivers": 1}
reports_written:
  description: The report files, each with its C(format), C(path) and whether its content C(changed).
  returned: always
  type: list
  elements: dict
  sample: [{"format": "junit", "path": "reports/gate/security-gate.junit.xml", "changed": true}]
today:
  description: The date waivers were judged against.
  returned: always
  type: str
  sample: "2026-11-29"
"""

import datetime

from ansible.module_utils.basic import missing_required_lib

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._findings import gate, gate_reports, securityhub
from ansible_collections.devsecops.aws.plugins.module_utils._findings.asff import from_asff
from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import FindingError, new_finding
from ansible_collections.devsecops.aws.plugins.module_utils._findings.reports import (
    REPORT_OPTIONS,
    collector_paused,
    parse_report,
    report_paths,
)

_SCOPE_FILTERS = {"generator_ids": "GeneratorId", "product_names": "ProductName", "resource_ids": "ResourceId"}


def securityhub_filters(scope):
    """GetFindings filters for the active findings of a scope."""
    filters = {
        "RecordState": [{"Value": "ACTIVE", "Comparison": "EQUALS"}],
        "WorkflowStatus": [{"Value": status, "Comparison": "EQUALS"} for status in ("NEW", "NOTIFIED")],
    }
    for option, name in _SCOPE_FILTERS.items():
        if (scope or {}).get(option):
            filters[name] = [{"Value": value, "Comparison": "EQUALS"} for value in scope[option]]
    return filters


def inline_findings(module):
    """Findings given and read from reports, and each report's tool or the error naming it."""
    findings = [new_finding(**finding) for finding in module.params["findings"] or ()]
    paths = report_paths(module.params)
    if not paths:
        return findings, None
    reports = []
    for path in paths:
        try:
            report = parse_report(path, module.params["format"])
        except FindingError as e:
            reports.append({"path": path, "error": str(e)})
            continue
        reports.append({"path": path, "tool": report["tool"], "incomplete": report["incomplete"]})
        findings.extend(report["findings"])
    return findings, reports


def collect(module):
    """The findings to judge, and the reports they came from (None when not from report files)."""
    params = module.params
    if params["source"] == "inline":
        return inline_findings(module)
    if params["findings"] or report_paths(params):
        module.fail_json(msg="findings, path and paths cannot be used with source=securityhub")
    asff = securityhub.get_findings(module.client("securityhub"), securityhub_filters(params["securityhub_scope"]))
    return [from_asff(finding) for finding in asff], None


def judgement_date(module):
    if not module.params["today"]:
        return datetime.datetime.now(datetime.timezone.utc).date()
    try:
        return datetime.date.fromisoformat(module.params["today"])
    except ValueError:
        module.fail_json(msg=f"today: {module.params['today']!r} is not a valid date (YYYY-MM-DD)")


def main():
    argument_spec = dict(
        findings=dict(type="list", elements="dict"),
        source=dict(type="str", choices=["inline", "securityhub"], default="inline"),
        securityhub_scope=dict(
            type="dict",
            options={option: dict(type="list", elements="str") for option in _SCOPE_FILTERS},
        ),
        policy=dict(type="dict"),
        policy_file=dict(type="path"),
        today=dict(type="str"),
        enforce=dict(type="bool", default=True),
        report_dir=dict(type="path"),
        report_formats=dict(
            type="list", elements="str", choices=list(gate_reports.WRITERS), default=list(gate_reports.WRITERS)
        ),
        **REPORT_OPTIONS,
    )
    module = DevSecOpsAWSModule(
        argument_spec=argument_spec,
        required_one_of=[("policy", "policy_file")],
        mutually_exclusive=[("policy", "policy_file")],
        supports_check_mode=True,
    )
    if not gate.HAS_JSONSCHEMA:
        module.fail_json(msg=missing_required_lib("jsonschema"))
    params = module.params
    if params["policy_file"] and not gate.HAS_YAML:
        module.fail_json(msg=missing_required_lib("PyYAML"))

    today = judgement_date(module)
    try:
        policy = params["policy"] if params["policy"] is not None else gate.load_policy_file(params["policy_file"])
        policy = gate.validate_policy(policy)
        with collector_paused():
            findings, reports = collect(module)
    except (gate.PolicyError, FindingError, TypeError) as e:
        module.fail_json(msg=str(e))
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)

    result = gate.evaluate(policy, findings, today, reports)
    written = []
    if params["report_dir"]:
        written = gate_reports.write_reports(result, params["report_dir"], params["report_formats"], module.check_mode)
    result.update(
        changed=any(report["changed"] for report in written), reports_written=written, today=today.isoformat()
    )
    if params["enforce"] and not result["passed"]:
        module.fail_json(msg=gate.failure_message(result), **result)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
