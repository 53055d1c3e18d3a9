"""The AWS module base: throttling is retried, errors read clearly, clients follow the options."""

import pytest

from ansible_collections.amazon.aws.plugins.module_utils.retries import RetryingBotoClientWrapper
from ansible_collections.devsecops.aws.plugins.module_utils import _aws

from tests.support.service_model import ServiceModelStub


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch):
    slept = []
    monkeypatch.setattr("time.sleep", slept.append)
    return slept


@pytest.mark.parametrize(
    "code,status",
    [
        ("TooManyRequestsException", 429),  # Security Hub
        ("ThrottlingException", 400),  # Inspector2, GuardDuty
        ("Throttling", 400),
        ("SlowDown", 503),  # S3
    ],
)
def test_throttled_call_is_retried_until_it_succeeds(code, status, no_sleep):
    with ServiceModelStub("securityhub") as hub:
        hub.expect_error("describe_hub", code, "Rate exceeded", http_status=status)
        hub.expect_error("describe_hub", code, "Rate exceeded", http_status=status)
        hub.expect("describe_hub", {}, {"HubArn": "arn:aws:securityhub:us-east-1:123456789012:hub/default"})
        client = RetryingBotoClientWrapper(hub.client, _aws.jittered_retry())
        assert client.describe_hub(aws_retry=True)["HubArn"].endswith("hub/default")
    assert len(no_sleep) == 2


def test_backoff_is_jittered_and_bounded(no_sleep):
    with ServiceModelStub("securityhub") as hub:
        for _attempt in range(6):
            hub.expect_error("describe_hub", "TooManyRequestsException", http_status=429)
        hub.expect("describe_hub", {}, {})
        RetryingBotoClientWrapper(hub.client, _aws.jittered_retry(delay=1, max_delay=4)).describe_hub(aws_retry=True)
    assert len(no_sleep) == 6
    assert all(0 <= delay <= 4 for delay in no_sleep)
    assert len(set(no_sleep)) > 1  # jitter: not the same delay every time


def test_throttling_gives_up_after_the_retry_budget(no_sleep):
    with ServiceModelStub("securityhub") as hub:
        for _attempt in range(3):
            hub.expect_error("describe_hub", "TooManyRequestsException", http_status=429)
        client = RetryingBotoClientWrapper(hub.client, _aws.jittered_retry(retries=3))
        with pytest.raises(Exception, match="TooManyRequestsException"):
            client.describe_hub(aws_retry=True)


def test_a_non_transient_error_is_not_retried(no_sleep):
    with ServiceModelStub("securityhub") as hub:
        hub.expect_error("describe_hub", "InvalidAccessException", "Account is not subscribed")
        client = RetryingBotoClientWrapper(hub.client, _aws.jittered_retry())
        with pytest.raises(Exception, match="InvalidAccessException"):
            client.describe_hub(aws_retry=True)
    assert no_sleep == []


def test_error_handler_names_the_action_and_keeps_the_aws_error():
    @_aws.DevSecOpsErrorHandler.common_error_handler("describe the hub")
    def describe(client):
        return client.describe_hub()

    with ServiceModelStub("securityhub") as hub:
        hub.expect_error("describe_hub", "InvalidAccessException", "Account is not subscribed")
        with pytest.raises(_aws.DevSecOpsError) as raised:
            describe(hub.client)
    assert raised.value.message == "Failed to describe the hub"
    assert raised.value.exception.response["Error"]["Code"] == "InvalidAccessException"


def test_a_throttled_page_is_retried_without_reading_the_listing_again(no_sleep):
    first = {"ActionTargetArn": "arn:aws:securityhub:us-east-1:123456789012:action/custom/A", "Name": "A", "Description": "a"}
    second = {"ActionTargetArn": "arn:aws:securityhub:us-east-1:123456789012:action/custom/B", "Name": "B", "Description": "b"}
    with ServiceModelStub("securityhub") as hub:
        hub.expect("describe_action_targets", {}, {"ActionTargets": [first], "NextToken": "page-2"})
        hub.expect_error("describe_action_targets", "TooManyRequestsException", params={"NextToken": "page-2"}, http_status=429)
        hub.expect("describe_action_targets", {"NextToken": "page-2"}, {"ActionTargets": [second]})
        client = RetryingBotoClientWrapper(hub.client, _aws.jittered_retry())
        assert _aws.paginate(client, "describe_action_targets") == {"ActionTargets": [first, second]}
    assert len(no_sleep) == 1


def test_pagination_passes_the_request_parameters_and_keeps_the_non_aggregated_keys(no_sleep):
    rule = {"ConfigRuleName": "s3-versioning", "ComplianceType": "COMPLIANT"}
    with ServiceModelStub("config") as config:
        config.expect(
            "describe_conformance_pack_compliance",
            {"ConformancePackName": "pack"},
            {"ConformancePackName": "pack", "ConformancePackRuleComplianceList": [rule], "NextToken": "t"},
        )
        config.expect(
            "describe_conformance_pack_compliance",
            {"ConformancePackName": "pack", "NextToken": "t"},
            {"ConformancePackName": "pack", "ConformancePackRuleComplianceList": []},
        )
        client = RetryingBotoClientWrapper(config.client, _aws.jittered_retry())
        merged = _aws.paginate(client, "describe_conformance_pack_compliance", ConformancePackName="pack")
    assert merged == {"ConformancePackName": "pack", "ConformancePackRuleComplianceList": [rule]}
    assert no_sleep == []
