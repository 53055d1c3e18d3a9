"""eks_cluster with eks_cluster_create: false against the local endpoint: a cluster that exists is
used by name and nothing is made beside it; one that does not exist is refused by name."""

import json

import pytest

from tests.support.local_aws import client, run_playbook

pytestmark = pytest.mark.slow

CONVERGE = "extensions/molecule/eks_cluster/converge.yml"
EXISTING = json.dumps({"eks_cluster_create": False})


def test_a_cluster_that_does_not_exist_is_refused_by_name(fresh_aws):
    result = run_playbook(fresh_aws, CONVERGE, "-e", EXISTING)
    assert result.rc != 0
    assert "EKS cluster devsecops does not exist (eks_cluster_create is false: it is not created)" in result.output
    assert client(fresh_aws, "eks").list_clusters()["clusters"] == []


def test_an_existing_cluster_is_used_and_nothing_is_made(fresh_aws):
    eks = client(fresh_aws, "eks")
    eks.create_cluster(
        name="devsecops",
        roleArn="arn:aws:iam::123456789012:role/made-elsewhere",
        resourcesVpcConfig={"subnetIds": ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]},
    )
    result = run_playbook(fresh_aws, CONVERGE, "-e", EXISTING)
    assert result.rc == 0, result.output[-4000:]
    assert result.changed == 0
    assert eks.list_nodegroups(clusterName="devsecops")["nodegroups"] == []
    assert client(fresh_aws, "iam").list_roles()["Roles"] == []
    assert client(fresh_aws, "iam").list_open_id_connect_providers()["OpenIDConnectProviderList"] == []
    assert client(fresh_aws, "kms").list_keys()["Keys"] == []
