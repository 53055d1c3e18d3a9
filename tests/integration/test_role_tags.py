"""Every tag of every role runs alone against the local endpoint.

For each role, on an empty account: each feature tag alone, in the order tasks/main.yml routes them,
builds the role (a full converge afterwards changes nothing, so no tag left out something that only
an untagged file did); each tag alone again changes nothing (each looks up what it needs, right);
the removal tag alone removes everything (a full removal afterwards changes nothing). The scenario
playbooks of extensions/molecule are the plays used.

Tags of features the local endpoint cannot serve (scripts/local_endpoint.py gaps) are left out; the
service-model tests cover their calls.
"""

import pytest

from tests.support.local_aws import run_playbook
from tests.support.paths import ROOT
from tests.support.role_routes import routes

from local_endpoint import GAPS

pytestmark = pytest.mark.slow


# AWS roles only: a host role's scenario (podman) converges a container, not the local inventory.
def host_scenario(scenario_dir):
    molecule_yml = scenario_dir / "molecule.yml"
    return molecule_yml.is_file() and "podman" in molecule_yml.read_text()


ROLES = sorted(
    path.parent.name
    for path in (ROOT / "extensions" / "molecule").glob("*/converge.yml")
    if (ROOT / "roles" / path.parent.name).is_dir() and not host_scenario(path.parent)
)


def feature_tags(role):
    """The role's feature tags in the order tasks/main.yml routes them (not the role's own, always, absent)."""
    tags = []
    for route in routes(role):
        for tag in route.get("tags", []):
            if tag not in tags and tag not in (role, "always", f"{role}_absent") and tag not in GAPS:
                tags.append(tag)
    return tags


def run(endpoint, role, playbook, *args):
    result = run_playbook(endpoint, f"extensions/molecule/{role}/{playbook}", *args)
    assert result.rc == 0, result
    return result


@pytest.mark.parametrize("role", ROLES)
def test_each_tag_runs_alone(fresh_aws, fresh_k8s, monkeypatch, role):
    # Roles that talk to Kubernetes get the emulator (kubernetes.core reads K8S_AUTH_KUBECONFIG).
    monkeypatch.setenv("K8S_AUTH_KUBECONFIG", str(fresh_k8s))
    tags = feature_tags(role)
    assert tags, f"{role} has no feature tags"
    for tag in tags:
        run(fresh_aws, role, "converge.yml", "--tags", tag)
    assert run(fresh_aws, role, "converge.yml").changed == 0, "the tags alone did not build what a full run builds"

    for tag in tags:
        assert run(fresh_aws, role, "converge.yml", "--tags", tag).changed == 0, tag

    assert run(fresh_aws, role, "side_effect.yml", "--tags", f"{role}_absent").changed > 0
    assert run(fresh_aws, role, "side_effect.yml").changed == 0, "the removal tag alone left something behind"
