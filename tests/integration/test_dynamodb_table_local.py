"""devsecops.aws.dynamodb_table against the local endpoint, state read back through boto3.

moto 5.2.5 keeps SSE with a customer managed key, point-in-time recovery, time to live and deletion
protection (it refuses to delete a protected table, as AWS does); it ignores UpdateTable's
SSESpecification, so changing the key of an existing table is checked against the service model in
tests/unit/plugins/modules/test_dynamodb_table.py.
"""

import pytest

from ansible_collections.devsecops.aws.plugins.modules import dynamodb_table

from tests.support.local_aws import client, module_connection
from tests.support.service_model import run_module

NAME = "devsecops-security-alerts-posted"


@pytest.fixture
def run(fresh_aws, capsys):
    return lambda **args: run_module(capsys, dynamodb_table, dict(module_connection(fresh_aws), **args))


@pytest.fixture
def dynamodb(fresh_aws):
    return client(fresh_aws, "dynamodb")


@pytest.fixture
def key(fresh_aws):
    return client(fresh_aws, "kms").create_key(Description="alerts")["KeyMetadata"]["Arn"]


def table_args(key, **overrides):
    return dict(dict(name=NAME, hash_key_name="id", kms_key_arn=key, ttl_attribute="expires_at", tags={"team": "sec"}), **overrides)


def test_check_mode_creates_nothing(run, dynamodb, key):
    result = run(**table_args(key, _ansible_check_mode=True))
    assert (result["changed"], result["arn"]) == (True, "")
    assert dynamodb.list_tables()["TableNames"] == []


def test_create_sets_the_key_recovery_ttl_and_protection_then_changes_nothing(run, dynamodb, key):
    created = run(**table_args(key))
    assert created["changed"] is True, created
    table = dynamodb.describe_table(TableName=NAME)["Table"]
    assert table["KeySchema"] == [{"AttributeName": "id", "KeyType": "HASH"}]
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    assert (table["SSEDescription"]["SSEType"], table["SSEDescription"]["KMSMasterKeyArn"]) == ("KMS", key)
    assert table["DeletionProtectionEnabled"] is True
    backups = dynamodb.describe_continuous_backups(TableName=NAME)["ContinuousBackupsDescription"]
    assert backups["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"] == "ENABLED"
    ttl = dynamodb.describe_time_to_live(TableName=NAME)["TimeToLiveDescription"]
    assert (ttl["TimeToLiveStatus"], ttl["AttributeName"]) == ("ENABLED", "expires_at")
    assert dynamodb.list_tags_of_resource(ResourceArn=table["TableArn"])["Tags"] == [{"Key": "team", "Value": "sec"}]
    assert created["arn"] == table["TableArn"]
    again = run(**table_args(key))
    assert again["changed"] is False, again


def test_update_turns_recovery_ttl_and_protection_off(run, dynamodb, key):
    run(**table_args(key))
    args = table_args(key, point_in_time_recovery=False, ttl_attribute="", deletion_protection=False, tags={})
    result = run(**args, _ansible_diff=True)
    assert result["changed"] is True
    assert result["diff"]["before"]["ttl_attribute"] == "expires_at" and result["diff"]["after"]["ttl_attribute"] is None
    assert dynamodb.describe_table(TableName=NAME)["Table"]["DeletionProtectionEnabled"] is False
    backups = dynamodb.describe_continuous_backups(TableName=NAME)["ContinuousBackupsDescription"]
    assert backups["PointInTimeRecoveryDescription"]["PointInTimeRecoveryStatus"] == "DISABLED"
    assert dynamodb.describe_time_to_live(TableName=NAME)["TimeToLiveDescription"]["TimeToLiveStatus"] == "DISABLED"
    assert run(**args)["changed"] is False


def test_a_protected_table_is_deleted_only_with_force(run, dynamodb, key):
    run(**table_args(key))
    refused = run(name=NAME, state="absent")
    assert refused["failed"] is True and "force" in refused["msg"]
    assert run(name=NAME, state="absent", force=True, _ansible_check_mode=True)["changed"] is True
    assert dynamodb.list_tables()["TableNames"] == [NAME]
    assert run(name=NAME, state="absent", force=True)["changed"] is True
    assert dynamodb.list_tables()["TableNames"] == []
    assert run(name=NAME, state="absent", force=True)["changed"] is False


def test_the_hash_key_cannot_change(run, key):
    run(**table_args(key))
    result = run(**table_args(key, hash_key_name="finding"))
    assert result["failed"] is True and "cannot change" in result["msg"]
