"""The aws_config role against the local endpoint: check mode, converge, idempotence, absent.

moto 5.2.5 lacks conformance packs (only the Organization variants): MOTO_LACKS switches them off here and
tests/unit/plugins/modules/test_config_conformance_pack.py checks those calls against the service model.
moto 5.2.5's ScheduleKeyDeletion fails (HTTP 500) on the key ARN amazon.aws.kms_key sends, so the key stays.
"""

import json

import pytest

from tests.integration.moto_gaps import run_role, xfail_if_moto_lacks
from tests.support.local_aws import client

pytestmark = pytest.mark.slow

MOTO_LACKS = {
    "aws_config_conformance_packs": [],
    "aws_config_kms_key_delete": False,
}
BUCKET = "123456789012-aws-config"
KEY_ALIAS = "alias/devsecops-aws-config"
RULES = {
    "s3-bucket-public-read-prohibited": "S3_BUCKET_PUBLIC_READ_PROHIBITED",
    "s3-bucket-public-write-prohibited": "S3_BUCKET_PUBLIC_WRITE_PROHIBITED",
    "s3-bucket-server-side-encryption-enabled": "S3_BUCKET_SERVER_SIDE_ENCRYPTION_ENABLED",
    "root-account-mfa-enabled": "ROOT_ACCOUNT_MFA_ENABLED",
    "cloudtrail-enabled": "CLOUD_TRAIL_ENABLED",
}


def run(endpoint, *args, switched_on=(), **extra_vars):
    return run_role(endpoint, "aws_config", MOTO_LACKS, *args, switched_on=switched_on, **extra_vars)


def recorders(endpoint):
    return client(endpoint, "config").describe_configuration_recorders()["ConfigurationRecorders"]


def buckets(endpoint):
    return [bucket["Name"] for bucket in client(endpoint, "s3").list_buckets()["Buckets"]]


def rules(endpoint):
    return {
        rule["ConfigRuleName"]: rule["Source"]
        for rule in client(endpoint, "config").describe_config_rules()["ConfigRules"]
    }


def key_arn(endpoint):
    kms = client(endpoint, "kms")
    [alias] = [a for a in kms.list_aliases()["Aliases"] if a["AliasName"] == KEY_ALIAS]
    return kms.describe_key(KeyId=alias["TargetKeyId"])["KeyMetadata"]["Arn"]


def test_check_mode_on_a_fresh_endpoint_reports_changes_and_makes_none(fresh_aws):
    result = run(fresh_aws, "--check")
    assert result.rc == 0, result
    # key, IAM role, recorder, its start, the rules (s3_bucket and config_delivery_channel have no check mode)
    assert result.changed == 5, result
    assert recorders(fresh_aws) == []
    assert buckets(fresh_aws) == []
    assert rules(fresh_aws) == {}
    assert client(fresh_aws, "iam").list_roles()["Roles"] == []


def test_converge_is_idempotent_and_absent_undoes_it(fresh_aws):
    first = run(fresh_aws)
    assert first.rc == 0, first
    assert first.changed == 8, first

    config = client(fresh_aws, "config")
    [recorder] = recorders(fresh_aws)
    assert recorder["roleARN"] == "arn:aws:iam::123456789012:role/devsecops-aws-config"
    assert recorder["recordingGroup"]["allSupported"] is True
    assert recorder["recordingGroup"]["includeGlobalResourceTypes"] is True  # us-east-1 is the global region
    [status] = config.describe_configuration_recorder_status()["ConfigurationRecordersStatus"]
    assert status["recording"] is True
    [channel] = config.describe_delivery_channels()["DeliveryChannels"]
    assert channel["s3BucketName"] == BUCKET
    assert channel["s3KmsKeyArn"] == key_arn(fresh_aws)

    s3 = client(fresh_aws, "s3")
    [rule] = s3.get_bucket_encryption(Bucket=BUCKET)["ServerSideEncryptionConfiguration"]["Rules"]
    assert rule["ApplyServerSideEncryptionByDefault"] == {
        "SSEAlgorithm": "aws:kms",
        "KMSMasterKeyID": key_arn(fresh_aws),
    }
    assert s3.get_public_access_block(Bucket=BUCKET)["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "IgnorePublicAcls": True,
        "BlockPublicPolicy": True,
        "RestrictPublicBuckets": True,
    }
    statements = {s["Sid"]: s for s in json.loads(s3.get_bucket_policy(Bucket=BUCKET)["Policy"])["Statement"]}
    delivery = statements["AWSConfigBucketDelivery"]
    assert delivery["Principal"] == {"Service": "config.amazonaws.com"}
    assert delivery["Resource"] == f"arn:aws:s3:::{BUCKET}/AWSLogs/123456789012/Config/*"
    assert delivery["Condition"]["StringEquals"]["aws:SourceAccount"] == "123456789012"
    assert statements["AWSConfigBucketPermissionsCheck"]["Action"] == "s3:GetBucketAcl"

    trust = client(fresh_aws, "iam").get_role(RoleName="devsecops-aws-config")["Role"]["AssumeRolePolicyDocument"]
    assert [s["Principal"] for s in trust["Statement"]] == [{"Service": "config.amazonaws.com"}]
    attached = client(fresh_aws, "iam").list_attached_role_policies(RoleName="devsecops-aws-config")
    assert [p["PolicyName"] for p in attached["AttachedPolicies"]] == ["AWS_ConfigRole"]

    assert rules(fresh_aws) == {name: {"Owner": "AWS", "SourceIdentifier": i} for name, i in RULES.items()}

    again = run(fresh_aws)
    assert again.rc == 0, again
    assert again.changed == 0, again

    removed = run(fresh_aws, aws_config_state="absent")
    assert removed.rc == 0, removed
    assert removed.changed == 6, removed  # rules, stop, channel, recorder, role, bucket
    assert recorders(fresh_aws) == []
    assert rules(fresh_aws) == {}
    assert buckets(fresh_aws) == []
    assert client(fresh_aws, "iam").list_roles()["Roles"] == []

    removed_again = run(fresh_aws, aws_config_state="absent")
    assert removed_again.rc == 0, removed_again
    assert removed_again.changed == 0, removed_again


def test_outside_the_global_resources_region_global_resources_are_not_recorded(fresh_aws):
    result = run(fresh_aws, aws_config_global_resources_region="ap-northeast-2", aws_config_rules=[])
    assert result.rc == 0, result
    [recorder] = recorders(fresh_aws)
    assert recorder["recordingGroup"]["includeGlobalResourceTypes"] is False


# With the feature on, the role's real calls reach moto, which cannot serve them.
def test_the_conformance_packs_are_deployed(fresh_aws):
    result = run(fresh_aws, switched_on=["aws_config_conformance_packs"])
    xfail_if_moto_lacks(
        result,
        "DescribeConformancePacks",
        "moto 5.2.5 lacks conformance packs; test_config_conformance_pack.py checks them against the service model",
    )
    assert result.rc == 0, result
    packs = client(fresh_aws, "config").describe_conformance_packs()["ConformancePackDetails"]
    assert sorted(p["ConformancePackName"] for p in packs) == ["devsecops-k-isms", "devsecops-pipeline"]
