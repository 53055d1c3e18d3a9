"""devsecops.aws.security_gate with source=securityhub against the local endpoint.

moto serves GetFindings with pagination but ignores its Filters, so these tests show the gate's
own defence too: archived, suppressed and resolved findings read back never count. The filters
themselves are checked against the service model in the unit tests.
"""

from datetime import datetime, timezone

import pytest

from ansible_collections.devsecops.aws.plugins.module_utils._findings import securityhub
from ansible_collections.devsecops.aws.plugins.module_utils._findings.asff import to_asff
from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import new_finding
from ansible_collections.devsecops.aws.plugins.modules import security_gate

from tests.support.local_aws import client
from tests.support.service_model import run_module

ACCOUNT = "123456789012"
PRODUCT = f"arn:aws:securityhub:us-east-1:{ACCOUNT}:product/{ACCOUNT}/default"
IMAGE = "arn:aws:ecr:us-east-1:123456789012:repository/webgoat"


def trivy(cve, severity="HIGH", **values):
    return new_finding(
        tool="trivy", rule_id=cve, cves=[cve], severity=severity, package_name="openssl", scope=IMAGE, **values
    )


@pytest.fixture
def seed(fresh_aws):
    hub = client(fresh_aws, "securityhub")

    def seed(findings, **overrides):
        asff = [to_asff(finding, ACCOUNT, PRODUCT) for finding in findings]
        stamped = securityhub.plan_import(asff, {}, datetime.now(timezone.utc)).writes()
        for batch, _too_large in securityhub.batches([dict(finding, **overrides) for finding in stamped]):
            assert hub.batch_import_findings(Findings=batch)["FailedCount"] == 0

    return seed


@pytest.fixture
def gate(fresh_aws, capsys):
    def gate(policy, **args):
        connection = dict(endpoint_url=fresh_aws, region="us-east-1", access_key="testing", secret_key="testing")
        scope = {"resource_ids": [IMAGE]}
        return run_module(
            capsys,
            security_gate,
            dict(connection, source="securityhub", securityhub_scope=scope, policy=policy, today="2026-11-29", **args),
        )

    return gate


def test_security_hub_findings_over_several_pages_are_all_evaluated(seed, gate):
    seed([trivy(f"CVE-2024-{n:05d}", severity="MEDIUM") for n in range(230)])
    result = gate({"max_findings": {"MEDIUM": 229}}, enforce=False)
    assert result["summary"]["active"]["MEDIUM"] == 230
    assert result["passed"] is False and result["breaches"] == [
        "max_findings.MEDIUM: 230 MEDIUM findings, at most 229 allowed"
    ]


def test_security_hub_gate_passes_with_a_waiver_and_fails_without(seed, gate):
    seed([trivy("CVE-2024-3094", severity="CRITICAL")])
    waiver = {
        "match": {"cve": "CVE-2024-3094"},
        "reason": "not in the image's path",
        "owner": "ops",
        "expires": "2026-12-01",
    }
    assert gate({"max_findings": {"CRITICAL": 0}, "waivers": [waiver]})["passed"]
    failed = gate({"max_findings": {"CRITICAL": 0}})
    assert failed["failed"] and "[CRITICAL] trivy CVE-2024-3094 in openssl" in failed["msg"]


@pytest.mark.parametrize(
    "overrides",
    [{"RecordState": "ARCHIVED"}, {"Workflow": {"Status": "SUPPRESSED"}}, {"Workflow": {"Status": "RESOLVED"}}],
    ids=["archived", "suppressed", "resolved"],
)
def test_inactive_security_hub_findings_never_count(seed, gate, overrides):
    seed([trivy("CVE-2024-3094", severity="CRITICAL")], **overrides)
    result = gate({"max_findings": {"CRITICAL": 0}})
    assert result["passed"] and result["summary"]["active"]["CRITICAL"] == 0
