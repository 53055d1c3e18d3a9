"""secretsmanager_secret_info against the local endpoint: settings and policy read, the value never."""

import datetime
import json

import pytest

from ansible_collections.devsecops.aws.plugins.modules import secretsmanager_secret_info

from tests.support.local_aws import client, module_args
from tests.support.service_model import run_module

NAME = "devsecops/security-alerts/slack-webhook"
VALUE = "https://hooks.slack.com/services/T000/B000/not-a-real-webhook"
POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::123456789012:role/notifier"},
            "Action": "secretsmanager:GetSecretValue",
            "Resource": "*",
        }
    ],
}


@pytest.fixture
def secrets(fresh_aws):
    return client(fresh_aws, "secretsmanager")


def read(fresh_aws, capsys, name):
    return run_module(capsys, secretsmanager_secret_info, module_args(fresh_aws, name=name))


def test_a_missing_secret_does_not_exist(fresh_aws, capsys):
    result = read(fresh_aws, capsys, "no/such/secret")
    assert (result["changed"], result["exists"], result["secret"]) == (False, False, {})
    assert "deleted_date" not in result


def test_a_secret_is_read_with_its_key_tags_and_policy_but_not_its_value(fresh_aws, secrets, capsys):
    key = client(fresh_aws, "kms").create_key()["KeyMetadata"]["Arn"]
    tags = [{"Key": "Owner", "Value": "security"}]
    created = secrets.create_secret(Name=NAME, SecretString=VALUE, Description="Slack webhook", KmsKeyId=key, Tags=tags)
    arn = created["ARN"]
    secrets.put_resource_policy(SecretId=NAME, ResourcePolicy=json.dumps(POLICY))
    result = read(fresh_aws, capsys, NAME)
    assert (result["changed"], result["exists"]) == (False, True)
    assert result["secret"] == {
        "arn": arn,
        "name": NAME,
        "description": "Slack webhook",
        "kms_key_id": key,
        "rotation_enabled": False,
        "tags": {"Owner": "security"},
        "resource_policy": POLICY,
    }
    assert VALUE not in json.dumps(result)
    assert read(fresh_aws, capsys, arn)["secret"] == result["secret"]


def test_a_plain_secret_has_no_key_an_empty_description_and_no_policy(fresh_aws, secrets, capsys):
    secrets.create_secret(Name=NAME, SecretString=VALUE)
    secret = read(fresh_aws, capsys, NAME)["secret"]
    assert (secret["description"], secret["tags"], secret["resource_policy"]) == ("", {}, {})
    assert "kms_key_id" not in secret


def test_a_secret_scheduled_for_deletion_counts_as_gone_and_says_when(fresh_aws, secrets, capsys):
    secrets.create_secret(Name=NAME, SecretString=VALUE)
    deletion = secrets.delete_secret(SecretId=NAME, RecoveryWindowInDays=7)["DeletionDate"]
    result = read(fresh_aws, capsys, NAME)
    assert (result["exists"], result["secret"]) == (False, {})
    assert abs(datetime.datetime.fromisoformat(result["deleted_date"]) - deletion).total_seconds() < 1
