"""devsecops.aws.sns_topic_attributes against the local endpoint, state read back through boto3.

moto 5.2.5 keeps KmsMasterKeyId; it accepts TracingConfig but never reports it, so tracing is checked
against the service model in tests/unit/plugins/modules/test_sns_topic_attributes.py.
"""

import pytest

from ansible_collections.devsecops.aws.plugins.modules import sns_topic_attributes

from tests.support.local_aws import client, module_connection
from tests.support.service_model import run_module

KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"


@pytest.fixture
def run(fresh_aws, capsys):
    return lambda **args: run_module(capsys, sns_topic_attributes, dict(module_connection(fresh_aws), **args))


@pytest.fixture
def sns(fresh_aws):
    return client(fresh_aws, "sns")


@pytest.fixture
def topic(sns):
    return sns.create_topic(Name="devsecops-security-alerts-alarms")["TopicArn"]


def key_of(sns, topic):
    return sns.get_topic_attributes(TopicArn=topic)["Attributes"].get("KmsMasterKeyId")


def test_check_mode_sets_nothing(run, sns, topic):
    result = run(topic_arn=topic, kms_master_key_id=KEY, _ansible_check_mode=True)
    assert (result["changed"], result["attributes"]["kms_master_key_id"]) == (True, KEY)
    assert key_of(sns, topic) is None


def test_the_key_is_set_once_changed_and_removed(run, sns, topic):
    assert run(topic_arn=topic, kms_master_key_id=KEY)["changed"] is True
    assert key_of(sns, topic) == KEY
    assert run(topic_arn=topic, kms_master_key_id=KEY)["changed"] is False
    other = KEY.replace("1234abcd", "5678abcd")
    result = run(topic_arn=topic, kms_master_key_id=other, _ansible_diff=True)
    assert (result["changed"], result["diff"]["before"]["kms_master_key_id"]) == (True, KEY)
    assert key_of(sns, topic) == other
    assert run(topic_arn=topic, kms_master_key_id="")["changed"] is True
    assert key_of(sns, topic) is None


def test_attributes_not_given_are_left_alone(run, sns, topic):
    run(topic_arn=topic, kms_master_key_id=KEY)
    assert run(topic_arn=topic)["changed"] is False
    assert key_of(sns, topic) == KEY


def test_a_missing_topic_fails_clearly(run, topic):
    result = run(topic_arn=topic.replace("alarms", "gone"), kms_master_key_id=KEY)
    assert result["failed"] is True and "does not exist" in result["msg"]
