"""Security Hub findings of several products, from real-format samples, for the risk report's tests.

GuardDuty and Inspector findings as Security Hub holds them (DefectDojo's samples), the finding AWS
Config sends (the Security Hub user guide's example), and ours: a real Trivy and ZAP report through
the collection's own parser and ASFF mapping, stamped as securityhub_findings would import them.
"""

import json
import re
from datetime import datetime, timezone

from ansible_collections.devsecops.aws.plugins.module_utils._findings import securityhub
from ansible_collections.devsecops.aws.plugins.module_utils._findings.asff import to_asff
from ansible_collections.devsecops.aws.plugins.module_utils._findings.reports import parse_report

from tests.support.fixtures import REPORTS

ACCOUNT = "123456789012"
OWN_PRODUCT = f"arn:aws:securityhub:us-east-1:{ACCOUNT}:product/{ACCOUNT}/default"
IMPORTED_AT = datetime(2026, 11, 2, 6, 0, tzinfo=timezone.utc)


def _findings(name):
    document = json.loads((REPORTS / "asff" / name).read_text(encoding="utf-8"))
    return document["Findings"] if isinstance(document, dict) else document


def guardduty():
    return _findings("guardduty-findings.asff.json")


def inspector():
    return _findings("inspector-one-vuln.asff.json") + _findings("inspector-ecr.asff.json")


def config():
    """The "Typical finding from AWS Config" code block of the user guide page."""
    page = (REPORTS / "asff" / "aws-docs-securityhub-internal-providers.md").read_text(encoding="utf-8")
    section = page.split("Typical finding from AWS Config", 1)[1]
    block = re.search(r"```\n(.*?)\n```", section, re.S).group(1)
    return [json.loads(block)]


def ours(scope="webgoat"):
    """A Trivy image scan and a ZAP baseline of `scope`, as securityhub_findings imports them."""
    findings = []
    for path in ("trivy/trivy-image-alpine-310.json", "zap/zap-2.14.0-baseline.json"):
        findings.extend(parse_report(str(REPORTS / path), "auto")["findings"])
    asff = [to_asff(dict(finding, scope=scope), ACCOUNT, OWN_PRODUCT) for finding in findings]
    return securityhub.plan_import(asff, {}, IMPORTED_AT).writes()


def all_products():
    return ours() + guardduty() + inspector() + config()
