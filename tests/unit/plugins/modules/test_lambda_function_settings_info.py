"""lambda_function_settings_info through the Lambda service model: both destinations, and errors."""

import datetime

from ansible_collections.devsecops.aws.plugins.modules import lambda_function_settings_info

from tests.support.service_model import ServiceModelStub, run_module

NAME = "devsecops-security-alerts"
ARN = f"arn:aws:lambda:us-east-1:123456789012:function:{NAME}:$LATEST"
OK = "arn:aws:sns:us-east-1:123456789012:alerts-delivered"
FAILED = "arn:aws:sqs:us-east-1:123456789012:devsecops-alerts-dlq"
ARGS = {"region": "us-east-1", "name": NAME}
CONFIGURATION = {"FunctionName": NAME, "FunctionArn": ARN, "Runtime": "python3.12"}


def test_both_destinations_are_read(capsys):
    changed = datetime.datetime(2026, 11, 29, 1, 2, 3, tzinfo=datetime.timezone.utc)
    config = {
        "LastModified": changed,
        "FunctionArn": ARN,
        "MaximumRetryAttempts": 0,
        "DestinationConfig": {"OnSuccess": {"Destination": OK}, "OnFailure": {"Destination": FAILED}},
    }
    with ServiceModelStub("lambda") as lambdas:
        lambdas.expect("get_function_configuration", {"FunctionName": NAME}, CONFIGURATION)
        lambdas.expect("get_function_concurrency", {"FunctionName": NAME}, {"ReservedConcurrentExecutions": 5})
        lambdas.expect("get_function_event_invoke_config", {"FunctionName": NAME}, config)
        result = run_module(capsys, lambda_function_settings_info, ARGS, [lambdas])
    assert (result["changed"], result["exists"], result["reserved_concurrency"]) == (False, True, 5)
    assert result["function_arn"] == ARN.removesuffix(":$LATEST")
    assert result["event_invoke_config"] == {
        "last_modified": "2026-11-29T01:02:03+00:00",
        "function_arn": ARN,
        "maximum_retry_attempts": 0,
        "destination_config": {"on_success": {"destination": OK}, "on_failure": {"destination": FAILED}},
    }


def test_a_missing_function_is_not_read_further(capsys):
    with ServiceModelStub("lambda") as lambdas:
        missing = f"Function not found: arn:aws:lambda:us-east-1:123456789012:function:{NAME}"
        lambdas.expect_error("get_function_configuration", "ResourceNotFoundException", missing, http_status=404)
        result = run_module(capsys, lambda_function_settings_info, ARGS, [lambdas])
    assert (result["exists"], result["reserved_concurrency"], result["event_invoke_config"]) == (False, None, {})
    assert result["function_arn"] == ""


def test_access_denied_fails_the_task(capsys):
    with ServiceModelStub("lambda") as lambdas:
        lambdas.expect("get_function_configuration", {"FunctionName": NAME}, CONFIGURATION)
        lambdas.expect("get_function_concurrency", {"FunctionName": NAME}, {})
        denied = "User is not authorized to perform: lambda:GetFunctionEventInvokeConfig"
        lambdas.expect_error("get_function_event_invoke_config", "AccessDeniedException", denied, http_status=403)
        result = run_module(capsys, lambda_function_settings_info, ARGS, [lambdas])
    assert result["failed"] is True
    assert result["msg"].startswith("Failed to read the function's asynchronous invocation settings")
