"""The securityhub role against the local endpoint: check mode, converge, idempotence, absent.

moto serves the hub only: standards, product imports and custom actions are switched off here
(MOTO_LACKS) and their calls checked against the service model in tests/unit/plugins/modules.
"""


import botocore.exceptions
import pytest

from tests.integration.moto_gaps import run_role, xfail_if_moto_lacks
from tests.support.local_aws import client

pytestmark = pytest.mark.slow

# moto lacks the standards, product import and custom action APIs.
MOTO_LACKS = {"securityhub_standards": [], "securityhub_products": [], "securityhub_action_targets": []}
STANDARDS_GAP = "moto 5.2.5 lacks the standards API; test_securityhub_standards.py checks it against the service model"
PRODUCTS_GAP = "moto 5.2.5 lacks the product import API; test_securityhub_product_integration.py checks it against the service model"
ACTION_TARGETS_GAP = (
    "moto 5.2.5 lacks the custom action API; test_securityhub_action_target.py checks it against the service model"
)


def hub(endpoint):
    try:
        return client(endpoint, "securityhub").describe_hub()
    except botocore.exceptions.ClientError as e:
        assert e.response["Error"]["Code"] == "InvalidAccessException", e
        return None


def run(endpoint, *args, switched_on=(), **extra_vars):
    return run_role(endpoint, "securityhub", MOTO_LACKS, *args, switched_on=switched_on, **extra_vars)


def test_check_mode_on_a_fresh_endpoint_reports_changes_and_makes_none(fresh_aws):
    result = run(fresh_aws, "--check")
    assert result.rc == 0, result
    assert result.changed == 1, result
    assert hub(fresh_aws) is None


def test_converge_is_idempotent_and_absent_undoes_it(fresh_aws):
    first = run(fresh_aws)
    assert first.rc == 0, first
    assert first.changed == 1, first
    enabled = hub(fresh_aws)
    assert enabled["HubArn"] == "arn:aws:securityhub:us-east-1:123456789012:hub/default"
    assert enabled["ControlFindingGenerator"] == "SECURITY_CONTROL"
    assert enabled["AutoEnableControls"] is True

    again = run(fresh_aws)
    assert again.rc == 0, again
    assert again.changed == 0, again

    removed = run(fresh_aws, securityhub_state="absent")
    assert removed.rc == 0, removed
    assert removed.changed == 1, removed
    assert hub(fresh_aws) is None

    removed_again = run(fresh_aws, securityhub_state="absent")
    assert removed_again.rc == 0, removed_again
    assert removed_again.changed == 0, removed_again


# With a feature on, the role's real calls reach moto, which cannot serve them.
def test_default_standards_are_subscribed(fresh_aws):
    result = run(fresh_aws, switched_on=["securityhub_standards"])
    xfail_if_moto_lacks(result, "GetEnabledStandards", STANDARDS_GAP)
    assert result.rc == 0, result
    subscriptions = client(fresh_aws, "securityhub").get_enabled_standards()["StandardsSubscriptions"]
    assert {s["StandardsArn"].split("standards/")[1] for s in subscriptions} == {
        "aws-foundational-security-best-practices/v/1.0.0",
        "cis-aws-foundations-benchmark/v/3.0.0",
    }


def test_integrations_and_our_own_product_are_accepted(fresh_aws):
    result = run(fresh_aws, switched_on=["securityhub_products"])
    xfail_if_moto_lacks(result, "ListEnabledProductsForImport", PRODUCTS_GAP)
    assert result.rc == 0, result
    subscriptions = client(fresh_aws, "securityhub").list_enabled_products_for_import()["ProductSubscriptions"]
    assert {arn.split("product-subscription/")[1] for arn in subscriptions} >= {
        "aws/guardduty",
        "aws/inspector",
        "aws/config",
        "123456789012/default",
    }


def test_send_to_slack_action_is_created(fresh_aws):
    result = run(fresh_aws, switched_on=["securityhub_action_targets"])
    xfail_if_moto_lacks(result, "DescribeActionTargets", ACTION_TARGETS_GAP)
    assert result.rc == 0, result
    targets = client(fresh_aws, "securityhub").describe_action_targets()["ActionTargets"]
    assert [t["ActionTargetArn"] for t in targets] == [
        "arn:aws:securityhub:us-east-1:123456789012:action/custom/SendToSlack"
    ]
