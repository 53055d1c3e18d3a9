"""codebuild_project against the local endpoint (create, read, delete) and, for UpdateProject that moto
5.2.5 lacks, against botocore's service model. moto also answers every project with the AWS managed
key (it drops a given encryptionKey), so the key is checked against the service model only."""

import json

from ansible_collections.devsecops.aws.plugins.modules import codebuild_project

from tests.support.local_aws import client, module_args
from tests.support.service_model import ServiceModelStub, run_module

ROLE = "arn:aws:iam::123456789012:role/devsecops-build"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
SETTINGS = dict(
    name="devsecops-build",
    description="Builds the image",
    service_role=ROLE,
    source={"type": "CODEPIPELINE", "buildspec": "version: 0.2\nphases: {build: {commands: [make]}}\n", "location": "unused"},
    artifacts={"type": "CODEPIPELINE", "location": "unused"},
    environment={
        "type": "LINUX_CONTAINER",
        "image": "aws/codebuild/amazonlinux2-x86_64-standard:5.0",
        "computeType": "BUILD_GENERAL1_MEDIUM",
        "privilegedMode": True,
        "environmentVariables": [{"name": "TRIVY_TOKEN", "value": "/devsecops/trivy-token", "type": "PARAMETER_STORE"}],
    },
    timeout_in_minutes=30,
    logs_config={"cloudWatchLogs": {"status": "ENABLED", "groupName": "/aws/codebuild/devsecops-build"}},
)


def create_role(endpoint):
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "codebuild.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
    client(endpoint, "iam").create_role(RoleName="devsecops-build", AssumeRolePolicyDocument=json.dumps(trust))


def test_check_mode_creates_nothing_then_create_then_no_change(capsys, fresh_aws):
    create_role(fresh_aws)
    codebuild = client(fresh_aws, "codebuild")
    checked = run_module(capsys, codebuild_project, module_args(fresh_aws, _ansible_check_mode=True, **SETTINGS))
    assert checked["changed"] and checked["project"]["environment"]["privileged_mode"] is True
    assert codebuild.batch_get_projects(names=["devsecops-build"])["projects"] == []

    created = run_module(capsys, codebuild_project, module_args(fresh_aws, **SETTINGS))
    assert created["changed"]
    project = codebuild.batch_get_projects(names=["devsecops-build"])["projects"][0]
    assert project["environment"]["privilegedMode"] is True
    assert project["environment"]["environmentVariables"] == SETTINGS["environment"]["environmentVariables"]
    assert project["logsConfig"]["cloudWatchLogs"]["groupName"] == "/aws/codebuild/devsecops-build"
    assert project["serviceRole"] == ROLE

    again = run_module(capsys, codebuild_project, module_args(fresh_aws, _ansible_diff=True, **SETTINGS))
    assert again["changed"] is False
    assert again["diff"]["before"] == again["diff"]["after"]


def test_delete_then_delete_again_changes_nothing(capsys, fresh_aws):
    create_role(fresh_aws)
    run_module(capsys, codebuild_project, module_args(fresh_aws, **SETTINGS))
    deleted = run_module(capsys, codebuild_project, module_args(fresh_aws, name="devsecops-build", state="absent"))
    assert deleted["changed"] and deleted["project"] == {}
    assert client(fresh_aws, "codebuild").batch_get_projects(names=["devsecops-build"])["projects"] == []
    assert run_module(capsys, codebuild_project, module_args(fresh_aws, name="devsecops-build", state="absent"))["changed"] is False


def held(**changes):
    project = {
        "name": "devsecops-build",
        "arn": "arn:aws:codebuild:us-east-1:123456789012:project/devsecops-build",
        "description": SETTINGS["description"],
        "source": SETTINGS["source"],
        "artifacts": SETTINGS["artifacts"],
        # AWS fills in what was not given; the module leaves those alone.
        "environment": dict(SETTINGS["environment"], imagePullCredentialsType="CODEBUILD"),
        "serviceRole": ROLE,
        "timeoutInMinutes": 30,
        "queuedTimeoutInMinutes": 480,
        "encryptionKey": KEY,
        "logsConfig": dict(SETTINGS["logs_config"], s3Logs={"status": "DISABLED"}),
        "tags": [{"key": "team", "value": "platform"}],
    }
    project.update(changes)
    return project


def test_a_setting_that_differs_is_updated_with_update_project(capsys):
    environment = dict(SETTINGS["environment"], privilegedMode=False)
    with ServiceModelStub("codebuild") as codebuild:
        codebuild.expect("batch_get_projects", {"names": ["devsecops-build"]}, {"projects": [held()]})
        request = {
            "name": "devsecops-build",
            "description": SETTINGS["description"],
            "source": SETTINGS["source"],
            "artifacts": SETTINGS["artifacts"],
            "environment": environment,
            "serviceRole": ROLE,
            "timeoutInMinutes": 30,
            "encryptionKey": KEY,
            "logsConfig": SETTINGS["logs_config"],
            "tags": [{"key": "team", "value": "platform"}],
        }
        codebuild.expect("update_project", request, {"project": held(environment=environment)})
        result = run_module(capsys, codebuild_project, dict(SETTINGS, environment=environment, encryption_key=KEY), clients=[codebuild])
    assert result["changed"] and result["project"]["environment"]["privileged_mode"] is False


def test_the_defaults_aws_fills_in_are_no_change(capsys):
    with ServiceModelStub("codebuild") as codebuild:
        codebuild.expect("batch_get_projects", {"names": ["devsecops-build"]}, {"projects": [held()]})
        result = run_module(capsys, codebuild_project, dict(SETTINGS, encryption_key=KEY, tags={"team": "platform"}), clients=[codebuild])
    assert result["changed"] is False


def test_purged_tags_are_an_update(capsys):
    with ServiceModelStub("codebuild") as codebuild:
        codebuild.expect("batch_get_projects", {"names": ["devsecops-build"]}, {"projects": [held()]})
        codebuild.expect("update_project", None, {"project": held(tags=[])})
        result = run_module(capsys, codebuild_project, dict(SETTINGS, encryption_key=KEY, tags={}), clients=[codebuild])
    assert result["changed"] and result["project"]["tags"] == {}
