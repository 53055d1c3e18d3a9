"""dynamodb_table through the DynamoDB service model: what moto 5.2.5 does not serve.

moto ignores UpdateTable's SSESpecification, so changing an existing table's key (or going back to the
AWS owned key) is checked here; the descriptions given back are shaped as AWS reports them.
"""

import pytest

from ansible_collections.devsecops.aws.plugins.modules import dynamodb_table

from tests.support.service_model import ServiceModelStub, run_module

NAME = "devsecops-security-alerts-posted"
ARN = f"arn:aws:dynamodb:us-east-1:123456789012:table/{NAME}"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
OTHER = KEY.replace("1234abcd", "5678abcd")
ARGS = dict(region="us-east-1", name=NAME, hash_key_name="id", ttl_attribute="expires_at")


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch):
    monkeypatch.setattr("time.sleep", lambda _seconds: None)


def table(status="ACTIVE", key=KEY):
    described = {
        "TableName": NAME,
        "TableArn": ARN,
        "TableStatus": status,
        "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
        "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
        "BillingModeSummary": {"BillingMode": "PAY_PER_REQUEST"},
        "DeletionProtectionEnabled": True,
    }
    if key:
        described["SSEDescription"] = {"Status": "ENABLED", "SSEType": "KMS", "KMSMasterKeyArn": key}
    return {"Table": described}


def expect_read(stub, key=KEY):
    stub.expect("describe_table", {"TableName": NAME}, table(key=key))
    stub.expect(
        "describe_continuous_backups",
        {"TableName": NAME},
        {"ContinuousBackupsDescription": {"ContinuousBackupsStatus": "ENABLED",
                                          "PointInTimeRecoveryDescription": {"PointInTimeRecoveryStatus": "ENABLED"}}},
    )
    stub.expect("describe_time_to_live", {"TableName": NAME},
                {"TimeToLiveDescription": {"TimeToLiveStatus": "ENABLED", "AttributeName": "expires_at"}})


def test_a_new_key_is_set_with_update_table_and_waited_for(capsys):
    with ServiceModelStub("dynamodb") as stub:
        expect_read(stub)
        sse = {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": OTHER}
        stub.expect("update_table", {"TableName": NAME, "SSESpecification": sse}, {"TableDescription": table("UPDATING")["Table"]})
        stub.expect("describe_table", {"TableName": NAME}, table("UPDATING", OTHER))
        stub.expect("describe_table", {"TableName": NAME}, table("ACTIVE", OTHER))
        result = run_module(capsys, dynamodb_table, dict(ARGS, kms_key_arn=OTHER), [stub])
    assert (result["changed"], result["table"]["kms_key_arn"]) == (True, OTHER)


def test_no_key_goes_back_to_the_aws_owned_key(capsys):
    with ServiceModelStub("dynamodb") as stub:
        expect_read(stub)
        stub.expect("update_table", {"TableName": NAME, "SSESpecification": {"Enabled": False}}, {"TableDescription": table()["Table"]})
        stub.expect("describe_table", {"TableName": NAME}, table(key=None))
        result = run_module(capsys, dynamodb_table, dict(ARGS), [stub])
    assert (result["changed"], result["table"]["kms_key_arn"]) == (True, None)


def test_the_same_key_calls_nothing_but_the_reads(capsys):
    with ServiceModelStub("dynamodb") as stub:
        expect_read(stub)
        result = run_module(capsys, dynamodb_table, dict(ARGS, kms_key_arn=KEY), [stub])
    assert result["changed"] is False


def test_the_create_request_is_valid(capsys):
    with ServiceModelStub("dynamodb") as stub:
        stub.expect_error("describe_table", "ResourceNotFoundException", "not found", {"TableName": NAME})
        stub.expect(
            "create_table",
            {
                "TableName": NAME,
                "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                "BillingMode": "PAY_PER_REQUEST",
                "DeletionProtectionEnabled": True,
                "SSESpecification": {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": KEY},
            },
            {"TableDescription": table("CREATING")["Table"]},
        )
        stub.expect("describe_table", {"TableName": NAME}, table())
        stub.expect("update_continuous_backups",
                    {"TableName": NAME, "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True}}, {})
        stub.expect("update_time_to_live",
                    {"TableName": NAME, "TimeToLiveSpecification": {"AttributeName": "expires_at", "Enabled": True}}, {})
        result = run_module(capsys, dynamodb_table, dict(ARGS, kms_key_arn=KEY), [stub])
    assert (result["changed"], result["arn"]) == (True, ARN)
