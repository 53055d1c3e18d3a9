"""What the eks_workload scenario (extensions/molecule/eks_workload) does not cover: inputs the
admission policy or the ALB would refuse are stopped before anything is applied, and a change is
applied in place. Objects are read back through the Kubernetes client."""

import pytest

from tests.support.eks_workload import run_workload
from tests.support.k8s import get

pytestmark = pytest.mark.slow


def test_a_change_is_applied_in_place(fresh_k8s):
    assert run_workload(fresh_k8s).rc == 0
    scaled = run_workload(fresh_k8s, eks_workload_replicas=3)
    assert scaled.rc == 0, scaled
    assert scaled.changed == 1, scaled
    assert get(fresh_k8s, "apps/v1", "Deployment", "webgoat", "webgoat")["spec"]["replicas"] == 3


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"eks_workload_image_digest": "latest"}, "eks_workload_image_digest must be sha256"),
        ({"eks_workload_image_repository": "quay.io/someone/webgoat"}, "must start with one of eks_workload_allowed_registries"),
        ({"eks_workload_waf_acl_arn": ""}, "eks_workload_waf_acl_arn (a regional WAFv2 web ACL ARN"),
        ({"eks_workload_certificate_arn": "arn:aws:iam::123456789012:server-certificate/x"}, "eks_workload_certificate_arn (an ACM"),
    ],
)
def test_inputs_the_cluster_would_refuse_stop_the_role(fresh_k8s, variables, message):
    result = run_workload(fresh_k8s, "--tags", "eks_workload_app,eks_workload_ingress", **variables)
    assert result.rc != 0
    assert message in result.output
    assert get(fresh_k8s, "networking.k8s.io/v1", "Ingress", "webgoat", "webgoat") is None
