"""lambda_reserved_concurrency and cloudwatchlogs_resource_policy against the local endpoint, read back through boto3."""

import io
import json
import zipfile

import pytest

from ansible_collections.devsecops.aws.plugins.modules import (
    cloudwatchlogs_resource_policy,
    lambda_reserved_concurrency,
    lambda_function_settings_info,
)

from tests.support.local_aws import client, module_connection
from tests.support.service_model import run_module

POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "es.amazonaws.com"},
            "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
            "Resource": "arn:aws:logs:us-east-1:123456789012:log-group:/aws/opensearch/devsecops-siem/*",
        }
    ],
}


@pytest.fixture
def function(fresh_aws):
    iam = client(fresh_aws, "iam")
    role = iam.create_role(RoleName="fn", AssumeRolePolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": []}))["Role"]
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    return event\n")
    client(fresh_aws, "lambda").create_function(
        FunctionName="fn", Runtime="python3.12", Role=role["Arn"], Handler="handler.handler", Code={"ZipFile": package.getvalue()}
    )
    return "fn"


def test_reserved_concurrency_is_set_once_changed_and_removed(fresh_aws, capsys, function):
    def run(**args):
        return run_module(capsys, lambda_reserved_concurrency, dict(module_connection(fresh_aws), name=function, **args))

    def held():
        answer = client(fresh_aws, "lambda").get_function_concurrency(FunctionName=function).get("ReservedConcurrentExecutions")
        info = run_module(capsys, lambda_function_settings_info, dict(module_connection(fresh_aws), name=function))
        assert info["reserved_concurrency"] == answer
        return answer

    assert run(reserved_concurrent_executions=10, _ansible_check_mode=True)["changed"] is True
    assert held() is None
    assert run(reserved_concurrent_executions=10)["changed"] is True
    assert held() == 10
    assert run(reserved_concurrent_executions=10)["changed"] is False
    assert run(reserved_concurrent_executions=5)["changed"] is True
    assert held() == 5
    assert run(state="absent")["changed"] is True
    assert held() is None
    assert run(state="absent")["changed"] is False


def test_a_logs_resource_policy_is_put_once_and_deleted(fresh_aws, capsys):
    def run(**args):
        return run_module(capsys, cloudwatchlogs_resource_policy, dict(module_connection(fresh_aws), name="opensearch-logs", **args))

    def held():
        return {p["policyName"]: json.loads(p["policyDocument"]) for p in client(fresh_aws, "logs").describe_resource_policies()["resourcePolicies"]}

    assert run(policy=POLICY, _ansible_check_mode=True)["changed"] is True
    assert held() == {}
    assert run(policy=POLICY)["changed"] is True
    assert held() == {"opensearch-logs": POLICY}
    rewritten = json.loads(json.dumps(POLICY))
    rewritten["Statement"][0]["Action"] = list(reversed(rewritten["Statement"][0]["Action"]))
    assert run(policy=rewritten)["changed"] is False
    assert run(state="absent")["changed"] is True
    assert held() == {}
    assert run(state="absent")["changed"] is False
