"""The dispatcher Lambda as Python: SSM against the local endpoint (moto serves SendCommand and
GetCommandInvocation, and answers every command with Success at once), the CodePipeline job calls
and the command states moto never reaches (in progress, failed, never answered) against botocore's
service model."""

import importlib
import json
import sys

import pytest

from tests.support.local_aws import client
from tests.support.paths import ROOT
from tests.support.service_model import ANY, ServiceModelStub

DISPATCHER_DIR = ROOT / "roles" / "delivery_pipeline" / "files" / "dispatcher"
SCAN_DOCUMENT = ROOT / "roles" / "scanner_instance" / "files" / "scan-document.yml"
INSTANCE = "i-0123456789abcdef0"
COMMIT = "4f2c1e9a7b3d5c8e0f1a2b3c4d5e6f708192a3b4"
REPOSITORY_URL = "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/webgoat"
REPORTS = "s3://123456789012-devsecops-scanner-reports/scans/https:__git-codecommit.us-east-1.amazonaws.com_v1_repos_webgoat/" + COMMIT + "/"
NOW = 1_800_000_000
JOB_ID = "11111111-2222-3333-4444-555555555555"


@pytest.fixture
def dispatcher(monkeypatch):
    monkeypatch.syspath_prepend(str(DISPATCHER_DIR))
    monkeypatch.delitem(sys.modules, "dispatcher", raising=False)
    return importlib.import_module("dispatcher")


@pytest.fixture
def ssm(fresh_aws):
    ssm = client(fresh_aws, "ssm")
    ssm.create_document(Name="devsecops-scan", DocumentType="Command", DocumentFormat="YAML", Content=SCAN_DOCUMENT.read_text())
    return ssm


def job(token=None, **overrides):
    params = dict(
        documentName="devsecops-scan",
        instanceId=INSTANCE,
        repositoryUrl=REPOSITORY_URL,
        commit=COMMIT,
        targetUrl="https://staging.example.com",
        reportBucket="123456789012-devsecops-scanner-reports",
        timeoutSeconds=3600,
    )
    params.update(overrides)
    data = {"actionConfiguration": {"configuration": {"FunctionName": "devsecops-dispatcher", "UserParameters": json.dumps(params)}}}
    if token:
        data["continuationToken"] = json.dumps(token)
    return {"CodePipeline.job": {"id": JOB_ID, "accountId": "123456789012", "data": data}}


def test_first_invocation_sends_the_document_and_continues(dispatcher, ssm):
    with ServiceModelStub("codepipeline") as pipeline:
        pipeline.expect("put_job_success_result", {"jobId": JOB_ID, "continuationToken": ANY})
        answer = dispatcher.dispatch(job(), ssm, pipeline.client, NOW)
    assert answer["result"] == "continuing"
    token = answer["continuation"]
    assert token["instanceId"] == INSTANCE and token["sentAt"] == NOW
    sent = ssm.list_commands(CommandId=token["commandId"])["Commands"][0]
    assert sent["DocumentName"] == "devsecops-scan"
    assert sent["InstanceIds"] == [INSTANCE]
    assert sent["Parameters"] == {
        "repository": [REPOSITORY_URL],
        "sourceUrl": [REPOSITORY_URL],
        "commit": [COMMIT],
        "runId": [COMMIT],
        "targetUrl": ["https://staging.example.com"],
        "reportBucket": ["123456789012-devsecops-scanner-reports"],
        "reportPrefix": ["scans/"],
    }


def test_a_finished_scan_succeeds_with_where_the_reports_are(dispatcher, ssm):
    params = dispatcher.user_parameters(job()["CodePipeline.job"])
    token = dispatcher.send(ssm, params, JOB_ID, NOW)["continuation"]
    with ServiceModelStub("codepipeline") as pipeline:
        pipeline.expect(
            "put_job_success_result",
            {
                "jobId": JOB_ID,
                "executionDetails": {"summary": f"scan of {COMMIT} done in 300 s; reports in {REPORTS}"},
                "outputVariables": {"ReportsUri": REPORTS},
            },
        )
        answer = dispatcher.dispatch(job(token), ssm, pipeline.client, NOW + 300)
    assert answer["result"] == "succeeded"


def invocation(status, stdout="", code=1):
    return {
        "CommandId": "5d2f8a34-9c1b-4e7f-8a6d-2b3c4d5e6f70",
        "InstanceId": INSTANCE,
        "Status": status,
        "StatusDetails": status,
        "ResponseCode": code,
        "StandardOutputContent": stdout,
        "StandardErrorContent": "",
    }


TOKEN = {"commandId": "5d2f8a34-9c1b-4e7f-8a6d-2b3c4d5e6f70", "instanceId": INSTANCE, "sentAt": NOW}


def test_a_failed_scan_fails_the_job_naming_the_failed_stages(dispatcher):
    stdout = "reports: s3://b/scans/x/1/\nfailed stages: dependency_check zap\n"
    with ServiceModelStub("ssm") as ssm, ServiceModelStub("codepipeline") as pipeline:
        ssm.expect("get_command_invocation", {"CommandId": TOKEN["commandId"], "InstanceId": INSTANCE}, invocation("Failed", stdout))
        pipeline.expect(
            "put_job_failure_result",
            {
                "jobId": JOB_ID,
                "failureDetails": {
                    "type": "JobFailed",
                    "message": f"scan Failed on {INSTANCE} (command {TOKEN['commandId']}, exit 1): failed stages: dependency_check zap",
                },
            },
        )
        answer = dispatcher.dispatch(job(TOKEN), ssm.client, pipeline.client, NOW + 900)
    assert answer["result"] == "failed"


@pytest.mark.parametrize("status", ["Pending", "InProgress", "Delayed"])
def test_a_scan_still_running_continues_with_the_same_token(dispatcher, status):
    with ServiceModelStub("ssm") as ssm, ServiceModelStub("codepipeline") as pipeline:
        ssm.expect("get_command_invocation", {"CommandId": TOKEN["commandId"], "InstanceId": INSTANCE}, invocation(status, code=-1))
        pipeline.expect("put_job_success_result", {"jobId": JOB_ID, "continuationToken": json.dumps(TOKEN)})
        answer = dispatcher.dispatch(job(TOKEN), ssm.client, pipeline.client, NOW + 1200)
    assert answer["result"] == "continuing"


def test_an_invocation_not_registered_yet_counts_as_pending(dispatcher):
    with ServiceModelStub("ssm") as ssm, ServiceModelStub("codepipeline") as pipeline:
        ssm.expect_error("get_command_invocation", "InvocationDoesNotExist")
        pipeline.expect("put_job_success_result", {"jobId": JOB_ID, "continuationToken": json.dumps(TOKEN)})
        assert dispatcher.dispatch(job(TOKEN), ssm.client, pipeline.client, NOW + 5)["result"] == "continuing"


def test_a_host_that_never_answers_fails_the_job_after_the_timeout_and_grace(dispatcher):
    waited = 3600 + dispatcher.GRACE_SECONDS + 1
    with ServiceModelStub("ssm") as ssm, ServiceModelStub("codepipeline") as pipeline:
        ssm.expect("get_command_invocation", None, invocation("Pending", code=-1))
        pipeline.expect(
            "put_job_failure_result",
            {
                "jobId": JOB_ID,
                "failureDetails": {
                    "type": "JobFailed",
                    "message": f"the scanner host {INSTANCE} did not answer: command {TOKEN['commandId']} still Pending after {waited} s",
                },
            },
        )
        answer = dispatcher.dispatch(job(TOKEN), ssm.client, pipeline.client, NOW + waited)
    assert answer["result"] == "failed"


def test_a_host_ssm_does_not_manage_fails_the_job_at_once(dispatcher):
    with ServiceModelStub("ssm") as ssm, ServiceModelStub("codepipeline") as pipeline:
        ssm.expect_error("send_command", "InvalidInstanceId", "Instances [[i-0123456789abcdef0]] not in a valid state")
        pipeline.expect("put_job_failure_result")
        answer = dispatcher.dispatch(job(), ssm.client, pipeline.client, NOW)
    assert answer["result"] == "failed"
    assert answer["message"].startswith(f"cannot send devsecops-scan to the scanner host {INSTANCE}: ")
    assert "InvalidInstanceId" in answer["message"]


def test_missing_user_parameters_are_a_configuration_error(dispatcher):
    with ServiceModelStub("ssm") as ssm, ServiceModelStub("codepipeline") as pipeline:
        pipeline.expect(
            "put_job_failure_result",
            {"jobId": JOB_ID, "failureDetails": {"type": "ConfigurationError", "message": "UserParameters lacks instanceId, commit"}},
        )
        dispatcher.dispatch(job(instanceId="", commit=""), ssm.client, pipeline.client, NOW)
