"""iam_openid_connect_provider against the local endpoint (state read back through boto3) and,
for the client id calls moto answers with HTTP 500, against the IAM service model."""

import pytest

from ansible_collections.devsecops.aws.plugins.modules import iam_openid_connect_provider

from tests.support.local_aws import client
from tests.support.service_model import ServiceModelStub, run_module

ISSUER = "https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"


def args(endpoint, **extra):
    base = {
        "url": ISSUER,
        "endpoint_url": endpoint,
        "region": "us-east-1",
        "access_key": "testing",
        "secret_key": "testing",
    }
    return dict(base, **extra)


def providers(endpoint):
    iam = client(endpoint, "iam")
    return {
        item["Arn"]: iam.get_open_id_connect_provider(OpenIDConnectProviderArn=item["Arn"])
        for item in iam.list_open_id_connect_providers()["OpenIDConnectProviderList"]
    }


@pytest.mark.slow
def test_provider_is_created_for_the_issuer_with_the_sts_audience_then_left_alone(capsys, fresh_aws):
    assert run_module(capsys, iam_openid_connect_provider, args(fresh_aws, _ansible_check_mode=True))["changed"] is True
    assert providers(fresh_aws) == {}

    created = run_module(capsys, iam_openid_connect_provider, args(fresh_aws, tags={"Project": "devsecops"}))
    assert created["changed"] is True, created
    found = providers(fresh_aws)
    assert list(found) == [created["arn"]]
    assert created["arn"].endswith(
        ":oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE"
    )
    assert found[created["arn"]]["ClientIDList"] == ["sts.amazonaws.com"]

    again = run_module(capsys, iam_openid_connect_provider, args(fresh_aws, tags={"Project": "devsecops"}))
    assert again["changed"] is False, again


def test_audiences_are_added_and_removed(capsys):
    arn = "arn:aws:iam::123456789012:oidc-provider/" + ISSUER[len("https://") :]
    with ServiceModelStub("iam") as iam:
        iam.expect("list_open_id_connect_providers", {}, {"OpenIDConnectProviderList": [{"Arn": arn}]})
        iam.expect(
            "get_open_id_connect_provider",
            {"OpenIDConnectProviderArn": arn},
            {"Url": ISSUER[len("https://") :], "ClientIDList": ["sts.amazonaws.com"], "ThumbprintList": [], "Tags": []},
        )
        iam.expect(
            "add_client_id_to_open_id_connect_provider",
            {"OpenIDConnectProviderArn": arn, "ClientID": "pods.eks.amazonaws.com"},
        )
        iam.expect(
            "remove_client_id_from_open_id_connect_provider",
            {"OpenIDConnectProviderArn": arn, "ClientID": "sts.amazonaws.com"},
        )
        result = run_module(
            capsys,
            iam_openid_connect_provider,
            {"url": ISSUER, "region": "us-east-1", "client_ids": ["pods.eks.amazonaws.com"]},
            clients=[iam],
        )
    assert result["changed"] is True
    assert result["provider"]["client_ids"] == ["pods.eks.amazonaws.com"]


@pytest.mark.slow
def test_provider_is_deleted(capsys, fresh_aws):
    run_module(capsys, iam_openid_connect_provider, args(fresh_aws))
    assert run_module(capsys, iam_openid_connect_provider, args(fresh_aws, state="absent"))["changed"] is True
    assert providers(fresh_aws) == {}
    assert run_module(capsys, iam_openid_connect_provider, args(fresh_aws, state="absent"))["changed"] is False


def test_a_url_without_https_fails_before_any_call(capsys):
    result = run_module(capsys, iam_openid_connect_provider, {"url": "oidc.example.com", "region": "us-east-1"})
    assert result["failed"] is True
    assert "https://" in result["msg"]
