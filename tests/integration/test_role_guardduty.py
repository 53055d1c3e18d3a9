"""The guardduty role against the local endpoint: check mode, converge, idempotence, absent.

moto lacks publishing destinations: MOTO_LACKS switches them off here (the bucket and key are still
made and checked), and tests/unit/plugins/modules/test_guardduty_publishing_destination.py checks
those calls against the service model. moto 5.2.5's ScheduleKeyDeletion fails (HTTP 500) on the key
ARN that amazon.aws.kms_key sends, so the key's deletion is switched off too and the key stays.
"""

import json

import boto3
import pytest

from tests.integration.moto_gaps import run_role, xfail_if_moto_lacks
from tests.support.local_aws import client

pytestmark = pytest.mark.slow

MOTO_LACKS = {"guardduty_export_publishing_enabled": False, "guardduty_export_kms_key_delete": False}
BUCKET = "123456789012-guardduty-findings"
KEY_ALIAS = "alias/devsecops-guardduty-findings"


def run(endpoint, *args, switched_on=(), **extra_vars):
    return run_role(endpoint, "guardduty", MOTO_LACKS, *args, switched_on=switched_on, **extra_vars)


def detectors(endpoint):
    guardduty = client(endpoint, "guardduty")
    return [guardduty.get_detector(DetectorId=d) for d in guardduty.list_detectors()["DetectorIds"]]


def buckets(endpoint):
    return [bucket["Name"] for bucket in client(endpoint, "s3").list_buckets()["Buckets"]]


def key_state(endpoint):
    kms = client(endpoint, "kms")
    aliases = {alias["AliasName"]: alias.get("TargetKeyId") for alias in kms.list_aliases()["Aliases"]}
    if KEY_ALIAS not in aliases:
        return None
    return kms.describe_key(KeyId=aliases[KEY_ALIAS])["KeyMetadata"]


def test_check_mode_on_a_fresh_endpoint_reports_changes_and_makes_none(fresh_aws):
    result = run(fresh_aws, "--check")
    assert result.rc == 0, result
    assert result.changed == 2, result  # key, detector (amazon.aws.s3_bucket has no check mode: skipped)
    assert detectors(fresh_aws) == []
    assert buckets(fresh_aws) == []
    assert key_state(fresh_aws) is None


def test_converge_is_idempotent_and_absent_undoes_it(fresh_aws):
    first = run(fresh_aws)
    assert first.rc == 0, first
    assert first.changed == 3, first

    [detector] = detectors(fresh_aws)
    assert detector["Status"] == "ENABLED"
    assert detector["FindingPublishingFrequency"] == "FIFTEEN_MINUTES"
    features = {f["Name"]: f for f in detector["Features"]}
    assert {name: f["Status"] for name, f in features.items()} == {
        "S3_DATA_EVENTS": "ENABLED",
        "EKS_AUDIT_LOGS": "ENABLED",
        "EBS_MALWARE_PROTECTION": "ENABLED",
        "RUNTIME_MONITORING": "ENABLED",
    }
    assert features["RUNTIME_MONITORING"]["AdditionalConfiguration"] == [
        {"Name": "EKS_ADDON_MANAGEMENT", "Status": "ENABLED"}
    ]

    key = key_state(fresh_aws)
    assert key["KeyState"] == "Enabled"
    assert client(fresh_aws, "kms").get_key_rotation_status(KeyId=key["KeyId"])["KeyRotationEnabled"]
    key_policy = json.loads(client(fresh_aws, "kms").get_key_policy(KeyId=key["KeyId"], PolicyName="default")["Policy"])
    [guardduty_grant] = [s for s in key_policy["Statement"] if s["Principal"] == {"Service": "guardduty.amazonaws.com"}]
    assert guardduty_grant["Action"] == "kms:GenerateDataKey"
    assert guardduty_grant["Condition"]["StringEquals"] == {"aws:SourceAccount": "123456789012"}

    s3 = client(fresh_aws, "s3")
    assert buckets(fresh_aws) == [BUCKET]
    [rule] = s3.get_bucket_encryption(Bucket=BUCKET)["ServerSideEncryptionConfiguration"]["Rules"]
    assert rule["ApplyServerSideEncryptionByDefault"] == {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key["Arn"]}
    assert s3.get_public_access_block(Bucket=BUCKET)["PublicAccessBlockConfiguration"] == {
        "BlockPublicAcls": True,
        "IgnorePublicAcls": True,
        "BlockPublicPolicy": True,
        "RestrictPublicBuckets": True,
    }
    bucket_policy = json.loads(s3.get_bucket_policy(Bucket=BUCKET)["Policy"])
    writes = [s for s in bucket_policy["Statement"] if s["Effect"] == "Allow" and s["Action"] == "s3:PutObject"]
    assert [w["Principal"] for w in writes] == [{"Service": "guardduty.amazonaws.com"}]
    assert writes[0]["Condition"]["StringEquals"] == {"aws:SourceAccount": "123456789012"}
    assert writes[0]["Condition"]["ArnLike"] == {"aws:SourceArn": "arn:aws:guardduty:*:123456789012:detector/*"}

    again = run(fresh_aws)
    assert again.rc == 0, again
    assert again.changed == 0, again

    removed = run(fresh_aws, guardduty_state="absent")
    assert removed.rc == 0, removed
    assert removed.changed == 2, removed
    assert detectors(fresh_aws) == []
    assert buckets(fresh_aws) == []

    removed_again = run(fresh_aws, guardduty_state="absent")
    assert removed_again.rc == 0, removed_again
    assert removed_again.changed == 0, removed_again


def test_every_listed_region_gets_a_detector_and_only_those(fresh_aws):
    result = run(fresh_aws, guardduty_regions=["eu-west-1", "ap-northeast-2"], guardduty_export_enabled=False)
    assert result.rc == 0, result
    assert result.changed == 1, result  # one looped task
    detectors_by_region = {
        region: regional_client(fresh_aws, "guardduty", region).list_detectors()["DetectorIds"]
        for region in ("us-east-1", "eu-west-1", "ap-northeast-2")
    }
    assert {region: len(ids) for region, ids in detectors_by_region.items()} == {
        "us-east-1": 0,
        "eu-west-1": 1,
        "ap-northeast-2": 1,
    }


def regional_client(endpoint, service, region):
    return boto3.client(
        service, endpoint_url=endpoint, region_name=region, aws_access_key_id="testing", aws_secret_access_key="testing"
    )


# With the feature on, the role's real calls reach moto, which cannot serve them.
def test_each_detector_publishes_to_the_bucket(fresh_aws):
    result = run(fresh_aws, switched_on=["guardduty_export_publishing_enabled"])
    xfail_if_moto_lacks(
        result,
        "ListPublishingDestinations",
        "moto 5.2.5 lacks publishing destinations; test_guardduty_publishing_destination.py checks them "
        "against the service model",
    )
    assert result.rc == 0, result
    guardduty = client(fresh_aws, "guardduty")
    [detector_id] = guardduty.list_detectors()["DetectorIds"]
    [destination] = guardduty.list_publishing_destinations(DetectorId=detector_id)["Destinations"]
    described = guardduty.describe_publishing_destination(
        DetectorId=detector_id, DestinationId=destination["DestinationId"]
    )
    assert described["DestinationProperties"] == {
        "DestinationArn": f"arn:aws:s3:::{BUCKET}",
        "KmsKeyArn": key_state(fresh_aws)["Arn"],
    }


def test_absent_schedules_the_key_deletion(fresh_aws):
    assert run(fresh_aws).rc == 0
    result = run(fresh_aws, switched_on=["guardduty_export_kms_key_delete"], guardduty_state="absent")
    xfail_if_moto_lacks(
        result,
        "ScheduleKeyDeletion",
        "moto 5.2.5's ScheduleKeyDeletion fails (HTTP 500) on the key ARN amazon.aws.kms_key sends",
    )
    assert result.rc == 0, result
    assert key_state(fresh_aws)["KeyState"] == "PendingDeletion"
