"""sqs_queue_info through the SQS service model: RedriveAllowPolicy (moto 5.2 does not keep it) and errors."""

import json

from ansible_collections.devsecops.aws.plugins.modules import sqs_queue_info

from tests.support.service_model import ServiceModelStub, run_module

URL = "https://sqs.us-east-1.amazonaws.com/123456789012/devsecops-alerts-dlq"
ARN = "arn:aws:sqs:us-east-1:123456789012:devsecops-alerts-dlq"
ALL = {"QueueUrl": URL, "AttributeNames": ["All"]}


def test_the_redrive_allow_policy_of_a_dead_letter_queue_is_parsed(capsys):
    allowed = {"redrivePermission": "byQueue", "sourceQueueArns": [ARN.replace("-dlq", "")]}
    attributes = {"QueueArn": ARN, "RedriveAllowPolicy": json.dumps(allowed, separators=(",", ":"))}
    with ServiceModelStub("sqs") as sqs:
        sqs.expect("get_queue_url", {"QueueName": "devsecops-alerts-dlq"}, {"QueueUrl": URL})
        sqs.expect("get_queue_attributes", ALL, {"Attributes": attributes})
        sqs.expect("list_queue_tags", {"QueueUrl": URL}, {})
        result = run_module(capsys, sqs_queue_info, {"region": "us-east-1", "name": "devsecops-alerts-dlq"}, [sqs])
    assert result["queue"] == {
        "url": URL,
        "arn": ARN,
        "attributes": {"QueueArn": ARN, "RedriveAllowPolicy": allowed},
        "tags": {},
    }


def test_the_modelled_queue_does_not_exist_code_also_means_missing(capsys):
    with ServiceModelStub("sqs") as sqs:
        missing = "The specified queue does not exist."
        sqs.expect_error("get_queue_url", "QueueDoesNotExist", missing, {"QueueName": "gone"})
        result = run_module(capsys, sqs_queue_info, {"region": "us-east-1", "name": "gone"}, [sqs])
    assert (result["exists"], result["queue"]) == (False, {})


def test_access_denied_fails_the_task(capsys):
    with ServiceModelStub("sqs") as sqs:
        sqs.expect_error("get_queue_attributes", "AccessDenied", "not authorized", ALL, http_status=403)
        result = run_module(capsys, sqs_queue_info, {"region": "us-east-1", "name": URL}, [sqs])
    assert result["failed"] is True
    assert result["msg"].startswith("Failed to read the queue's attributes")
