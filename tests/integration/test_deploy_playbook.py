"""playbooks/deploy.yml against the local endpoint (Security Hub) and the Kubernetes emulator:
an image whose findings break the gate is refused, saying why, and nothing reaches the cluster;
an image whose gate passes is deployed, behind the web ACL it looks up by name.

moto's GetFindings ignores Filters (README, test matrix), so each case seeds only the findings of
its own image on an empty endpoint."""

import json

import pytest

from ansible_collections.devsecops.aws.plugins.modules import securityhub_findings

from tests.support.eks_workload import CERTIFICATE_ARN, DIGEST
from tests.support.fixtures import REPORTS
from tests.support.k8s import get
from tests.support.local_aws import client, run_playbook
from tests.support.service_model import run_module

pytestmark = pytest.mark.slow

REPOSITORY = "123456789012.dkr.ecr.us-east-1.amazonaws.com/webgoat"
IMAGE = f"{REPOSITORY}@{DIGEST}"


def import_findings(capsys, endpoint, **args):
    """What the build does: its scan of the image, sent to Security Hub about that image."""
    connection = dict(endpoint_url=endpoint, region="us-east-1", access_key="testing", secret_key="testing")
    result = run_module(capsys, securityhub_findings, dict(connection, scope=IMAGE, **args))
    assert not result.get("failed"), result
    return result


def deploy(endpoint, kubeconfig, report_dir, **extra):
    variables = dict(
        {
            "deploy_image_repository": REPOSITORY,
            "deploy_image_digest": DIGEST,
            "deploy_report_dir": str(report_dir),
            "eks_workload_certificate_arn": CERTIFICATE_ARN,
        },
        **extra,
    )
    return run_playbook(endpoint, "playbooks/deploy.yml", "-e", json.dumps(variables), env={"K8S_AUTH_KUBECONFIG": str(kubeconfig)})


def test_an_image_that_fails_the_gate_is_refused_and_not_deployed(capsys, fresh_aws, fresh_k8s, tmp_path):
    import_findings(capsys, fresh_aws, paths=[str(REPORTS / "trivy" / "trivy-image-os-and-lang-pkgs.json")])
    result = deploy(fresh_aws, fresh_k8s, tmp_path, deploy_waf_acl_arn="arn:aws:wafv2:us-east-1:123456789012:regional/webacl/x/0")
    assert result.rc != 0
    assert f"Refusing to deploy {IMAGE}: Security gate failed" in result.output, result
    assert "CRITICAL" in result.output
    assert get(fresh_k8s, "apps/v1", "Deployment", "webgoat", "webgoat") is None
    assert get(fresh_k8s, "v1", "Namespace", "webgoat") is None
    assert (tmp_path / "security-gate.junit.xml").is_file()


def test_an_image_that_passes_the_gate_is_deployed_behind_the_web_acl(capsys, fresh_aws, fresh_k8s, tmp_path):
    import_findings(
        capsys,
        fresh_aws,
        findings=[{"tool": "trivy", "rule_id": "CVE-2024-0001", "cves": ["CVE-2024-0001"], "severity": "LOW", "package_name": "zlib"}],
    )
    acl = client(fresh_aws, "wafv2").create_web_acl(
        Name="devsecops",
        Scope="REGIONAL",
        DefaultAction={"Allow": {}},
        VisibilityConfig={"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True, "MetricName": "devsecops"},
    )["Summary"]
    result = deploy(fresh_aws, fresh_k8s, tmp_path)
    assert result.rc == 0, result.output[-5000:]
    assert "Security gate passed for " + IMAGE in result.output
    deployment = get(fresh_k8s, "apps/v1", "Deployment", "webgoat", "webgoat")
    assert deployment["spec"]["template"]["spec"]["containers"][0]["image"] == IMAGE
    ingress = get(fresh_k8s, "networking.k8s.io/v1", "Ingress", "webgoat", "webgoat")
    assert ingress["metadata"]["annotations"]["alb.ingress.kubernetes.io/wafv2-acl-arn"] == acl["ARN"]


def test_an_image_without_digest_is_refused_before_the_gate(fresh_aws, fresh_k8s, tmp_path):
    result = deploy(fresh_aws, fresh_k8s, tmp_path, deploy_image_digest="latest")
    assert result.rc != 0
    assert "only a pinned image is deployed" in result.output


def test_the_limits_an_awx_survey_sets_replace_the_policy_files(capsys, fresh_aws, fresh_k8s, tmp_path):
    import_findings(
        capsys,
        fresh_aws,
        findings=[{"tool": "trivy", "rule_id": "CVE-2024-0002", "cves": ["CVE-2024-0002"], "severity": "HIGH", "package_name": "zlib"}],
    )
    acl = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/x/0"
    refused = deploy(fresh_aws, fresh_k8s, tmp_path / "file", deploy_waf_acl_arn=acl)
    assert refused.rc != 0
    assert "max_findings.HIGH: 1 HIGH findings, at most 0 allowed" in refused.output, refused.output[-3000:]
    allowed = deploy(fresh_aws, fresh_k8s, tmp_path / "survey", deploy_waf_acl_arn=acl, deploy_gate_max_high=1)
    assert allowed.rc == 0, allowed.output[-5000:]
    assert "Security gate passed for " + IMAGE in allowed.output
    # A negative limit (the survey's default) keeps the file's.
    kept = deploy(fresh_aws, fresh_k8s, tmp_path / "kept", deploy_waf_acl_arn=acl, deploy_gate_max_high=-1)
    assert kept.rc != 0
