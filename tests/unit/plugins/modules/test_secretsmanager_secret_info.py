"""secretsmanager_secret_info makes only metadata calls: the Stubber fails on any call not expected,
GetSecretValue included. Rotation settings moto cannot set without running a Lambda are read here."""

import datetime

from ansible_collections.devsecops.aws.plugins.modules import secretsmanager_secret_info

from tests.support.service_model import ServiceModelStub, run_module

ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:devsecops/db-AbCdEf"
ROTATOR = "arn:aws:lambda:us-east-1:123456789012:function:rotate-db"
ARGS = {"region": "us-east-1", "name": "devsecops/db"}


def described(**extra):
    return dict(ARN=ARN, Name="devsecops/db", VersionIdsToStages={"a" * 32: ["AWSCURRENT"]}, **extra)


def test_only_describe_secret_and_get_resource_policy_are_called(capsys):
    with ServiceModelStub("secretsmanager") as secrets:
        rotation = {"RotationLambdaARN": ROTATOR, "RotationRules": {"AutomaticallyAfterDays": 30}}
        secrets.expect("describe_secret", {"SecretId": "devsecops/db"}, described(RotationEnabled=True, **rotation))
        secrets.expect("get_resource_policy", {"SecretId": ARN}, {"ARN": ARN, "Name": "devsecops/db"})
        result = run_module(capsys, secretsmanager_secret_info, ARGS, [secrets])
    assert result["secret"] == {
        "arn": ARN,
        "name": "devsecops/db",
        "description": "",
        "rotation_enabled": True,
        "rotation_lambda_arn": ROTATOR,
        "rotation_rules": {"automatically_after_days": 30},
        "tags": {},
        "resource_policy": {},
    }


def test_a_secret_scheduled_for_deletion_is_not_read_further(capsys):
    deleted = datetime.datetime(2026, 12, 29, 1, 2, 3, tzinfo=datetime.timezone.utc)
    with ServiceModelStub("secretsmanager") as secrets:
        secrets.expect("describe_secret", {"SecretId": "devsecops/db"}, described(DeletedDate=deleted))
        result = run_module(capsys, secretsmanager_secret_info, ARGS, [secrets])
    assert (result["exists"], result["secret"], result["deleted_date"]) == (False, {}, "2026-12-29T01:02:03+00:00")


def test_access_denied_fails_the_task(capsys):
    with ServiceModelStub("secretsmanager") as secrets:
        denied = "User is not authorized to perform: secretsmanager:DescribeSecret"
        secrets.expect_error("describe_secret", "AccessDeniedException", denied, http_status=400)
        result = run_module(capsys, secretsmanager_secret_info, ARGS, [secrets])
    assert result["failed"] is True
    assert result["msg"].startswith("Failed to describe the secret")
