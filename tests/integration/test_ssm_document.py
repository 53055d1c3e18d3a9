"""devsecops.aws.ssm_document against the local endpoint, state read back with DescribeDocument and GetDocument."""

import json

import pytest

from ansible_collections.devsecops.aws.plugins.modules import ssm_document, ssm_document_info

from tests.support.local_aws import client
from tests.support.service_model import ANY, run_module

NAME = "devsecops-scan-test"


def command(script):
    return {
        "schemaVersion": "2.2",
        "description": "test",
        "parameters": {"target": {"type": "String", "default": "x"}},
        "mainSteps": [{"action": "aws:runShellScript", "name": "run", "inputs": {"runCommand": [script]}}],
    }


@pytest.fixture
def ssm(fresh_aws):
    return client(fresh_aws, "ssm")


@pytest.fixture
def apply(fresh_aws, capsys):
    def apply(**args):
        connection = dict(endpoint_url=fresh_aws, region="us-east-1", access_key="testing", secret_key="testing")
        return run_module(capsys, ssm_document, dict(connection, name=NAME, **args))

    return apply


def stored(ssm, version=None):
    document = ssm.describe_document(Name=NAME)["Document"]
    content = ssm.get_document(Name=NAME, DocumentVersion=version or document["DefaultVersion"])["Content"]
    return document, json.loads(content)


def test_document_is_created_then_left_alone(apply, ssm):
    result = apply(content=command("echo one"), target_type="/AWS::EC2::Instance", tags={"team": "sec"})
    assert result["changed"] is True
    document, content = stored(ssm)
    assert content == command("echo one")
    assert (document["DocumentType"], document["SchemaVersion"], document["DefaultVersion"]) == ("Command", "2.2", "1")
    assert document["TargetType"] == "/AWS::EC2::Instance"
    tags = ssm.list_tags_for_resource(ResourceType="Document", ResourceId=NAME)["TagList"]
    assert tags == [{"Key": "team", "Value": "sec"}]
    assert result["document"]["default_version"] == "1"

    again = apply(content=command("echo one"), target_type="/AWS::EC2::Instance", tags={"team": "sec"})
    assert again["changed"] is False
    assert stored(ssm)[0]["LatestVersion"] == "1"


def test_same_content_as_yaml_text_in_another_key_order_is_no_change(apply, ssm):
    apply(content=command("echo one"))
    text = "mainSteps:\n- {name: run, action: aws:runShellScript, inputs: {runCommand: [echo one]}}\n"
    text += "parameters: {target: {default: x, type: String}}\ndescription: test\nschemaVersion: '2.2'\n"
    assert apply(content=text)["changed"] is False


def test_changed_content_becomes_a_new_default_version(apply, ssm):
    apply(content=command("echo one"))
    result = apply(content=command("echo two"), _ansible_diff=True)
    assert result["changed"] is True
    document, content = stored(ssm)
    assert (document["DefaultVersion"], document["LatestVersion"]) == ("2", "2")
    assert content == command("echo two")
    assert stored(ssm, "1")[1] == command("echo one")
    assert result["diff"]["before"]["content"] == command("echo one")
    assert result["diff"]["after"]["content"] == command("echo two")
    assert (result["document"]["default_version"], result["document"]["latest_version"]) == ("2", "2")


def test_a_latest_version_that_already_holds_the_content_is_made_the_default(apply, ssm):
    apply(content=command("echo one"))
    ssm.update_document(Name=NAME, Content=json.dumps(command("echo two")), DocumentVersion="$LATEST")
    result = apply(content=command("echo two"))
    assert result["changed"] is True
    document, content = stored(ssm)
    assert (document["DefaultVersion"], document["LatestVersion"]) == ("2", "2")
    assert content == command("echo two")


def test_check_mode_creates_nothing_and_changes_nothing(apply, ssm):
    assert apply(content=command("echo one"), _ansible_check_mode=True)["changed"] is True
    assert ssm.list_documents(Filters=[{"Key": "Owner", "Values": ["Self"]}])["DocumentIdentifiers"] == []
    apply(content=command("echo one"))
    assert apply(content=command("echo two"), _ansible_check_mode=True)["changed"] is True
    document, content = stored(ssm)
    assert (document["LatestVersion"], content) == ("1", command("echo one"))


def test_tags_are_added_and_purged_without_a_new_version(apply, ssm):
    apply(content=command("echo one"), tags={"a": "1", "b": "2"})
    assert apply(content=command("echo one"), tags={"a": "1", "c": "3"})["changed"] is True
    tags = ssm.list_tags_for_resource(ResourceType="Document", ResourceId=NAME)["TagList"]
    assert {t["Key"]: t["Value"] for t in tags} == {"a": "1", "c": "3"}
    assert stored(ssm)[0]["LatestVersion"] == "1"


def test_absent_deletes_the_document_once(apply, ssm):
    apply(content=command("echo one"))
    assert apply(state="absent", _ansible_check_mode=True)["changed"] is True
    assert stored(ssm)[0]["Name"] == NAME
    assert apply(state="absent")["changed"] is True
    assert ssm.list_documents(Filters=[{"Key": "Owner", "Values": ["Self"]}])["DocumentIdentifiers"] == []
    assert apply(state="absent")["changed"] is False


def test_content_without_a_schema_version_fails_and_creates_nothing(apply, ssm):
    result = apply(content={"mainSteps": []})
    assert result["failed"] is True
    assert "must be a mapping with a schemaVersion" in result["msg"]
    assert ssm.list_documents(Filters=[{"Key": "Owner", "Values": ["Self"]}])["DocumentIdentifiers"] == []


def test_the_type_of_an_existing_document_does_not_change(apply, ssm):
    apply(content=command("echo one"))
    result = apply(content=command("echo one"), document_type="Automation")
    assert result["failed"] is True
    assert "cannot change to Automation" in result["msg"]


def test_info_reads_the_default_version_and_nothing_for_a_missing_document(apply, fresh_aws, capsys):
    connection = dict(endpoint_url=fresh_aws, region="us-east-1", access_key="testing", secret_key="testing")
    assert run_module(capsys, ssm_document_info, dict(connection, name=NAME)) == {"changed": False, "document": {}, "invocation": ANY}
    apply(content=command("echo one"), tags={"team": "sec"})
    apply(content=command("echo two"), tags={"team": "sec"})
    document = run_module(capsys, ssm_document_info, dict(connection, name=NAME))["document"]
    assert document == {
        "name": NAME, "document_type": "Command", "default_version": "2", "latest_version": "2",
        "schema_version": "2.2", "tags": {"team": "sec"}, "content": command("echo two"),
    }
