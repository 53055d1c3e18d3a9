"""codecommit_repository against the local endpoint (GetRepository, CreateRepository, DeleteRepository)
and, for the description and tag calls moto 5.2.5 lacks, against botocore's service model."""

import pytest

from ansible_collections.devsecops.aws.plugins.modules import codecommit_repository

from tests.support.local_aws import client, module_args
from tests.support.service_model import ServiceModelStub, run_module

ARN = "arn:aws:codecommit:us-east-1:123456789012:webgoat"


def assert_no_repository(codecommit):
    with pytest.raises(codecommit.exceptions.RepositoryDoesNotExistException):
        codecommit.get_repository(repositoryName="webgoat")


def test_check_mode_creates_nothing_then_create_then_no_change(capsys, fresh_aws):
    codecommit = client(fresh_aws, "codecommit")
    checked = run_module(capsys, codecommit_repository, module_args(fresh_aws, name="webgoat", description="app", _ansible_check_mode=True))
    assert checked["changed"]
    assert_no_repository(codecommit)

    created = run_module(capsys, codecommit_repository, module_args(fresh_aws, name="webgoat", description="app"))
    assert created["changed"]
    assert created["repository"]["clone_url_http"] == "https://git-codecommit.us-east-1.amazonaws.com/v1/repos/webgoat"
    assert codecommit.get_repository(repositoryName="webgoat")["repositoryMetadata"]["repositoryDescription"] == "app"

    assert run_module(capsys, codecommit_repository, module_args(fresh_aws, name="webgoat", description="app"))["changed"] is False


def test_delete_then_delete_again_changes_nothing(capsys, fresh_aws):
    run_module(capsys, codecommit_repository, module_args(fresh_aws, name="webgoat"))
    assert run_module(capsys, codecommit_repository, module_args(fresh_aws, name="webgoat", state="absent"))["changed"]
    assert_no_repository(client(fresh_aws, "codecommit"))
    assert run_module(capsys, codecommit_repository, module_args(fresh_aws, name="webgoat", state="absent"))["changed"] is False


def metadata(description):
    return {"repositoryMetadata": {"repositoryName": "webgoat", "repositoryDescription": description, "Arn": ARN}}


def test_a_new_description_and_tags_are_applied(capsys):
    with ServiceModelStub("codecommit") as codecommit:
        codecommit.expect("get_repository", {"repositoryName": "webgoat"}, metadata("old"))
        codecommit.expect("list_tags_for_resource", {"resourceArn": ARN}, {"tags": {"team": "a", "stale": "x"}})
        codecommit.expect("update_repository_description", {"repositoryName": "webgoat", "repositoryDescription": "new"})
        codecommit.expect("untag_resource", {"resourceArn": ARN, "tagKeys": ["stale"]})
        codecommit.expect("tag_resource", {"resourceArn": ARN, "tags": {"team": "b"}})
        result = run_module(capsys, codecommit_repository, dict(name="webgoat", description="new", tags={"team": "b"}), clients=[codecommit])
    assert result["changed"] and result["repository"]["tags"] == {"team": "b"}


def test_the_same_description_and_tags_are_no_change(capsys):
    with ServiceModelStub("codecommit") as codecommit:
        codecommit.expect("get_repository", {"repositoryName": "webgoat"}, metadata("app"))
        codecommit.expect("list_tags_for_resource", {"resourceArn": ARN}, {"tags": {"team": "b"}})
        result = run_module(capsys, codecommit_repository, dict(name="webgoat", description="app", tags={"team": "b"}), clients=[codecommit])
    assert result["changed"] is False
