"""config_recorder_info with what AWS returns and moto 5.2 does not: recording mode, errors, KMS and SNS."""

import datetime

from ansible_collections.devsecops.aws.plugins.modules import config_recorder_info

from tests.support.service_model import ServiceModelStub, run_module

ROLE = "arn:aws:iam::123456789012:role/devsecops-aws-config"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
TOPIC = "arn:aws:sns:us-east-1:123456789012:config"
STARTED = datetime.datetime(2026, 11, 29, 1, 2, 3, tzinfo=datetime.timezone.utc)


def recorder(name):
    group = {"allSupported": False, "includeGlobalResourceTypes": False, "resourceTypes": ["AWS::S3::Bucket"]}
    return {
        "name": name,
        "roleARN": ROLE,
        "recordingGroup": group,
        "recordingMode": {"recordingFrequency": "DAILY", "recordingModeOverrides": []},
    }


def test_recorders_carry_their_status_and_channels_every_setting(capsys):
    with ServiceModelStub("config") as config:
        status = {
            "name": "default",
            "lastStartTime": STARTED,
            "recording": True,
            "lastStatus": "Failure",
            "lastErrorCode": "AccessDenied",
            "lastErrorMessage": "The role cannot read the resources",
            "lastStatusChangeTime": STARTED,
        }
        config.expect("describe_configuration_recorder_status", {}, {"ConfigurationRecordersStatus": [status]})
        described = {"ConfigurationRecorders": [recorder("secondary"), recorder("default")]}
        config.expect("describe_configuration_recorders", {}, described)
        channel = {
            "name": "default",
            "s3BucketName": "123456789012-config",
            "s3KeyPrefix": "config",
            "s3KmsKeyArn": KEY,
            "snsTopicARN": TOPIC,
            "configSnapshotDeliveryProperties": {"deliveryFrequency": "Six_Hours"},
        }
        config.expect("describe_delivery_channels", {}, {"DeliveryChannels": [channel]})
        result = run_module(capsys, config_recorder_info, {"region": "us-east-1"}, [config])
    group = {"all_supported": False, "include_global_resource_types": False, "resource_types": ["AWS::S3::Bucket"]}
    mode = {"recording_frequency": "DAILY", "recording_mode_overrides": []}
    assert result["recorders"] == [
        {
            "name": "default",
            "role_arn": ROLE,
            "recording_group": group,
            "recording_mode": mode,
            "recording": True,
            "last_status": "Failure",
            "last_error_code": "AccessDenied",
            "last_error_message": "The role cannot read the resources",
            "last_start_time": "2026-11-29T01:02:03+00:00",
            "last_status_change_time": "2026-11-29T01:02:03+00:00",
        },
        {"name": "secondary", "role_arn": ROLE, "recording_group": group, "recording_mode": mode, "recording": False},
    ]
    assert result["delivery_channels"] == [
        {
            "name": "default",
            "s3_bucket_name": "123456789012-config",
            "s3_key_prefix": "config",
            "s3_kms_key_arn": KEY,
            "sns_topic_arn": TOPIC,
            "config_snapshot_delivery_properties": {"delivery_frequency": "Six_Hours"},
        }
    ]


def test_an_error_fails_the_task_with_what_was_being_read(capsys):
    with ServiceModelStub("config") as config:
        config.expect("describe_configuration_recorder_status", {}, {"ConfigurationRecordersStatus": []})
        denied = "User is not authorized to perform: config:DescribeConfigurationRecorders"
        config.expect_error("describe_configuration_recorders", "AccessDeniedException", denied, http_status=403)
        result = run_module(capsys, config_recorder_info, {"region": "us-east-1"}, [config])
    assert result["failed"] is True
    assert result["msg"].startswith("Failed to list the configuration recorders")
