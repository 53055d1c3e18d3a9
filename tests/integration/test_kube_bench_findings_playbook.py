"""playbooks/kube_bench_findings.yml against the Kubernetes emulator and the local endpoint: the
newest finished kube-bench run's report (its pod's log) reaches Security Hub as the parser reads it,
scoped to the cluster; a second run sends nothing; a cluster with no finished run fails clearly.

The emulator runs no CronJob controller or kubelet: the test creates the runs' pods as the Job
controller would, with their output recorded for the stand-in kubelet (LOG_ANNOTATION)."""

import json

import pytest

from tests.support.fixtures import REPORTS
from tests.support.k8s import LOG_ANNOTATION, create
from tests.support.local_aws import client, run_playbook

from ansible_collections.devsecops.aws.plugins.module_utils._findings.reports import parse_report

pytestmark = pytest.mark.slow

NAMESPACE = "kube-bench"
NEWEST = REPORTS / "kube-bench" / "kube-bench-cis-1.6-all-targets.json"
OLDER = REPORTS / "kube-bench" / "kube-bench-cis-1.5-node-fails.json"


def run_pod(kubeconfig, name, created, phase, report):
    metadata = {
        "name": name,
        "namespace": NAMESPACE,
        "labels": {"app.kubernetes.io/name": "kube-bench"},
        "annotations": {LOG_ANNOTATION + "kube-bench": report.read_text()},
        "creationTimestamp": created,
    }
    spec = {"containers": [{"name": "kube-bench", "image": "docker.io/aquasec/kube-bench:v0.10.6"}], "restartPolicy": "Never"}
    create(kubeconfig, {"apiVersion": "v1", "kind": "Pod", "metadata": metadata, "spec": spec, "status": {"phase": phase}})


def run(fresh_aws, kubeconfig, tmp_path):
    return run_playbook(
        fresh_aws,
        "playbooks/kube_bench_findings.yml",
        "-e",
        json.dumps({"kube_bench_report_dir": str(tmp_path / "reports"), "kube_bench_cluster": "prod-cluster"}),
        env={"K8S_AUTH_KUBECONFIG": str(kubeconfig)},
    )


def test_the_newest_finished_run_reaches_security_hub_once(fresh_k8s, fresh_aws, tmp_path):
    create(fresh_k8s, {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": NAMESPACE}})
    run_pod(fresh_k8s, "kube-bench-29001", "2026-11-30T03:00:00Z", "Succeeded", OLDER)
    run_pod(fresh_k8s, "kube-bench-29002", "2026-12-01T03:00:00Z", "Succeeded", NEWEST)
    run_pod(fresh_k8s, "kube-bench-29003", "2026-12-02T03:00:00Z", "Running", OLDER)

    first = run(fresh_aws, fresh_k8s, tmp_path)
    assert first.rc == 0, first.output[-4000:]
    assert (tmp_path / "reports" / "kube-bench-29002.json").read_text() == NEWEST.read_text()
    expected = parse_report(str(NEWEST))["findings"]
    held = client(fresh_aws, "securityhub").get_findings(MaxResults=100)
    findings = held["Findings"]
    while held.get("NextToken"):
        held = client(fresh_aws, "securityhub").get_findings(MaxResults=100, NextToken=held["NextToken"])
        findings += held["Findings"]
    assert len(findings) == len(expected) > 0
    assert {f["ProductFields"]["devsecops/Scope"] for f in findings} == {"prod-cluster"}
    assert {f["ProductName"] for f in findings} == {"kube_bench"}
    assert {f["Severity"]["Label"] for f in findings} == {e["severity"] for e in expected}

    second = run(fresh_aws, fresh_k8s, tmp_path)
    assert second.rc == 0 and second.changed == 0, second.output[-4000:]


def test_no_finished_run_fails_naming_the_namespace(fresh_k8s, fresh_aws, tmp_path):
    create(fresh_k8s, {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": NAMESPACE}})
    run_pod(fresh_k8s, "kube-bench-29003", "2026-12-02T03:00:00Z", "Running", OLDER)
    result = run(fresh_aws, fresh_k8s, tmp_path)
    assert result.rc != 0
    assert "no finished kube-bench run in namespace kube-bench (1 pod(s)" in result.output
    assert client(fresh_aws, "securityhub").get_findings()["Findings"] == []
