"""sqs_queue_info against the local endpoint, queues made with boto3."""

import json

import pytest

from ansible_collections.devsecops.aws.plugins.modules import sqs_queue_info

from tests.support.local_aws import client, module_args
from tests.support.service_model import run_module

DLQ_ARN = "arn:aws:sqs:us-east-1:123456789012:devsecops-alerts-dlq"
POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"Service": "events.amazonaws.com"},
            "Action": "sqs:SendMessage",
            "Resource": "arn:aws:sqs:us-east-1:123456789012:devsecops-alerts",
        }
    ],
}
REDRIVE = {"deadLetterTargetArn": DLQ_ARN, "maxReceiveCount": 3}
JSON_VALUED = ("Policy", "RedrivePolicy")


@pytest.fixture
def sqs(fresh_aws):
    return client(fresh_aws, "sqs")


def read(fresh_aws, capsys, name):
    return run_module(capsys, sqs_queue_info, module_args(fresh_aws, name=name))


def test_a_missing_queue_does_not_exist_by_name_or_url(fresh_aws, sqs, capsys):
    url = sqs.create_queue(QueueName="devsecops-alerts")["QueueUrl"]
    sqs.delete_queue(QueueUrl=url)
    for name in ("devsecops-alerts", url):
        result = read(fresh_aws, capsys, name)
        assert (result["changed"], result["exists"], result["queue"]) == (False, False, {})


def test_every_attribute_is_read_and_the_json_ones_parsed(fresh_aws, sqs, capsys):
    sqs.create_queue(QueueName="devsecops-alerts-dlq", Attributes={"MessageRetentionPeriod": "1209600"})
    url = sqs.create_queue(QueueName="devsecops-alerts", tags={"Owner": "security"})["QueueUrl"]
    attributes = {"Policy": json.dumps(POLICY), "RedrivePolicy": json.dumps(REDRIVE), "VisibilityTimeout": "60"}
    sqs.set_queue_attributes(QueueUrl=url, Attributes=attributes)
    raw = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    result = read(fresh_aws, capsys, "devsecops-alerts")
    queue = result["queue"]
    assert (result["exists"], queue["url"], queue["tags"]) == (True, url, {"Owner": "security"})
    assert queue["arn"] == "arn:aws:sqs:us-east-1:123456789012:devsecops-alerts"
    assert (queue["attributes"]["Policy"], queue["attributes"]["RedrivePolicy"]) == (POLICY, REDRIVE)
    assert queue["attributes"]["VisibilityTimeout"] == "60"
    assert set(queue["attributes"]) == set(raw)
    assert {k: v for k, v in queue["attributes"].items() if k not in JSON_VALUED} == {
        k: v for k, v in raw.items() if k not in JSON_VALUED
    }
    assert read(fresh_aws, capsys, url)["queue"] == queue
    checked = run_module(capsys, sqs_queue_info, module_args(fresh_aws, name=url, _ansible_check_mode=True))
    assert (checked["changed"], checked["queue"]) == (False, queue)


def test_a_plain_queue_has_no_policy_and_no_tags(fresh_aws, sqs, capsys):
    sqs.create_queue(QueueName="plain")
    queue = read(fresh_aws, capsys, "plain")["queue"]
    assert queue["tags"] == {}
    assert not {"Policy", "RedrivePolicy"} & set(queue["attributes"])
