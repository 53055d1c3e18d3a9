"""eks_cluster against the local endpoint (state read back through boto3) and, for what moto
lacks or does not keep (authentication mode, encryption added later, version upgrades, the wait
between two updates), against the EKS service model."""

import pytest

from ansible_collections.devsecops.aws.plugins.modules import eks_cluster

from tests.support.local_aws import client
from tests.support.service_model import ServiceModelStub, run_module

KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
ALL_LOGS = ["api", "audit", "authenticator", "controllerManager", "scheduler"]


def local_args(endpoint, **extra):
    args = {
        "name": "devsecops",
        "version": "1.33",
        "role_arn": "arn:aws:iam::123456789012:role/devsecops-eks-cluster",
        "subnets": ["subnet-0a", "subnet-0b"],
        "encryption_key_arn": KEY,
        "tags": {"Project": "devsecops"},
        "wait_timeout": 60,
        "endpoint_url": endpoint,
        "region": "us-east-1",
        "access_key": "testing",
        "secret_key": "testing",
    }
    return dict(args, **extra)


@pytest.mark.slow
def test_cluster_is_created_private_logged_encrypted_then_left_alone(capsys, fresh_aws):
    checked = run_module(capsys, eks_cluster, dict(local_args(fresh_aws), _ansible_check_mode=True))
    assert checked["changed"] is True
    eks = client(fresh_aws, "eks")
    assert eks.list_clusters()["clusters"] == []

    created = run_module(capsys, eks_cluster, local_args(fresh_aws))
    assert created["changed"] is True, created
    cluster = eks.describe_cluster(name="devsecops")["cluster"]
    assert cluster["resourcesVpcConfig"]["endpointPrivateAccess"] is True
    assert cluster["resourcesVpcConfig"]["endpointPublicAccess"] is False
    assert cluster["logging"]["clusterLogging"] == [{"types": ALL_LOGS, "enabled": True}]
    assert cluster["encryptionConfig"] == [{"resources": ["secrets"], "provider": {"keyArn": KEY}}]
    assert cluster["tags"] == {"Project": "devsecops"}
    assert created["cluster"]["oidc_issuer"] == cluster["identity"]["oidc"]["issuer"]

    again = run_module(capsys, eks_cluster, local_args(fresh_aws))
    assert again["changed"] is False, again


@pytest.mark.slow
def test_public_access_and_fewer_logs_are_applied_to_an_existing_cluster(capsys, fresh_aws):
    run_module(capsys, eks_cluster, local_args(fresh_aws))
    changed = run_module(
        capsys,
        eks_cluster,
        local_args(
            fresh_aws, endpoint_public_access=True, public_access_cidrs=["203.0.113.0/24"], logging_types=["audit"]
        ),
    )
    assert changed["changed"] is True
    cluster = client(fresh_aws, "eks").describe_cluster(name="devsecops")["cluster"]
    assert cluster["resourcesVpcConfig"]["endpointPublicAccess"] is True
    assert cluster["resourcesVpcConfig"]["publicAccessCidrs"] == ["203.0.113.0/24"]
    enabled = [setup["types"] for setup in cluster["logging"]["clusterLogging"] if setup["enabled"]]
    assert enabled == [["audit"]]


@pytest.mark.slow
def test_cluster_is_deleted_and_deleting_again_changes_nothing(capsys, fresh_aws):
    run_module(capsys, eks_cluster, local_args(fresh_aws))
    deleted = run_module(capsys, eks_cluster, local_args(fresh_aws, state="absent"))
    assert deleted["changed"] is True
    assert client(fresh_aws, "eks").list_clusters()["clusters"] == []
    assert run_module(capsys, eks_cluster, local_args(fresh_aws, state="absent"))["changed"] is False


def described(**overrides):
    cluster = {
        "name": "devsecops",
        "arn": "arn:aws:eks:us-east-1:123456789012:cluster/devsecops",
        "version": "1.32",
        "status": "ACTIVE",
        "endpoint": "https://EXAMPLE.gr7.us-east-1.eks.amazonaws.com",
        "resourcesVpcConfig": {
            "endpointPrivateAccess": True,
            "endpointPublicAccess": False,
            "publicAccessCidrs": ["0.0.0.0/0"],
        },
        "logging": {"clusterLogging": [{"types": ALL_LOGS, "enabled": True}]},
        "accessConfig": {"authenticationMode": "CONFIG_MAP"},
        "tags": {},
    }
    return {"cluster": dict(cluster, **overrides)}


STUB_ARGS = {
    "name": "devsecops",
    "region": "us-east-1",
    "version": "1.33",
    "encryption_key_arn": KEY,
    "authentication_mode": "API_AND_CONFIG_MAP",
}
UPDATE = {"update": {"id": "u-1", "status": "InProgress", "type": "VersionUpdate"}}


def test_authentication_mode_encryption_and_version_are_applied_one_update_at_a_time(capsys):
    with ServiceModelStub("eks") as eks:
        eks.expect("describe_cluster", {"name": "devsecops"}, described())
        eks.expect(
            "update_cluster_config",
            {"name": "devsecops", "accessConfig": {"authenticationMode": "API_AND_CONFIG_MAP"}},
            UPDATE,
        )
        eks.expect("describe_cluster", {"name": "devsecops"}, described())
        eks.expect(
            "associate_encryption_config",
            {"clusterName": "devsecops", "encryptionConfig": [{"resources": ["secrets"], "provider": {"keyArn": KEY}}]},
            UPDATE,
        )
        eks.expect("describe_cluster", {"name": "devsecops"}, described())
        eks.expect("update_cluster_version", {"name": "devsecops", "version": "1.33"}, UPDATE)
        eks.expect("describe_cluster", {"name": "devsecops"}, described())
        eks.expect("describe_cluster", {"name": "devsecops"}, described())
        eks.expect("describe_cluster", {"name": "devsecops"}, described(version="1.33"))
        result = run_module(capsys, eks_cluster, STUB_ARGS, clients=[eks])
    assert result["changed"] is True
    assert result["cluster"]["version"] == "1.33"


def test_a_different_encryption_key_fails_and_changes_nothing(capsys):
    other = [{"resources": ["secrets"], "provider": {"keyArn": KEY.replace("1234abcd", "9999ffff")}}]
    with ServiceModelStub("eks") as eks:
        eks.expect("describe_cluster", {"name": "devsecops"}, described(encryptionConfig=other, version="1.33"))
        result = run_module(capsys, eks_cluster, STUB_ARGS, clients=[eks])
    assert result["failed"] is True
    assert "EKS cannot change the key" in result["msg"]


def test_creating_without_role_or_subnets_fails_before_any_call(capsys):
    with ServiceModelStub("eks") as eks:
        eks.expect_error("describe_cluster", "ResourceNotFoundException", params={"name": "devsecops"})
        result = run_module(capsys, eks_cluster, dict(STUB_ARGS, _ansible_check_mode=True), clients=[eks])
    assert result["failed"] is True
    assert "role_arn and subnets are required" in result["msg"]


def test_create_request_names_every_hardening_setting(capsys):
    args = dict(
        STUB_ARGS, role_arn="arn:aws:iam::123456789012:role/eks", subnets=["subnet-0a", "subnet-0b"], wait=False
    )
    with ServiceModelStub("eks") as eks:
        eks.expect_error("describe_cluster", "ResourceNotFoundException", params={"name": "devsecops"})
        eks.expect(
            "create_cluster",
            {
                "name": "devsecops",
                "roleArn": "arn:aws:iam::123456789012:role/eks",
                "version": "1.33",
                "resourcesVpcConfig": {
                    "subnetIds": ["subnet-0a", "subnet-0b"],
                    "securityGroupIds": [],
                    "endpointPrivateAccess": True,
                    "endpointPublicAccess": False,
                },
                "logging": {"clusterLogging": [{"types": ALL_LOGS, "enabled": True}]},
                "encryptionConfig": [{"resources": ["secrets"], "provider": {"keyArn": KEY}}],
                "accessConfig": {"authenticationMode": "API_AND_CONFIG_MAP"},
            },
            described(status="CREATING"),
        )
        eks.expect("describe_cluster", {"name": "devsecops"}, described(status="CREATING"))
        result = run_module(capsys, eks_cluster, args, clients=[eks])
    assert result["changed"] is True
