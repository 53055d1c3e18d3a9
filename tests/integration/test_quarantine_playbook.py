"""playbooks/quarantine.yml against the Kubernetes emulator and the local endpoint: given the
GuardDuty finding that names a pod, the pod is isolated (labelled, a deny-all NetworkPolicy that
selects only it, out of its Service's endpoints), its evidence is saved, a finding reaches
Security Hub, and nothing else changes (the node is not cordoned, the other pod keeps its labels).

The emulator runs no controllers: the test creates the pods, their node and an event as the
ReplicaSet, the kubelet and the scheduler would."""

import json
import shutil

import pytest
import yaml

from tests.support.eks_workload import run_workload
from tests.support.fixtures import REPORTS
from tests.support.k8s import create, get, listed, selects
from tests.support.local_aws import client, run_playbook

pytestmark = pytest.mark.slow

EVENT = REPORTS / "guardduty" / "eventbridge-eks-runtime-new-binary.json"
SUSPECT = "webgoat-7d9c5b6f4-x2x4p"
NEIGHBOUR = "webgoat-7d9c5b6f4-m8k2q"


def pod(kubeconfig, name, template):
    body = {"apiVersion": "v1", "kind": "Pod", "metadata": dict(template["metadata"], name=name, namespace="webgoat")}
    body["spec"] = dict(template["spec"], nodeName="ip-10-0-1-23.ec2.internal")
    return create(kubeconfig, body)


@pytest.fixture
def running(fresh_k8s):
    """The workload applied, two of its pods on a node, and an event about the suspect."""
    assert run_workload(fresh_k8s).rc == 0
    template = get(fresh_k8s, "apps/v1", "Deployment", "webgoat", "webgoat")["spec"]["template"]
    node = {"name": "ip-10-0-1-23.ec2.internal", "labels": {"kubernetes.io/os": "linux"}}
    create(fresh_k8s, {"apiVersion": "v1", "kind": "Node", "metadata": node, "spec": {}})
    suspect = pod(fresh_k8s, SUSPECT, template)
    pod(fresh_k8s, NEIGHBOUR, template)
    create(
        fresh_k8s,
        {
            "apiVersion": "v1",
            "kind": "Event",
            "metadata": {"name": f"{SUSPECT}.1", "namespace": "webgoat"},
            "involvedObject": {"kind": "Pod", "name": SUSPECT, "namespace": "webgoat"},
            "reason": "Started",
            "message": "Started container webgoat",
            "type": "Normal",
        },
    )
    return fresh_k8s, suspect


def test_the_pod_a_guardduty_finding_names_is_isolated_with_its_evidence(running, fresh_aws, tmp_path):
    kubeconfig, suspect = running
    node_before = get(kubeconfig, "v1", "Node", "ip-10-0-1-23.ec2.internal")
    event = tmp_path / "event.json"
    shutil.copy(EVENT, event)

    result = run_playbook(
        fresh_aws,
        "playbooks/quarantine.yml",
        "-e",
        f"@{event}",
        "-e",
        json.dumps({"quarantine_report_dir": str(tmp_path / "evidence")}),
        env={"K8S_AUTH_KUBECONFIG": str(kubeconfig)},
    )
    assert result.rc == 0, result.output[-4000:]

    uid = suspect["metadata"]["uid"]
    isolated = get(kubeconfig, "v1", "Pod", SUSPECT, "webgoat")
    assert isolated["metadata"]["labels"] == {"app.kubernetes.io/part-of": "devsecops", "devsecops.aws/quarantine": uid}
    service = get(kubeconfig, "v1", "Service", "webgoat", "webgoat")
    assert not set(service["spec"]["selector"].items()) <= set(isolated["metadata"]["labels"].items())
    policy = get(kubeconfig, "networking.k8s.io/v1", "NetworkPolicy", f"quarantine-{uid}", "webgoat")
    assert policy["spec"] == {"podSelector": {"matchLabels": {"devsecops.aws/quarantine": uid}}, "policyTypes": ["Ingress", "Egress"]}
    # Allows add up: no policy that allows anything (the workload's DNS egress, its ALB ingress) selects it now.
    policies = listed(kubeconfig, "networking.k8s.io/v1", "NetworkPolicy", "webgoat")
    selecting = {p["metadata"]["name"]: p["spec"] for p in policies if selects(p["spec"]["podSelector"], isolated["metadata"]["labels"])}
    assert sorted(selecting) == ["default-deny", f"quarantine-{uid}"]
    assert [spec.get("ingress") or spec.get("egress") for spec in selecting.values()] == [None, None]
    serving = get(kubeconfig, "v1", "Pod", NEIGHBOUR, "webgoat")["metadata"]["labels"]
    assert sorted(p["metadata"]["name"] for p in policies if selects(p["spec"]["podSelector"], serving)) == [
        "default-deny",
        "dns-egress",
        "webgoat-from-alb",
    ]

    # Nothing else is touched: the other pod still serves, the node is not cordoned.
    neighbour = get(kubeconfig, "v1", "Pod", NEIGHBOUR, "webgoat")
    assert set(service["spec"]["selector"].items()) <= set(neighbour["metadata"]["labels"].items())
    assert get(kubeconfig, "v1", "Node", "ip-10-0-1-23.ec2.internal") == node_before

    evidence = tmp_path / "evidence" / "webgoat" / SUSPECT
    assert sorted(path.name for path in evidence.iterdir()) == ["events.yml", "node.yml", "pod.yml", "webgoat.log"]
    saved = yaml.safe_load((evidence / "pod.yml").read_text())
    assert saved["metadata"]["uid"] == uid
    assert saved["metadata"]["labels"]["app.kubernetes.io/name"] == "webgoat"  # as found, before the labels changed
    assert (evidence / "webgoat.log").read_text() == f"emulator: log of container webgoat in pod webgoat/{SUSPECT}\n"
    assert [e["reason"] for e in yaml.safe_load((evidence / "events.yml").read_text())] == ["Started"]
    assert yaml.safe_load((evidence / "node.yml").read_text())[0]["metadata"]["name"] == "ip-10-0-1-23.ec2.internal"

    (finding,) = client(fresh_aws, "securityhub").get_findings()["Findings"]
    assert finding["Title"] == f"Pod webgoat/{SUSPECT} quarantined"
    assert finding["Severity"]["Label"] == "HIGH"
    assert finding["Resources"][0]["Id"] == f"devsecops/webgoat/{SUSPECT}"
    assert "Execution:Runtime/NewBinaryExecuted" in finding["GeneratorId"]


def test_a_pod_that_does_not_exist_fails_saying_so(fresh_k8s, fresh_aws):
    result = run_playbook(
        fresh_aws,
        "playbooks/quarantine.yml",
        "-e",
        json.dumps({"quarantine_namespace": "webgoat", "quarantine_pod": "gone"}),
        env={"K8S_AUTH_KUBECONFIG": str(fresh_k8s)},
    )
    assert result.rc != 0
    assert "pod webgoat/gone does not exist" in result.output
    assert client(fresh_aws, "securityhub").get_findings()["Findings"] == []
