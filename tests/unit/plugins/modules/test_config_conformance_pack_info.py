"""config_conformance_pack_info through the AWS Config service model (moto 5.2 lacks conformance packs)."""

import datetime

import pytest

from ansible_collections.devsecops.aws.plugins.modules import config_conformance_pack_info

from tests.support.service_model import ServiceModelStub, run_module

ARGS = {"region": "us-east-1"}
UPDATED = datetime.datetime(2026, 11, 29, 1, 2, 3, tzinfo=datetime.timezone.utc)


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch):
    slept = []
    monkeypatch.setattr("time.sleep", slept.append)
    return slept


def arn(name):
    return f"arn:aws:config:us-east-1:123456789012:conformance-pack/{name}/conformance-pack-{name[-3:]}"


def pack(name, parameters=(), **settings):
    return dict(
        ConformancePackName=name,
        ConformancePackArn=arn(name),
        ConformancePackId=f"conformance-pack-{name[-3:]}",
        ConformancePackInputParameters=[{"ParameterName": key, "ParameterValue": value} for key, value in parameters],
        LastUpdateRequestedTime=UPDATED,
        **settings,
    )


def compliance(name, rules, next_token=None):
    found = [{"ConfigRuleName": rule, "ComplianceType": "COMPLIANT"} for rule in rules]
    page = {"ConformancePackName": name, "ConformancePackRuleComplianceList": found}
    return dict(page, NextToken=next_token) if next_token else page


def test_named_packs_are_read_with_their_rules_and_an_unknown_name_is_left_out(capsys, no_sleep):
    kisms = pack("devsecops-k-isms", [("MaxPasswordAge", "90")], DeliveryS3Bucket="123456789012-config")
    first_page = {"ConformancePackName": "devsecops-k-isms"}
    second_page = dict(first_page, NextToken="page-2")
    with ServiceModelStub("config") as config:
        named = {"ConformancePackNames": ["devsecops-k-isms"]}
        config.expect("describe_conformance_packs", named, {"ConformancePackDetails": [kisms]})
        unknown = {"ConformancePackNames": ["no-such-pack"]}
        config.expect_error("describe_conformance_packs", "NoSuchConformancePackException", params=unknown)
        page = compliance("devsecops-k-isms", ["root-mfa-conformance-pack-sms"], next_token="page-2")
        config.expect("describe_conformance_pack_compliance", first_page, page)
        config.expect_error("describe_conformance_pack_compliance", "ThrottlingException", "Rate exceeded", second_page)
        page = compliance("devsecops-k-isms", ["iam-password-policy-conformance-pack-sms"])
        config.expect("describe_conformance_pack_compliance", second_page, page)
        args = dict(ARGS, names=["devsecops-k-isms", "no-such-pack", "devsecops-k-isms"])
        result = run_module(capsys, config_conformance_pack_info, args, [config])
    assert result["changed"] is False
    assert result["conformance_packs"] == [
        {
            "conformance_pack_name": "devsecops-k-isms",
            "conformance_pack_arn": arn("devsecops-k-isms"),
            "conformance_pack_id": "conformance-pack-sms",
            "delivery_s3_bucket": "123456789012-config",
            "conformance_pack_input_parameters": {"MaxPasswordAge": "90"},
            "last_update_requested_time": "2026-11-29T01:02:03+00:00",
            "rule_names": ["iam-password-policy-conformance-pack-sms", "root-mfa-conformance-pack-sms"],
        }
    ]
    assert len(no_sleep) == 1  # the throttled page, asked for again once


def test_every_pack_is_listed_across_pages_and_an_empty_delivery_bucket_is_left_out(capsys):
    with ServiceModelStub("config") as config:
        page = {"ConformancePackDetails": [pack("pipeline-abc", DeliveryS3Bucket="")], "NextToken": "2"}
        config.expect("describe_conformance_packs", {}, page)
        page = {"ConformancePackDetails": [pack("k-isms-xyz")]}
        config.expect("describe_conformance_packs", {"NextToken": "2"}, page)
        rules = compliance("pipeline-abc", ["s3-versioning-abc"])
        config.expect("describe_conformance_pack_compliance", {"ConformancePackName": "pipeline-abc"}, rules)
        rules = compliance("k-isms-xyz", [])
        config.expect("describe_conformance_pack_compliance", {"ConformancePackName": "k-isms-xyz"}, rules)
        result = run_module(capsys, config_conformance_pack_info, ARGS, [config])
    packs = result["conformance_packs"]
    assert [(p["conformance_pack_name"], p["rule_names"]) for p in packs] == [
        ("k-isms-xyz", []),
        ("pipeline-abc", ["s3-versioning-abc"]),
    ]
    assert [p["conformance_pack_input_parameters"] for p in packs] == [{}, {}]
    assert not any("delivery_s3_bucket" in p for p in packs)


def test_a_pack_deleted_while_it_is_read_has_no_rules(capsys):
    with ServiceModelStub("config") as config:
        config.expect("describe_conformance_packs", {}, {"ConformancePackDetails": [pack("going-abc")]})
        config.expect_error("describe_conformance_pack_compliance", "NoSuchConformancePackException")
        result = run_module(capsys, config_conformance_pack_info, ARGS, [config])
    assert [p["rule_names"] for p in result["conformance_packs"]] == [[]]


def test_a_region_without_packs_reads_as_none(capsys):
    with ServiceModelStub("config") as config:
        config.expect("describe_conformance_packs", {}, {"ConformancePackDetails": []})
        result = run_module(capsys, config_conformance_pack_info, dict(ARGS, names=[]), [config])
    assert result["conformance_packs"] == []


def test_throttling_that_does_not_stop_fails_the_task(capsys):
    with ServiceModelStub("config") as config:
        for _page in range(10):
            config.expect_error("describe_conformance_packs", "ThrottlingException", "Rate exceeded")
        result = run_module(capsys, config_conformance_pack_info, ARGS, [config])
    assert result["failed"] is True
    assert result["msg"].startswith("Failed to list the conformance packs")
