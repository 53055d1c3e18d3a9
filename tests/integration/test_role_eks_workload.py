"""The eks_workload role against the Kubernetes emulator: objects read back through the
Kubernetes client, no change on the second run, nothing written in check mode, inputs the
admission policy would refuse stopped before anything is applied."""

import pytest

from tests.support.eks_workload import WAF_ACL_ARN, run_workload
from tests.support.k8s import get

pytestmark = pytest.mark.slow


def test_workload_is_applied_then_a_second_run_changes_nothing(fresh_k8s, tmp_path):
    first = run_workload(fresh_k8s, eks_workload_manifest_dir=str(tmp_path))
    assert first.rc == 0, first
    assert first.changed > 0

    namespace = get(fresh_k8s, "v1", "Namespace", "webgoat")
    assert namespace["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] == "restricted"
    deployment = get(fresh_k8s, "apps/v1", "Deployment", "webgoat", "webgoat")
    container = deployment["spec"]["template"]["spec"]["containers"][0]
    assert container["image"] == "docker.io/webgoat/webgoat@sha256:" + "4f" * 32
    assert container["securityContext"]["readOnlyRootFilesystem"] is True
    ingress = get(fresh_k8s, "networking.k8s.io/v1", "Ingress", "webgoat", "webgoat")
    assert ingress["metadata"]["annotations"]["alb.ingress.kubernetes.io/wafv2-acl-arn"] == WAF_ACL_ARN
    for name in ("default-deny", "webgoat-from-alb", "dns-egress"):
        assert get(fresh_k8s, "networking.k8s.io/v1", "NetworkPolicy", name, "webgoat") is not None
    policy = get(fresh_k8s, "admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy", "devsecops-workload-guard")
    assert len(policy["spec"]["validations"]) == 6
    assert get(fresh_k8s, "batch/v1", "CronJob", "kube-bench", "kube-bench") is not None
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "admission_policy.yml",
        "deployment.yml",
        "ingress.yml",
        "kube_bench.yml",
        "namespace.yml",
        "networkpolicies.yml",
        "service.yml",
        "serviceaccount.yml",
    ]

    second = run_workload(fresh_k8s)
    assert second.rc == 0, second
    assert second.changed == 0, second


def test_check_mode_applies_nothing(fresh_k8s):
    checked = run_workload(fresh_k8s, "--check")
    assert checked.rc == 0, checked
    assert checked.changed > 0
    assert get(fresh_k8s, "v1", "Namespace", "webgoat") is None
    assert get(fresh_k8s, "apps/v1", "Deployment", "webgoat", "webgoat") is None


def test_a_change_is_applied_in_place(fresh_k8s):
    assert run_workload(fresh_k8s).rc == 0
    scaled = run_workload(fresh_k8s, eks_workload_replicas=3)
    assert scaled.rc == 0, scaled
    assert scaled.changed == 1, scaled
    assert get(fresh_k8s, "apps/v1", "Deployment", "webgoat", "webgoat")["spec"]["replicas"] == 3


def test_an_image_without_digest_or_outside_the_registries_is_refused_before_anything_is_applied(fresh_k8s):
    unpinned = run_workload(fresh_k8s, eks_workload_image_digest="latest")
    assert unpinned.rc != 0
    assert "eks_workload_image_digest must be sha256" in unpinned.output
    foreign = run_workload(fresh_k8s, eks_workload_image_repository="quay.io/someone/webgoat")
    assert foreign.rc != 0
    assert get(fresh_k8s, "v1", "Namespace", "webgoat") is None


def test_an_ingress_without_web_acl_is_refused(fresh_k8s):
    result = run_workload(fresh_k8s, eks_workload_waf_acl_arn="")
    assert result.rc != 0
    assert "eks_workload_waf_acl_arn" in result.output


def test_absent_removes_the_namespaces_and_the_policy(fresh_k8s):
    assert run_workload(fresh_k8s).rc == 0
    removed = run_workload(fresh_k8s, eks_workload_state="absent")
    assert removed.rc == 0, removed
    assert get(fresh_k8s, "v1", "Namespace", "webgoat") is None
    assert get(fresh_k8s, "admissionregistration.k8s.io/v1", "ValidatingAdmissionPolicy", "devsecops-workload-guard") is None
    again = run_workload(fresh_k8s, eks_workload_state="absent")
    assert again.changed == 0, again
