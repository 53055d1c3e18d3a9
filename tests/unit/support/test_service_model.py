"""The Stubber helper really checks requests against the AWS service model."""

import botocore.exceptions
import pytest
from botocore.stub import StubAssertionError

from tests.support.service_model import ServiceModelStub


def active_stub(service):
    stub = ServiceModelStub(service)
    stub.stubber.activate()
    return stub


def test_a_request_that_breaks_the_service_model_is_refused():
    hub = active_stub("securityhub").expect("batch_enable_standards")
    with pytest.raises(botocore.exceptions.ParamValidationError, match="StandardsArn"):
        hub.client.batch_enable_standards(StandardsSubscriptionRequests=[{"StandardsInput": {}}])


def test_a_call_with_other_parameters_than_expected_fails():
    arn = "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0"
    hub = active_stub("securityhub")
    hub.expect("batch_enable_standards", {"StandardsSubscriptionRequests": [{"StandardsArn": arn}]})
    with pytest.raises(StubAssertionError):
        hub.client.batch_enable_standards(StandardsSubscriptionRequests=[{"StandardsArn": arn + "x"}])


def test_an_expected_call_that_never_came_fails_the_test():
    with pytest.raises(AssertionError, match="responses remaining"):
        with ServiceModelStub("guardduty") as guardduty:
            guardduty.expect("list_detectors", {}, {"DetectorIds": []})
