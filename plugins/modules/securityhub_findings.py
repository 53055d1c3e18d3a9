# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: securityhub_findings
short_description: Send scanner findings to AWS Security Hub as ASFF
version_added: 0.1.0
description:
  - Sends normalised findings (from M(devsecops.aws.scan_findings)) or scanner reports straight from
    O(paths) to Security Hub through C(BatchImportFindings), in the AWS Security Finding Format.
  - Finding Ids are stable and collision-free, derived from tool, rule or CVE, package, location and
    scope, never from a build number or a time. The same finding in the next scan updates the one
    Security Hub holds instead of adding a duplicate.
  - Only what changed is written. A finding Security Hub already holds with the same content is not
    sent again, so re-importing an unchanged scan calls C(BatchImportFindings) not at all and reports
    no change (each import fires an EventBridge event and so an alert).
  - C(CreatedAt) keeps the first time a finding was seen; C(UpdatedAt) moves when it changed, and
    when its last update is older than O(refresh_after_days). Security Hub deletes a finding 90 days
    after its last C(UpdatedAt), so a finding every scan still reports is refreshed (C(UpdatedAt),
    C(LastObservedAt)) long before that and keeps its history and triage.
  - C(Workflow) is set when a finding is created (C(SUPPRESSED) for suppressed and false-positive
    findings, C(RESOLVED) for resolved ones, C(NEW) otherwise) and left to the people triaging it
    after that. A finding the report marks resolved (SonarQube FIXED or REMOVED, SARIF baseline
    C(absent)) is sent archived (C(RecordState=ARCHIVED)), so that Security Hub and the gate agree
    that it is not active.
  - With O(resolve_missing=true), for each tool and scope in this submission, active findings that
    the new scan no longer reports are archived (C(RecordState=ARCHIVED)). Findings of other tools,
    other scopes or other products are never touched. A report the scanner says is incomplete
    (Dependency-Check analysis exceptions, a Trivy k8s resource it could not scan) resolves nothing
    and gives a warning. A report that names no scope of its own (SARIF without
    C(versionControlProvenance), as CodeQL, Semgrep and Trivy write it) cannot tell what it covers, so
    O(resolve_missing=true) then needs O(scope) and fails without it.
  - "C(ProductName) is the tool (C(trivy), C(zap), C(semgrep)) and C(CompanyName) C(devsecops.aws), as
    a custom integration may set them; the tool's own key for the finding (SonarQube issue key, SARIF
    fingerprints) is in C(ProductFields) and its link, when the report gives one, in C(SourceUrl)."
  - Requests hold at most 100 findings and 6 MB; calls are paced to the documented rate of 10 a
    second with bursts of 30; throttling and transient per-finding failures are retried with
    jittered backoff. Findings that still fail are returned in RV(failed_findings) and fail the task.
  - Text is cut to the ASFF field limits measured after JSON escaping (Title 256, Description 1024,
    Recommendation text 512 characters), ending with C(...[truncated]).
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  findings:
    description:
      - Normalised findings, as RV(devsecops.aws.scan_findings#module:findings) returns them.
    type: list
    elements: dict
  product_arn:
    description:
      - The product the findings are imported through.
      - Defaults to the account's own C(default) product,
        C(arn:<partition>:securityhub:<region>:<account>:product/<account>/default).
    type: str
  scope:
    description:
      - What was scanned (a project, repository, image or site), for every finding sent.
      - Defaults to what each report names. Findings are resolved per tool and scope.
    type: str
  resource:
    description:
      - The ASFF resource the findings are about, overriding the one guessed from the scope
        (ECR image URI, container image, URL, or C(Other)).
    type: dict
    suboptions:
      type:
        description: ASFF resource type, for example C(AwsEcrContainerImage), C(Container), C(Other).
        type: str
        required: true
      id:
        description: The resource identifier, for example an image ARN or a repository URL.
        type: str
        required: true
  resolve_missing:
    description:
      - Archive active findings of the same tool and scope that this submission no longer reports.
      - Leave C(false) when the submission is partial (only some reports of a tool's scan).
      - Needs O(scope) when a report or finding names no scope of its own.
    type: bool
    default: false
  refresh_after_days:
    description:
      - Re-send an unchanged finding whose last update in Security Hub is this many days old, so that
        Security Hub, which deletes findings 90 days after their last update, keeps it.
    type: int
    default: 30
extends_documentation_fragment:
  - devsecops.aws.attributes
  - devsecops.aws.reports
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
attributes:
  check_mode:
    support: full
    details: Reads Security Hub and returns what would be imported, updated and archived, writing nothing.
  diff_mode:
    support: none
notes:
  - Needs C(securityhub:GetFindings) and C(securityhub:BatchImportFindings), and Security Hub enabled
    in the region (the C(devsecops.aws.securityhub) role does that).
  - Targets the ASFF interface (BatchImportFindings, now part of Security Hub CSPM).
"""

EXAMPLES = r"""
- name: Send a Dependency-Check report to Security Hub, resolving what was fixed
  devsecops.aws.securityhub_findings:
    paths:
      - reports/dependency-check-report.json
    scope: webgoat
    resolve_missing: true

- name: Parse first, gate, then send the same findings
  devsecops.aws.scan_findings:
    paths: "{{ lookup('ansible.builtin.fileglob', 'reports/*.json', wantlist=true) }}"
  register: scan

- name: Send them
  devsecops.aws.securityhub_findings:
    findings: "{{ scan.findings }}"
    resolve_missing: true
"""

RETURN = r"""
imported:
  description: Findings created in Security Hub.
  returned: always
  type: int
  sample: 12
updated:
  description: Findings Security Hub held whose content changed (or that came back after being archived).
  returned: always
  type: int
  sample: 1
refreshed:
  description: Unchanged findings re-sent because their last update was older than O(refresh_after_days).
  returned: always
  type: int
  sample: 0
incomplete:
  description: What the scanners said they could not do, per report; such reports resolve nothing.
  returned: always
  type: list
  elements: dict
  sample: [{"path": "reports/dc.json", "tool": "dependency_check", "incomplete": ["Dependency-Check analysis failed: ..."]}]
unchanged:
  description: Findings Security Hub already held with the same content, not sent again.
  returned: always
  type: int
  sample: 240
archived:
  description: Findings no longer reported, archived because O(resolve_missing=true).
  returned: always
  type: int
  sample: 3
failed:
  description: Findings that could not be imported after retries.
  returned: always
  type: int
  sample: 0
failed_findings:
  description: Each finding that could not be imported, with the error Security Hub gave.
  returned: always
  type: list
  elements: dict
  sample: [{"id": "devsecops/zap/1f2e.../9ab...", "error_code": "InvalidInput", "error_message": "..."}]
duplicates:
  description: Findings given more than once in this submission (same Id), sent once.
  returned: always
  type: int
  sample: 0
calls:
  description: BatchImportFindings calls made (none in check mode).
  returned: always
  type: int
  sample: 1
product_arn:
  description: The product the findings were imported through.
  returned: always
  type: str
  sample: arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default
"""

from datetime import datetime, timedelta, timezone

from ansible_collections.amazon.aws.plugins.module_utils.iam import get_aws_account_info

from ansible_collections.devsecops.aws.plugins.module_utils import _securityhub
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._findings import securityhub
from ansible_collections.devsecops.aws.plugins.module_utils._findings.asff import to_asff
from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import FindingError, new_finding
from ansible_collections.devsecops.aws.plugins.module_utils._findings.reports import (
    REPORT_OPTIONS,
    collector_paused,
    parse_report,
    report_paths,
)

MAX_REFRESH_AFTER_DAYS = 89  # Security Hub deletes a finding 90 days after its last update
WORKFLOW = {"suppressed": "SUPPRESSED", "false_positive": "SUPPRESSED", "resolved": "RESOLVED"}


class Submission:
    """What one task sends: the findings, the (tool, scope) ranges they cover, and which of those
    ranges a full scan stands behind (incomplete reports resolve nothing)."""

    def __init__(self):
        self.findings = []
        self.ranges = set()
        self.partial_ranges = set()  # ranges of incomplete reports
        self.incomplete = []  # {"path", "tool", "incomplete"} of each incomplete report
        self.unknown_scopes = []  # what names no scope of its own

    def resolvable(self):
        return self.ranges - self.partial_ranges


def collect(module):
    """The submission; a report with no findings still covers its tool and scope, so a clean
    scan resolves everything."""
    scope = module.params["scope"]
    submission = Submission()
    try:
        for finding in module.params["findings"] or []:
            submission.findings.append(new_finding(**finding))
        for path in report_paths(module.params):
            report = parse_report(path, module.params["format"])
            submission.findings.extend(report["findings"])
            report_range = (report["tool"], scope or report["scope"])
            submission.ranges.add(report_range)
            if report["scope"] is None:
                submission.unknown_scopes.append(f"report {path} ({report['format']})")
            if report["incomplete"]:
                submission.partial_ranges.add(report_range)
                submission.incomplete.append({key: report[key] for key in ("path", "tool", "incomplete")})
    except (FindingError, TypeError) as e:
        module.fail_json(msg=str(e))
    if any(finding["scope"] is None for finding in submission.findings):
        submission.unknown_scopes.append("a finding without a scope")
    if scope:
        for finding in submission.findings:
            finding["scope"] = scope
    submission.ranges.update((finding["tool"], finding["scope"]) for finding in submission.findings)
    return submission


def workflow_status(asff):
    return WORKFLOW.get(asff["ProductFields"].get(securityhub.FIELD_PREFIX + "Status"), "NEW")


def check_options(module, submission):
    params = module.params
    if not 1 <= params["refresh_after_days"] <= MAX_REFRESH_AFTER_DAYS:
        module.fail_json(msg=f"refresh_after_days must be between 1 and {MAX_REFRESH_AFTER_DAYS}")
    if params["resolve_missing"] and not params["scope"] and submission.unknown_scopes:
        module.fail_json(
            msg=(
                f"resolve_missing needs to know what was scanned, and {submission.unknown_scopes[0]} does not say: "
                "set scope (the repository, image or site scanned) so that nothing of another scope is archived"
            )
        )
    for report in submission.incomplete:
        module.warn(
            f"{report['path']}: the {report['tool']} scan is incomplete, so it resolves nothing: "
            + "; ".join(report["incomplete"])
        )


def main():
    argument_spec = dict(
        findings=dict(type="list", elements="dict"),
        product_arn=dict(type="str"),
        scope=dict(type="str"),
        resource=dict(
            type="dict",
            options=dict(type=dict(type="str", required=True), id=dict(type="str", required=True)),
        ),
        resolve_missing=dict(type="bool", default=False),
        refresh_after_days=dict(type="int", default=securityhub.REFRESH_AFTER_DAYS),
        **REPORT_OPTIONS,
    )
    module = DevSecOpsAWSModule(
        argument_spec=argument_spec,
        required_one_of=[("findings", "paths", "path")],
        supports_check_mode=True,
    )
    with collector_paused():
        submission = collect(module)
    check_options(module, submission)
    client = module.client("securityhub")
    account_id, partition = get_aws_account_info(module)
    product_arn = _securityhub.product_arn(module.params["product_arn"] or "default", partition, module.region, account_id)
    resource = module.params["resource"]
    if resource:
        resource = {"Type": resource["type"], "Id": resource["id"]}

    try:
        existing = securityhub.read_ranges(client, product_arn, submission.ranges)
        with collector_paused():
            new = [to_asff(finding, account_id, product_arn, resource) for finding in submission.findings]
        plan = securityhub.plan_import(
            new,
            existing,
            datetime.now(timezone.utc),
            resolve=submission.resolvable() if module.params["resolve_missing"] else (),
            workflow=workflow_status,
            refresh_after=timedelta(days=module.params["refresh_after_days"]),
        )
        calls, failed = (0, []) if module.check_mode else securityhub.send(client, plan.writes())
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)

    failed_ids = {failure["Id"] for failure in failed}
    result = dict(
        changed=bool(plan.writes()) and len(failed_ids) < len(plan.writes()),
        imported=sum(1 for f in plan.create if f["Id"] not in failed_ids),
        updated=sum(1 for f in plan.update if f["Id"] not in failed_ids),
        refreshed=sum(1 for f in plan.refresh if f["Id"] not in failed_ids),
        archived=sum(1 for f in plan.archive if f["Id"] not in failed_ids),
        unchanged=len(plan.unchanged),
        duplicates=plan.duplicates,
        failed=len(failed),
        failed_findings=[
            {"id": f["Id"], "error_code": f.get("ErrorCode"), "error_message": f.get("ErrorMessage")} for f in failed
        ],
        calls=calls,
        product_arn=product_arn,
        incomplete=submission.incomplete,
    )
    if failed:
        worst = "; ".join(f"{f['id']}: {f['error_code']} {f['error_message']}" for f in result["failed_findings"][:5])
        module.fail_json(msg=f"{len(failed)} finding(s) could not be imported into Security Hub: {worst}", **result)
    module.exit_json(**result)


if __name__ == "__main__":
    main()
