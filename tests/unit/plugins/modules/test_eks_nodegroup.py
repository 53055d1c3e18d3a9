"""eks_nodegroup against the local endpoint (state read back through boto3; moto answers
DescribeNodegroup without updateConfig, the case community.aws.eks_nodegroup fails on) and,
for the launch template version update moto does not serve, against the EKS service model."""

import pytest

from ansible_collections.devsecops.aws.plugins.modules import eks_cluster, eks_nodegroup

from tests.support.local_aws import client
from tests.support.service_model import ServiceModelStub, run_module

CONNECTION = {"region": "us-east-1", "access_key": "testing", "secret_key": "testing", "wait_timeout": 60}


def group_args(endpoint, **extra):
    args = {
        "cluster_name": "devsecops",
        "name": "devsecops-default",
        "node_role_arn": "arn:aws:iam::123456789012:role/devsecops-eks-node",
        "subnets": ["subnet-0a", "subnet-0b"],
        "launch_template": {"name": "devsecops-eks-node", "version": "1"},
        "scaling": {"min_size": 2, "max_size": 4, "desired_size": 2},
        "labels": {"role": "app"},
        "tags": {"Project": "devsecops"},
        "endpoint_url": endpoint,
        **CONNECTION,
    }
    return dict(args, **extra)


@pytest.fixture
def cluster(capsys, fresh_aws):
    result = run_module(
        capsys,
        eks_cluster,
        {
            "name": "devsecops",
            "role_arn": "arn:aws:iam::123456789012:role/devsecops-eks-cluster",
            "subnets": ["subnet-0a", "subnet-0b"],
            "endpoint_url": fresh_aws,
            **CONNECTION,
        },
    )
    assert result["changed"] is True, result
    return fresh_aws


@pytest.mark.slow
def test_node_group_is_created_then_a_second_run_changes_nothing(capsys, cluster):
    checked = run_module(capsys, eks_nodegroup, dict(group_args(cluster), _ansible_check_mode=True))
    assert checked["changed"] is True
    eks = client(cluster, "eks")
    assert eks.list_nodegroups(clusterName="devsecops")["nodegroups"] == []

    created = run_module(capsys, eks_nodegroup, group_args(cluster))
    assert created["changed"] is True, created
    group = eks.describe_nodegroup(clusterName="devsecops", nodegroupName="devsecops-default")["nodegroup"]
    assert group["scalingConfig"] == {"minSize": 2, "maxSize": 4, "desiredSize": 2}
    assert group["launchTemplate"] == {"name": "devsecops-eks-node", "version": "1"}
    assert group["subnets"] == ["subnet-0a", "subnet-0b"]
    assert group["labels"] == {"role": "app"}

    again = run_module(capsys, eks_nodegroup, group_args(cluster))
    assert again["changed"] is False, again


@pytest.mark.slow
def test_scaling_is_updated_in_place(capsys, cluster):
    run_module(capsys, eks_nodegroup, group_args(cluster))
    scaled = run_module(
        capsys, eks_nodegroup, group_args(cluster, scaling={"min_size": 3, "max_size": 6, "desired_size": 3})
    )
    assert scaled["changed"] is True, scaled
    group = client(cluster, "eks").describe_nodegroup(clusterName="devsecops", nodegroupName="devsecops-default")
    assert group["nodegroup"]["scalingConfig"] == {"minSize": 3, "maxSize": 6, "desiredSize": 3}


@pytest.mark.slow
def test_node_group_is_deleted(capsys, cluster):
    run_module(capsys, eks_nodegroup, group_args(cluster))
    assert run_module(capsys, eks_nodegroup, group_args(cluster, state="absent"))["changed"] is True
    assert client(cluster, "eks").list_nodegroups(clusterName="devsecops")["nodegroups"] == []
    assert run_module(capsys, eks_nodegroup, group_args(cluster, state="absent"))["changed"] is False


def described(version="1", labels=None, update_config=True):
    group = {
        "nodegroupName": "devsecops-default",
        "clusterName": "devsecops",
        "nodegroupArn": "arn:aws:eks:us-east-1:123456789012:nodegroup/devsecops/devsecops-default/0a1b",
        "status": "ACTIVE",
        "scalingConfig": {"minSize": 2, "maxSize": 4, "desiredSize": 2},
        "labels": labels if labels is not None else {"role": "app"},
        "launchTemplate": {"name": "devsecops-eks-node", "version": version, "id": "lt-0a1b"},
        "tags": {"Project": "devsecops"},
    }
    if update_config:
        group["updateConfig"] = {"maxUnavailable": 1}
    return {"nodegroup": group}


IDENTITY = {"clusterName": "devsecops", "nodegroupName": "devsecops-default"}


def test_new_launch_template_version_and_labels_are_two_updates_in_turn(capsys):
    args = dict(
        group_args(None, launch_template={"name": "devsecops-eks-node", "version": "2"}, labels={"tier": "web"})
    )
    args.pop("endpoint_url")
    with ServiceModelStub("eks") as eks:
        eks.expect("describe_nodegroup", IDENTITY, described())
        eks.expect(
            "update_nodegroup_config",
            dict(IDENTITY, labels={"addOrUpdateLabels": {"tier": "web"}, "removeLabels": ["role"]}),
            {"update": {"id": "u-1", "status": "InProgress"}},
        )
        eks.expect("describe_nodegroup", IDENTITY, described(labels={"tier": "web"}))
        eks.expect(
            "update_nodegroup_version",
            dict(IDENTITY, launchTemplate={"name": "devsecops-eks-node", "version": "2"}),
            {"update": {"id": "u-2", "status": "InProgress"}},
        )
        eks.expect("describe_nodegroup", IDENTITY, described(version="2", labels={"tier": "web"}))
        eks.expect("describe_nodegroup", IDENTITY, described(version="2", labels={"tier": "web"}))
        result = run_module(capsys, eks_nodegroup, args, clients=[eks])
    assert result["changed"] is True
    assert result["nodegroup"]["launch_template_version"] == "2"


def test_a_missing_update_config_reads_as_the_eks_default(capsys):
    args = dict(group_args(None))
    args.pop("endpoint_url")
    with ServiceModelStub("eks") as eks:
        eks.expect("describe_nodegroup", IDENTITY, described(update_config=False))
        result = run_module(capsys, eks_nodegroup, args, clients=[eks])
    assert result["changed"] is False, result
