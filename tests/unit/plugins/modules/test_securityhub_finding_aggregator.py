"""securityhub_finding_aggregator through the Security Hub service model (moto lacks finding aggregators)."""

from ansible_collections.devsecops.aws.plugins.modules import securityhub_finding_aggregator

from tests.support.service_model import ServiceModelStub, run_module

ARN = "arn:aws:securityhub:us-east-1:123456789012:finding-aggregator/123e4567-e89b-12d3-a456-426652340000"
ARGS = {"region": "us-east-1", "regions": ["eu-west-1", "ap-northeast-2"]}


def aggregator(region="us-east-1", mode="SPECIFIED_REGIONS", regions=("ap-northeast-2", "eu-west-1")):
    return {
        "FindingAggregatorArn": ARN,
        "FindingAggregationRegion": region,
        "RegionLinkingMode": mode,
        "Regions": list(regions),
    }


def existing(hub, found):
    hub.expect("list_finding_aggregators", {}, {"FindingAggregators": [{"FindingAggregatorArn": ARN}] if found else []})
    if found:
        hub.expect("get_finding_aggregator", {"FindingAggregatorArn": ARN}, found)


def test_a_missing_aggregator_links_the_regions_listed(capsys):
    with ServiceModelStub("securityhub") as hub:
        existing(hub, None)
        hub.expect(
            "create_finding_aggregator",
            {"RegionLinkingMode": "SPECIFIED_REGIONS", "Regions": ["ap-northeast-2", "eu-west-1"]},
            aggregator(),
        )
        result = run_module(capsys, securityhub_finding_aggregator, ARGS, clients=[hub])
    assert result["changed"] is True
    assert result["finding_aggregator"] == {
        "finding_aggregation_region": "us-east-1",
        "region_linking_mode": "SPECIFIED_REGIONS",
        "regions": ["ap-northeast-2", "eu-west-1"],
    }


def test_the_same_aggregator_is_left_alone(capsys):
    with ServiceModelStub("securityhub") as hub:
        existing(hub, aggregator(regions=["eu-west-1", "ap-northeast-2"]))
        result = run_module(capsys, securityhub_finding_aggregator, ARGS, clients=[hub])
    assert result["changed"] is False


def test_other_regions_are_updated_in_place_and_this_one_never_linked(capsys):
    with ServiceModelStub("securityhub") as hub:
        existing(hub, aggregator(regions=["eu-west-1"]))
        hub.expect(
            "update_finding_aggregator",
            {"FindingAggregatorArn": ARN, "RegionLinkingMode": "SPECIFIED_REGIONS", "Regions": ["ap-northeast-2", "eu-west-1"]},
            aggregator(),
        )
        args = dict(ARGS, regions=["eu-west-1", "ap-northeast-2", "us-east-1"], _ansible_diff=True)
        result = run_module(capsys, securityhub_finding_aggregator, args, clients=[hub])
    assert result["changed"] is True
    assert result["diff"]["before"]["regions"] == ["eu-west-1"]


def test_an_aggregator_in_another_region_is_not_moved(capsys):
    with ServiceModelStub("securityhub") as hub:
        existing(hub, aggregator(region="eu-west-1", regions=["us-east-1"]))
        result = run_module(capsys, securityhub_finding_aggregator, ARGS, clients=[hub])
    assert result["failed"] is True
    assert "aggregates Security Hub findings in eu-west-1, not us-east-1" in result["msg"]


def test_check_mode_predicts_and_writes_nothing(capsys):
    with ServiceModelStub("securityhub") as hub:
        existing(hub, None)
        result = run_module(capsys, securityhub_finding_aggregator, dict(ARGS, _ansible_check_mode=True), clients=[hub])
    assert result["changed"] is True


def test_absent_deletes_this_regions_aggregator_once(capsys):
    with ServiceModelStub("securityhub") as hub:
        existing(hub, aggregator())
        hub.expect("delete_finding_aggregator", {"FindingAggregatorArn": ARN}, {})
        existing(hub, None)
        first = run_module(capsys, securityhub_finding_aggregator, dict(ARGS, state="absent"), clients=[hub])
        again = run_module(capsys, securityhub_finding_aggregator, dict(ARGS, state="absent"), clients=[hub])
    assert (first["changed"], again["changed"]) == (True, False)
