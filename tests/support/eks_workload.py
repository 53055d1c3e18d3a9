"""The eks_workload scenario's inputs (extensions/molecule/eks_workload/converge.yml) and running it
against the Kubernetes emulator."""

import json

from tests.support.local_aws import run_playbook

DIGEST = "sha256:" + "4f" * 32
WAF_ACL_ARN = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/devsecops/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"
CERTIFICATE_ARN = "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d"


def run_workload(kubeconfig, *args, playbook="extensions/molecule/eks_workload/converge.yml", **extra_vars):
    """The eks_workload scenario's converge (or `playbook`) against the cluster in `kubeconfig`."""
    # No AWS call is made; the endpoint is only there because run_playbook points at one.
    return run_playbook(
        "http://127.0.0.1:9", playbook, "-e", json.dumps(extra_vars), *args, env={"K8S_AUTH_KUBECONFIG": str(kubeconfig)}
    )
