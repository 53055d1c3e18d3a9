"""eks_addon through the EKS service model: moto 5.2.5 serves none of the add-on APIs (404)."""

import pytest

from ansible_collections.devsecops.aws.plugins.module_utils import _eks
from ansible_collections.devsecops.aws.plugins.modules import eks_addon

from tests.support.service_model import ServiceModelStub, run_module

ARGS = {"region": "us-east-1", "cluster_name": "devsecops", "name": "vpc-cni", "version": "v1.19.2-eksbuild.1"}
IDENTITY = {"clusterName": "devsecops", "addonName": "vpc-cni"}


def described(version="v1.19.2-eksbuild.1", status="ACTIVE", **extra):
    addon = {
        "addonName": "vpc-cni",
        "clusterName": "devsecops",
        "addonArn": "arn:aws:eks:us-east-1:123456789012:addon/devsecops/vpc-cni/0a1b",
        "addonVersion": version,
        "status": status,
        "tags": {},
    }
    return {"addon": dict(addon, **extra)}


@pytest.fixture(autouse=True)
def no_pause_between_polls(monkeypatch):
    monkeypatch.setattr(_eks, "WAIT_DELAY", 0)


def test_addon_is_created_at_its_pinned_version_and_waited_for(capsys):
    with ServiceModelStub("eks") as eks:
        eks.expect_error("describe_addon", "ResourceNotFoundException", params=IDENTITY)
        eks.expect(
            "create_addon",
            dict(
                IDENTITY,
                addonVersion="v1.19.2-eksbuild.1",
                resolveConflicts="OVERWRITE",
                configurationValues='{"enableNetworkPolicy": "true"}',
            ),
            described(status="CREATING"),
        )
        eks.expect("describe_addon", IDENTITY, described(status="CREATING"))
        eks.expect("describe_addon", IDENTITY, described())
        eks.expect("describe_addon", IDENTITY, described(configurationValues='{"enableNetworkPolicy": "true"}'))
        args = dict(ARGS, configuration_values={"enableNetworkPolicy": "true"}, wait_timeout=30)
        result = run_module(capsys, eks_addon, args, clients=[eks])
    assert result["changed"] is True, result


def test_installed_addon_at_its_version_is_left_alone(capsys):
    with ServiceModelStub("eks") as eks:
        eks.expect("describe_addon", IDENTITY, described())
        result = run_module(capsys, eks_addon, ARGS, clients=[eks])
    assert result["changed"] is False


def test_a_new_pinned_version_updates_the_addon(capsys):
    with ServiceModelStub("eks") as eks:
        eks.expect("describe_addon", IDENTITY, described(version="v1.18.0-eksbuild.1"))
        eks.expect(
            "update_addon",
            dict(IDENTITY, addonVersion="v1.19.2-eksbuild.1", resolveConflicts="OVERWRITE"),
            {"update": {"id": "u-1", "status": "InProgress"}},
        )
        eks.expect("describe_addon", IDENTITY, described())
        eks.expect("describe_addon", IDENTITY, described())
        result = run_module(capsys, eks_addon, ARGS, clients=[eks])
    assert result["changed"] is True
    assert result["addon"]["version"] == "v1.19.2-eksbuild.1"


def test_check_mode_predicts_the_update_and_calls_nothing_else(capsys):
    with ServiceModelStub("eks") as eks:
        eks.expect("describe_addon", IDENTITY, described(version="v1.18.0-eksbuild.1"))
        result = run_module(capsys, eks_addon, dict(ARGS, _ansible_check_mode=True, _ansible_diff=True), clients=[eks])
    assert result["changed"] is True
    assert result["diff"]["before"]["version"] == "v1.18.0-eksbuild.1"


def test_addon_is_removed(capsys):
    with ServiceModelStub("eks") as eks:
        eks.expect("describe_addon", IDENTITY, described())
        eks.expect("delete_addon", dict(IDENTITY, preserve=False), described(status="DELETING"))
        eks.expect_error("describe_addon", "ResourceNotFoundException", params=IDENTITY)
        result = run_module(capsys, eks_addon, dict(ARGS, state="absent"), clients=[eks])
    assert result["changed"] is True
