"""Run playbooks against the Kubernetes emulator and read objects back through the Kubernetes client."""

import sys

import kubernetes.client
import kubernetes.config
from kubernetes.dynamic import DynamicClient

from tests.support.paths import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from k8s_emulator import LOG_ANNOTATION, K8sEmulatorServer, reset, write_kubeconfig  # noqa: E402  (re-exported for conftest and tests)

__all__ = ["LOG_ANNOTATION", "K8sEmulatorServer", "create", "dynamic_client", "get", "listed", "reset", "selects", "write_kubeconfig"]


def dynamic_client(kubeconfig):
    """A kubernetes DynamicClient for the cluster in `kubeconfig` (the emulator in tests)."""
    api = kubernetes.config.new_client_from_config(config_file=str(kubeconfig))
    return DynamicClient(api)


def get(kubeconfig, api_version, kind, name, namespace=None):
    """The object as the cluster holds it (a dict), or None."""
    resource = dynamic_client(kubeconfig).resources.get(api_version=api_version, kind=kind)
    try:
        return resource.get(name=name, namespace=namespace).to_dict()
    except kubernetes.client.exceptions.ApiException as e:
        if e.status == 404:
            return None
        raise


def listed(kubeconfig, api_version, kind, namespace=None):
    """Every object of `kind` the cluster holds (in `namespace`), as dicts."""
    resource = dynamic_client(kubeconfig).resources.get(api_version=api_version, kind=kind)
    return [item.to_dict() for item in resource.get(namespace=namespace).items]


def selects(selector, labels):
    """Whether a label selector (matchLabels, matchExpressions) selects an object with `labels`."""
    if any(labels.get(key) != value for key, value in (selector.get("matchLabels") or {}).items()):
        return False
    for expression in selector.get("matchExpressions") or []:
        key, operator, values = expression["key"], expression["operator"], expression.get("values") or []
        held = {"In": key in labels and labels[key] in values, "NotIn": key not in labels or labels[key] not in values,
                "Exists": key in labels, "DoesNotExist": key not in labels}[operator]
        if not held:
            return False
    return True


def create(kubeconfig, body):
    """Create `body` in the cluster, as a controller or a user would (a pod, an event, a node)."""
    resource = dynamic_client(kubeconfig).resources.get(api_version=body["apiVersion"], kind=body["kind"])
    return resource.create(body=body, namespace=body["metadata"].get("namespace")).to_dict()
