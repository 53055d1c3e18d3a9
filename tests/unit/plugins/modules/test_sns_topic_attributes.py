"""sns_topic_attributes through the SNS service model: TracingConfig, which moto 5.2.5 accepts but never reports."""

from ansible_collections.devsecops.aws.plugins.modules import sns_topic_attributes

from tests.support.service_model import ServiceModelStub, run_module

TOPIC = "arn:aws:sns:us-east-1:123456789012:devsecops-security-alerts-alarms"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


def test_tracing_is_set_only_when_it_differs(capsys):
    with ServiceModelStub("sns") as sns:
        sns.expect("get_topic_attributes", {"TopicArn": TOPIC}, {"Attributes": {"TopicArn": TOPIC, "TracingConfig": "PassThrough"}})
        sns.expect("set_topic_attributes", {"TopicArn": TOPIC, "AttributeName": "TracingConfig", "AttributeValue": "Active"})
        result = run_module(capsys, sns_topic_attributes, {"region": "us-east-1", "topic_arn": TOPIC, "tracing_config": "Active"}, [sns])
    assert (result["changed"], result["attributes"]) == (True, {"kms_master_key_id": None, "tracing_config": "Active"})

    with ServiceModelStub("sns") as sns:
        attributes = {"TopicArn": TOPIC, "TracingConfig": "Active", "KmsMasterKeyId": KEY}
        sns.expect("get_topic_attributes", {"TopicArn": TOPIC}, {"Attributes": attributes})
        args = {"region": "us-east-1", "topic_arn": TOPIC, "tracing_config": "Active", "kms_master_key_id": KEY}
        result = run_module(capsys, sns_topic_attributes, args, [sns])
    assert result["changed"] is False


def test_access_denied_fails_the_task(capsys):
    with ServiceModelStub("sns") as sns:
        sns.expect_error("get_topic_attributes", "AuthorizationError", "not authorized", {"TopicArn": TOPIC}, http_status=403)
        result = run_module(capsys, sns_topic_attributes, {"region": "us-east-1", "topic_arn": TOPIC, "kms_master_key_id": KEY}, [sns])
    assert result["failed"] is True
    assert result["msg"].startswith("Failed to read the topic's attributes")
