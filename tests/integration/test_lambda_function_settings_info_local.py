"""lambda_function_settings_info against the local endpoint, functions made with boto3."""

import io
import json
import zipfile

import pytest

from ansible_collections.devsecops.aws.plugins.modules import lambda_function_settings_info

from tests.support.local_aws import client, module_args
from tests.support.service_model import run_module

DLQ = "arn:aws:sqs:us-east-1:123456789012:devsecops-alerts-dlq"
TRUST = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}],
}


@pytest.fixture
def function(fresh_aws):
    """Create the function `name` and give back its ARN."""
    role = client(fresh_aws, "iam").create_role(RoleName="notifier", AssumeRolePolicyDocument=json.dumps(TRUST))
    code = io.BytesIO()
    with zipfile.ZipFile(code, "w") as archive:
        archive.writestr("index.py", "def handler(event, context):\n    return None\n")

    def create(name):
        created = client(fresh_aws, "lambda").create_function(
            FunctionName=name,
            Runtime="python3.12",
            Role=role["Role"]["Arn"],
            Handler="index.handler",
            Code={"ZipFile": code.getvalue()},
        )
        return created["FunctionArn"]

    return create


def read(fresh_aws, capsys, name):
    return run_module(capsys, lambda_function_settings_info, module_args(fresh_aws, name=name))


def test_a_missing_function_does_not_exist(fresh_aws, capsys):
    result = read(fresh_aws, capsys, "no-such-function")
    assert (result["changed"], result["exists"]) == (False, False)
    assert (result["reserved_concurrency"], result["event_invoke_config"]) == (None, {})


def test_a_function_without_settings_has_no_reserved_concurrency_and_no_invoke_config(fresh_aws, function, capsys):
    function("devsecops-security-alerts")
    result = read(fresh_aws, capsys, "devsecops-security-alerts")
    assert (result["exists"], result["reserved_concurrency"], result["event_invoke_config"]) == (True, None, {})
    assert result["function_arn"] == "arn:aws:lambda:us-east-1:123456789012:function:devsecops-security-alerts"


def test_reserved_concurrency_and_asynchronous_settings_are_read_by_name_or_arn(fresh_aws, function, capsys):
    arn = function("devsecops-security-alerts")
    lambdas = client(fresh_aws, "lambda")
    lambdas.put_function_concurrency(FunctionName="devsecops-security-alerts", ReservedConcurrentExecutions=5)
    lambdas.put_function_event_invoke_config(
        FunctionName="devsecops-security-alerts",
        MaximumRetryAttempts=1,
        MaximumEventAgeInSeconds=3600,
        DestinationConfig={"OnFailure": {"Destination": DLQ}},
    )
    result = read(fresh_aws, capsys, "devsecops-security-alerts")
    config = result["event_invoke_config"]
    assert (result["exists"], result["reserved_concurrency"]) == (True, 5)
    assert (config["maximum_retry_attempts"], config["maximum_event_age_in_seconds"]) == (1, 3600)
    assert config["destination_config"] == {"on_failure": {"destination": DLQ}}
    assert config["function_arn"] == arn
    assert read(fresh_aws, capsys, arn)["event_invoke_config"] == config


def test_reserved_concurrency_of_zero_is_kept_apart_from_none(fresh_aws, function, capsys):
    function("stopped")
    client(fresh_aws, "lambda").put_function_concurrency(FunctionName="stopped", ReservedConcurrentExecutions=0)
    assert read(fresh_aws, capsys, "stopped")["reserved_concurrency"] == 0
