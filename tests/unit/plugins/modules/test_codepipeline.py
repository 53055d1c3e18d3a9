"""codepipeline against the local endpoint: moto 5.2.5 serves GetPipeline, CreatePipeline,
UpdatePipeline and DeletePipeline (and accepts a role whose trust policy names one service principal)."""

import json

import pytest

from ansible_collections.devsecops.aws.plugins.modules import codepipeline

from tests.support.local_aws import client, module_args
from tests.support.service_model import ServiceModelStub, run_module

ROLE = "arn:aws:iam::123456789012:role/devsecops-pipeline"
STORE = {"type": "S3", "location": "123456789012-devsecops-pipeline-artifacts", "encryptionKey": {"id": "alias/devsecops-pipeline", "type": "KMS"}}
SOURCE = {
    "name": "Source",
    "actions": [
        {
            "name": "Source",
            "actionTypeId": {"category": "Source", "owner": "AWS", "provider": "CodeCommit", "version": "1"},
            "configuration": {"RepositoryName": "webgoat", "BranchName": "main", "PollForSourceChanges": "false"},
            "outputArtifacts": [{"name": "source"}],
            "namespace": "SourceVariables",
        }
    ],
}
BUILD = {
    "name": "Build",
    "actions": [
        {
            "name": "Build",
            "actionTypeId": {"category": "Build", "owner": "AWS", "provider": "CodeBuild", "version": "1"},
            "configuration": {"ProjectName": "devsecops-build"},
            "inputArtifacts": [{"name": "source"}],
        }
    ],
}
ARGS = dict(name="devsecops", role_arn=ROLE, artifact_store=STORE, stages=[SOURCE, BUILD])


@pytest.fixture
def endpoint(fresh_aws):
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "codepipeline.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
    client(fresh_aws, "iam").create_role(RoleName="devsecops-pipeline", AssumeRolePolicyDocument=json.dumps(trust))
    return fresh_aws


def stages(endpoint):
    return client(endpoint, "codepipeline").get_pipeline(name="devsecops")["pipeline"]["stages"]


def test_check_mode_creates_nothing_then_create_then_no_change(capsys, endpoint):
    assert run_module(capsys, codepipeline, module_args(endpoint, _ansible_check_mode=True, **ARGS))["changed"]
    assert client(endpoint, "codepipeline").list_pipelines()["pipelines"] == []
    created = run_module(capsys, codepipeline, module_args(endpoint, **ARGS))
    assert created["changed"] and created["arn"] == "arn:aws:codepipeline:us-east-1:123456789012:devsecops"
    assert [stage["name"] for stage in stages(endpoint)] == ["Source", "Build"]
    again = run_module(capsys, codepipeline, module_args(endpoint, **ARGS))
    assert again["changed"] is False
    assert client(endpoint, "codepipeline").get_pipeline(name="devsecops")["pipeline"]["version"] == 1


def test_a_changed_stage_is_an_update_and_only_then(capsys, endpoint):
    run_module(capsys, codepipeline, module_args(endpoint, **ARGS))
    build = dict(BUILD, actions=[dict(BUILD["actions"][0], configuration={"ProjectName": "devsecops-build-2"})])
    changed = run_module(capsys, codepipeline, module_args(endpoint, _ansible_diff=True, **dict(ARGS, stages=[SOURCE, build])))
    assert changed["changed"]
    assert stages(endpoint)[1]["actions"][0]["configuration"] == {"ProjectName": "devsecops-build-2"}
    assert client(endpoint, "codepipeline").get_pipeline(name="devsecops")["pipeline"]["version"] == 2
    assert run_module(capsys, codepipeline, module_args(endpoint, **dict(ARGS, stages=[SOURCE, build])))["changed"] is False


def test_a_dropped_action_key_is_a_change(capsys, endpoint):
    run_module(capsys, codepipeline, module_args(endpoint, **ARGS))
    source = dict(SOURCE, actions=[{k: v for k, v in SOURCE["actions"][0].items() if k != "namespace"}])
    assert run_module(capsys, codepipeline, module_args(endpoint, _ansible_check_mode=True, **dict(ARGS, stages=[source, BUILD])))["changed"]


def test_delete_then_delete_again_changes_nothing(capsys, endpoint):
    run_module(capsys, codepipeline, module_args(endpoint, **ARGS))
    assert run_module(capsys, codepipeline, module_args(endpoint, name="devsecops", state="absent"))["changed"]
    assert client(endpoint, "codepipeline").list_pipelines()["pipelines"] == []
    assert run_module(capsys, codepipeline, module_args(endpoint, name="devsecops", state="absent"))["changed"] is False


def test_tags_are_read_and_changed_by_the_tagging_calls(capsys):
    arn = "arn:aws:codepipeline:us-east-1:123456789012:devsecops"
    found = {"metadata": {"pipelineArn": arn}}
    found["pipeline"] = {
        "name": "devsecops",
        "roleArn": ROLE,
        "artifactStore": STORE,
        "stages": codepipeline.structure(dict(ARGS, pipeline_type="V2", execution_mode="QUEUED"))["stages"],
        "pipelineType": "V2",
        "executionMode": "QUEUED",
        "version": 3,
    }
    with ServiceModelStub("codepipeline") as pipeline:
        pipeline.expect("get_pipeline", {"name": "devsecops"}, found)
        pipeline.expect("list_tags_for_resource", {"resourceArn": arn}, {"tags": [{"key": "team", "value": "a"}]})
        pipeline.expect("tag_resource", {"resourceArn": arn, "tags": [{"key": "team", "value": "b"}]})
        result = run_module(capsys, codepipeline, dict(ARGS, tags={"team": "b"}), clients=[pipeline])
    assert result["changed"]


def test_an_empty_configuration_given_back_is_no_change(capsys, endpoint):
    manual = {"category": "Approval", "owner": "AWS", "provider": "Manual", "version": "1"}
    approval = {"name": "Approval", "actions": [{"name": "Approve", "actionTypeId": manual}]}
    args = dict(ARGS, stages=[SOURCE, approval, BUILD])
    run_module(capsys, codepipeline, module_args(endpoint, **args))
    assert run_module(capsys, codepipeline, module_args(endpoint, **args))["changed"] is False
