"""securityhub_hub_info's gathered reads through the Security Hub service model (moto lacks them)."""

from ansible_collections.devsecops.aws.plugins.modules import securityhub_hub_info

from tests.support.service_model import ServiceModelStub, run_module

HUB = {"HubArn": "arn:aws:securityhub:us-east-1:123456789012:hub/default", "SubscribedAt": "2026-11-29T01:02:03.000Z"}
FSBP = "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0"
CIS = "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0"
GUARDDUTY = "arn:aws:securityhub:us-east-1:123456789012:product-subscription/aws/guardduty"
INSPECTOR = "arn:aws:securityhub:us-east-1:123456789012:product-subscription/aws/inspector"
SLACK = "arn:aws:securityhub:us-east-1:123456789012:action/custom/SendToSlack"
TICKET = "arn:aws:securityhub:us-east-1:123456789012:action/custom/Ticket"
AGGREGATOR = "arn:aws:securityhub:us-east-1:123456789012:finding-aggregator/123e4567-e89b-12d3-a456-426652340000"
EVERYTHING = ["standards", "products", "action_targets", "finding_aggregator"]


def subscription_arn(standards_arn):
    return "arn:aws:securityhub:us-east-1:123456789012:subscription/" + standards_arn.split("standards/")[1]


def subscription(standards_arn, status):
    return {
        "StandardsArn": standards_arn,
        "StandardsSubscriptionArn": subscription_arn(standards_arn),
        "StandardsInput": {},
        "StandardsStatus": status,
    }


def not_subscribed(hub, operation):
    hub.expect_error(operation, "InvalidAccessException", "Account 123456789012 is not subscribed to AWS Security Hub")


def test_everything_gathered_is_returned_in_snake_case_and_sorted(capsys):
    with ServiceModelStub("securityhub") as hub:
        hub.expect("describe_hub", {}, HUB)
        subscriptions = [subscription(CIS, "PENDING"), subscription(FSBP, "READY")]
        hub.expect("get_enabled_standards", {}, {"StandardsSubscriptions": subscriptions})
        hub.expect("list_enabled_products_for_import", {}, {"ProductSubscriptions": [INSPECTOR, GUARDDUTY]})
        hub.expect(
            "describe_action_targets",
            {},
            {
                "ActionTargets": [
                    {"ActionTargetArn": TICKET, "Name": "Ticket", "Description": "Open a ticket"},
                    {"ActionTargetArn": SLACK, "Name": "Send to Slack", "Description": "Send the findings to Slack"},
                ]
            },
        )
        hub.expect("list_finding_aggregators", {}, {"FindingAggregators": [{"FindingAggregatorArn": AGGREGATOR}]})
        hub.expect(
            "get_finding_aggregator",
            {"FindingAggregatorArn": AGGREGATOR},
            {
                "FindingAggregatorArn": AGGREGATOR,
                "FindingAggregationRegion": "us-east-1",
                "RegionLinkingMode": "SPECIFIED_REGIONS",
                "Regions": ["us-west-2", "eu-west-1"],
            },
        )
        result = run_module(capsys, securityhub_hub_info, {"region": "us-east-1", "gather": EVERYTHING}, [hub])
    assert (result["changed"], result["enabled"], result["hub"]["hub_arn"]) == (False, True, HUB["HubArn"])
    assert result["standards"] == [
        {"standards_arn": FSBP, "standards_subscription_arn": subscription_arn(FSBP), "standards_status": "READY"},
        {"standards_arn": CIS, "standards_subscription_arn": subscription_arn(CIS), "standards_status": "PENDING"},
    ]
    assert result["products"] == [GUARDDUTY, INSPECTOR]
    assert result["action_targets"] == [
        {
            "action_target_arn": SLACK,
            "id": "SendToSlack",
            "name": "Send to Slack",
            "description": "Send the findings to Slack",
        },
        {"action_target_arn": TICKET, "id": "Ticket", "name": "Ticket", "description": "Open a ticket"},
    ]
    assert result["finding_aggregator"] == {
        "finding_aggregator_arn": AGGREGATOR,
        "finding_aggregation_region": "us-east-1",
        "region_linking_mode": "SPECIFIED_REGIONS",
        "regions": ["eu-west-1", "us-west-2"],
    }


def test_only_what_is_gathered_is_read_and_returned(capsys):
    with ServiceModelStub("securityhub") as hub:
        hub.expect("describe_hub", {}, HUB)
        hub.expect("list_enabled_products_for_import", {}, {"ProductSubscriptions": []})
        hub.expect("list_finding_aggregators", {}, {"FindingAggregators": []})
        args = {"region": "us-east-1", "gather": ["products", "finding_aggregator"]}
        result = run_module(capsys, securityhub_hub_info, args, clients=[hub])
    assert (result["products"], result["finding_aggregator"]) == ([], {})
    assert "standards" not in result and "action_targets" not in result


def test_with_security_hub_off_everything_gathered_is_empty(capsys):
    with ServiceModelStub("securityhub") as hub:
        not_subscribed(hub, "describe_hub")
        not_subscribed(hub, "get_enabled_standards")
        not_subscribed(hub, "list_enabled_products_for_import")
        not_subscribed(hub, "describe_action_targets")
        not_subscribed(hub, "list_finding_aggregators")
        result = run_module(capsys, securityhub_hub_info, {"region": "us-east-1", "gather": EVERYTHING}, [hub])
    assert (result["enabled"], result["hub"]) == (False, {})
    gathered = [result[what] for what in EVERYTHING]
    assert gathered == [[], [], [], {}]


def test_an_error_reading_what_is_gathered_fails_the_task(capsys):
    with ServiceModelStub("securityhub") as hub:
        hub.expect("describe_hub", {}, HUB)
        denied = "User is not authorized to perform: securityhub:GetEnabledStandards"
        hub.expect_error("get_enabled_standards", "AccessDeniedException", denied, http_status=403)
        result = run_module(capsys, securityhub_hub_info, {"region": "us-east-1", "gather": ["standards"]}, [hub])
    assert result["failed"] is True
    assert result["msg"].startswith("Failed to list the enabled Security Hub standards")
