# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: securityhub_risk_report
short_description: Write a risk report of the open findings in AWS Security Hub, per scope and overall
version_added: 0.1.0
description:
  - Reads every open finding Security Hub holds, from every product (the scanners this collection
    imports, GuardDuty, Inspector, Config, Security Hub's controls), with C(GetFindings) page by page.
    Open means C(RecordState) C(ACTIVE) and a workflow neither C(RESOLVED) nor C(SUPPRESSED); the same
    test is made again on what is read, so an endpoint that ignores the filters changes nothing.
  - Writes to O(report_dir) a Markdown and a self-contained HTML report (inline CSS and an inline SVG
    chart, no script, no external asset) overall, C(risk-report.md) and C(risk-report.html), and one per
    scope under C(scopes/), named after the scope with a digest. Scope files of scopes that no longer
    appear are removed.
  - "Each report gives: open findings by severity, by product and by tool; the oldest open critical and
    high findings with their age in days; what is new and what was resolved since the previous report;
    and a chart of open findings by severity over the reports kept."
  - "A scope (O(scope_by=scope)) is what the collection's scans and its security gate call a scope: the
    project, repository or image a scan of ours names, and for another product's finding the resource
    it is about. With O(scope_by=account), the AWS account."
  - The previous reports are remembered in C(risk-report-state.json) in O(report_dir) (the counts of the
    last O(keep_reports) reports and the open findings of the last one). Keep that file between runs (the
    playbook C(playbooks/risk_report.yml) keeps it in S3 beside the reports).
  - amazon.aws and community.aws have no module that reads Security Hub findings.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  report_dir:
    description: Directory the reports and the state are written to (created if needed).
    type: path
    required: true
  scope_by:
    description: What a scope is, see the description.
    type: str
    choices: [scope, account]
    default: scope
  title:
    description: The reports' title; a scope's report adds the scope's name.
    type: str
    default: Security risk report
  oldest_count:
    description: How many of the oldest open critical and of the oldest open high findings each report lists.
    type: int
    default: 10
  keep_reports:
    description: How many reports (this one included) the state and the chart keep.
    type: int
    default: 12
  now:
    description:
      - The report's time (ISO 8601, for example C(2026-12-01T06:00:00Z)), from which ages are counted.
        Defaults to the current time in UTC. Set it to replay a report.
    type: str
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
attributes:
  check_mode:
    support: full
    details: Reads Security Hub and the previous state, and returns the report and which files would change, writing none.
  diff_mode:
    support: none
notes:
  - Needs C(securityhub:GetFindings). Run it where findings are aggregated (the Security Hub
    administrator account and aggregation region) to report on every account and region.
  - C(changed) is true when a file was written with new content, which is every run that is not in
    check mode, as the report's time and the state's history move.
"""

EXAMPLES = r"""
- name: Write this week's risk report
  devsecops.aws.securityhub_risk_report:
    report_dir: reports/risk
  register: risk

- name: Show the summary
  ansible.builtin.debug:
    msg: "{{ risk.summary }}"

- name: One report per AWS account, listing the five oldest critical and high findings
  devsecops.aws.securityhub_risk_report:
    report_dir: reports/risk-accounts
    scope_by: account
    oldest_count: 5
"""

RETURN = r"""
generated_at:
  description: The report's time.
  returned: always
  type: str
  sample: "2026-12-01T06:00:00Z"
previous_generated_at:
  description: The time of the previous report compared with, or null for a first report.
  returned: always
  type: str
  sample: "2026-11-24T06:00:00Z"
summary:
  description: A few lines for a chat message (totals, new and resolved, oldest, worst scopes).
  returned: always
  type: str
  sample: "Security risk report 2026-12-01T06:00:00Z: 12 open findings (1 critical, 3 high, ...)."
total:
  description: Open findings.
  returned: always
  type: int
  sample: 12
by_severity:
  description: Open findings per severity.
  returned: always
  type: dict
  sample: {"CRITICAL": 1, "HIGH": 3, "MEDIUM": 6, "LOW": 2, "INFORMATIONAL": 0}
by_product:
  description: Open findings per product, then per severity, worst first.
  returned: always
  type: dict
  sample: {"Inspector": {"CRITICAL": 1, "HIGH": 2, "MEDIUM": 0, "LOW": 0, "INFORMATIONAL": 0}}
by_tool:
  description: Open findings per tool, then per severity, worst first.
  returned: always
  type: dict
  sample: {"trivy": {"CRITICAL": 0, "HIGH": 1, "MEDIUM": 3, "LOW": 0, "INFORMATIONAL": 0}}
oldest:
  description: The oldest open C(CRITICAL) and C(HIGH) findings, oldest first, each with its C(age_days).
  returned: always
  type: dict
  sample: {"CRITICAL": [{"title": "CVE-2023-38545 - curl", "product": "Inspector", "scope": "arn:aws:ecr:...",
           "first_seen": "2023-08-10T07:36:46Z", "age_days": 844}], "HIGH": []}
first_report:
  description: Whether there was no previous report to compare with.
  returned: always
  type: bool
  sample: false
new:
  description: Open findings the previous report did not list.
  returned: always
  type: int
  sample: 2
resolved:
  description: Findings the previous report listed that are no longer open.
  returned: always
  type: int
  sample: 1
new_findings:
  description: The new findings, worst first, at most 100.
  returned: always
  type: list
  elements: dict
  sample: [{"severity": "HIGH", "title": "...", "product": "GuardDuty", "tool": "guardduty", "scope": "arn:aws:ec2:..."}]
resolved_findings:
  description: The resolved findings, worst first, at most 100.
  returned: always
  type: list
  elements: dict
  sample: [{"severity": "MEDIUM", "title": "...", "product": "Config", "tool": "config", "scope": "arn:aws:s3:::bucket"}]
scopes:
  description: Each scope's C(name), C(total), C(by_severity), C(new), C(resolved) and the C(markdown) and C(html) files.
  returned: always
  type: list
  elements: dict
  sample: [{"name": "webgoat", "total": 4, "new": 1, "resolved": 0, "markdown": "reports/risk/scopes/webgoat-1a2b3c4d.md",
            "html": "reports/risk/scopes/webgoat-1a2b3c4d.html", "by_severity": {"CRITICAL": 0, "HIGH": 1}}]
reports_kept:
  description: How many reports the state and the chart hold, this one included.
  returned: always
  type: int
  sample: 5
files:
  description: Each file of the report, with its C(path) and whether it C(changed); removed scope files have C(removed).
  returned: always
  type: list
  elements: dict
  sample: [{"path": "reports/risk/risk-report.html", "changed": true}]
"""

import json
import os
from datetime import datetime, timezone

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._files import current_text, write_atomically
from ansible_collections.devsecops.aws.plugins.module_utils._findings import risk, risk_render, securityhub

STATE_FILE = "risk-report-state.json"
OVERALL = "risk-report"
SCOPES_DIR = "scopes"
LISTED = 100


def report_time(module):
    if not module.params["now"]:
        return datetime.now(timezone.utc)
    moment = risk.parse_time(module.params["now"])
    if moment is None:
        module.fail_json(msg=f"now: {module.params['now']!r} is not an ISO 8601 time (2026-12-01T06:00:00Z)")
    return moment


def read_state(path):
    try:
        with open(path, encoding="utf-8") as stream:
            return json.load(stream)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        raise risk.StateError(f"cannot read the previous report's state {path}: {e}") from e


def documents(report, title):
    """{path relative to report_dir: text} of every file of the report."""
    overall = dict(report["overall"], scopes=report["scopes"])
    docs = {
        OVERALL + ".md": risk_render.markdown(report, overall, title, lambda scope: f"{SCOPES_DIR}/{scope['slug']}.md"),
        OVERALL + ".html": risk_render.page(report, overall, title, lambda scope: f"{SCOPES_DIR}/{scope['slug']}.html"),
    }
    for scope in report["scopes"]:
        scope_title = f"{title}: {scope['name']}"
        docs[f"{SCOPES_DIR}/{scope['slug']}.md"] = risk_render.markdown(report, scope, scope_title)
        docs[f"{SCOPES_DIR}/{scope['slug']}.html"] = risk_render.page(report, scope, scope_title)
    return docs


def write_files(report_dir, docs, check_mode):
    """Each file as {path, changed}, written only when its content differs; stale scope files removed."""
    files = []
    for name, text in docs.items():
        path = os.path.join(report_dir, name)
        changed = current_text(path) != text
        if changed and not check_mode:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            write_atomically(path, text)
        files.append({"path": path, "changed": changed})
    scopes_dir = os.path.join(report_dir, SCOPES_DIR)
    if os.path.isdir(scopes_dir):
        for name in sorted(os.listdir(scopes_dir)):
            relative = f"{SCOPES_DIR}/{name}"
            if name.endswith((".md", ".html")) and relative not in docs:
                if not check_mode:
                    os.remove(os.path.join(scopes_dir, name))
                files.append({"path": os.path.join(scopes_dir, name), "changed": True, "removed": True})
    return files


def _listed(records):
    return [{key: item.get(key) for key in risk.RECORD_FIELDS} for item in records[:LISTED]]


def main():
    argument_spec = dict(
        report_dir=dict(type="path", required=True),
        scope_by=dict(type="str", choices=list(risk.SCOPE_BY), default="scope"),
        title=dict(type="str", default="Security risk report"),
        oldest_count=dict(type="int", default=10),
        keep_reports=dict(type="int", default=12),
        now=dict(type="str"),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    for option in ("oldest_count", "keep_reports"):
        if params[option] < 1:
            module.fail_json(msg=f"{option} must be at least 1")
    now = report_time(module)
    state_path = os.path.join(params["report_dir"], STATE_FILE)
    try:
        findings = securityhub.get_findings(module.client("securityhub"), risk.open_filters())
        report, state = risk.build(
            findings,
            now,
            read_state(state_path),
            scope_by=params["scope_by"],
            oldest_count=params["oldest_count"],
            keep_reports=params["keep_reports"],
            where=state_path,
        )
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    except risk.StateError as e:
        module.fail_json(msg=str(e))

    docs = documents(report, params["title"])
    docs[STATE_FILE] = json.dumps(state, indent=1, sort_keys=True) + "\n"
    try:
        files = write_files(params["report_dir"], docs, module.check_mode)
    except OSError as e:
        module.fail_json(msg=f"cannot write the risk report to {params['report_dir']}: {e}")

    overall = report["overall"]
    module.exit_json(
        changed=any(item["changed"] for item in files),
        generated_at=report["generated_at"],
        previous_generated_at=report["previous_generated_at"],
        summary=risk.summary(report),
        total=overall["total"],
        by_severity=overall["by_severity"],
        by_product=overall["by_product"],
        by_tool=overall["by_tool"],
        oldest=overall["oldest"],
        first_report=overall["first_report"],
        new=len(overall["new"]),
        resolved=len(overall["resolved"]),
        new_findings=_listed(overall["new"]),
        resolved_findings=_listed(overall["resolved"]),
        scopes=[
            {
                "name": scope["name"],
                "total": scope["total"],
                "by_severity": scope["by_severity"],
                "new": len(scope["new"]),
                "resolved": len(scope["resolved"]),
                "markdown": os.path.join(params["report_dir"], SCOPES_DIR, scope["slug"] + ".md"),
                "html": os.path.join(params["report_dir"], SCOPES_DIR, scope["slug"] + ".html"),
            }
            for scope in report["scopes"]
        ],
        reports_kept=len(state["reports"]),
        files=files,
    )


if __name__ == "__main__":
    main()
