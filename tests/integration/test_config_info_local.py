"""config_recorder_info and config_rule_info against the local endpoint, state made with boto3."""

import datetime

import pytest

from ansible_collections.devsecops.aws.plugins.modules import config_recorder_info, config_rule_info

from tests.support.local_aws import client, module_args
from tests.support.service_model import run_module

ROLE = "arn:aws:iam::123456789012:role/devsecops-aws-config"


@pytest.fixture
def config(fresh_aws):
    return client(fresh_aws, "config")


def put_recorder(config):
    group = {"allSupported": True, "includeGlobalResourceTypes": True}
    recorder = {"name": "default", "roleARN": ROLE, "recordingGroup": group}
    config.put_configuration_recorder(ConfigurationRecorder=recorder)


def put_rule(config, name, identifier="IAM_PASSWORD_POLICY", **settings):
    source = {"Owner": "AWS", "SourceIdentifier": identifier}
    config.put_config_rule(ConfigRule=dict(ConfigRuleName=name, Source=source, **settings))


def is_iso_time(text):
    return isinstance(datetime.datetime.fromisoformat(text), datetime.datetime)


def test_a_region_without_recorders_or_channels_reads_as_empty(fresh_aws, config, capsys):
    result = run_module(capsys, config_recorder_info, module_args(fresh_aws))
    assert (result["changed"], result["recorders"], result["delivery_channels"]) == (False, [], [])


def test_a_recorder_never_started_is_not_recording_and_has_no_last_status(fresh_aws, config, capsys):
    put_recorder(config)
    (recorder,) = run_module(capsys, config_recorder_info, module_args(fresh_aws))["recorders"]
    assert recorder == {
        "name": "default",
        "role_arn": ROLE,
        "recording_group": {
            "all_supported": True,
            "include_global_resource_types": True,
            "resource_types": [],
            "exclusion_by_resource_types": {"resource_types": []},
            "recording_strategy": {"use_only": "ALL_SUPPORTED_RESOURCE_TYPES"},
        },
        "recording": False,
    }


def test_a_started_recorder_and_its_channel_are_read_back(fresh_aws, config, capsys):
    put_recorder(config)
    client(fresh_aws, "s3").create_bucket(Bucket="123456789012-config")
    config.put_delivery_channel(
        DeliveryChannel={
            "name": "default",
            "s3BucketName": "123456789012-config",
            "s3KeyPrefix": "config",
            "configSnapshotDeliveryProperties": {"deliveryFrequency": "TwentyFour_Hours"},
        }
    )
    config.start_configuration_recorder(ConfigurationRecorderName="default")
    result = run_module(capsys, config_recorder_info, module_args(fresh_aws))
    (recorder,) = result["recorders"]
    assert (recorder["name"], recorder["recording"], recorder["role_arn"]) == ("default", True, ROLE)
    assert recorder["last_status"]  # moto answers PENDING, AWS Pending, then Success
    assert is_iso_time(recorder["last_start_time"])
    assert result["delivery_channels"] == [
        {
            "name": "default",
            "s3_bucket_name": "123456789012-config",
            "s3_key_prefix": "config",
            "config_snapshot_delivery_properties": {"delivery_frequency": "TwentyFour_Hours"},
        }
    ]


def test_rules_are_read_by_name_and_an_unknown_name_is_left_out(fresh_aws, config, capsys):
    put_rule(
        config,
        "iam-password-policy",
        InputParameters='{"MinimumPasswordLength":"14"}',
        MaximumExecutionFrequency="TwentyFour_Hours",
    )
    scope = {"ComplianceResourceTypes": ["AWS::S3::Bucket"]}
    put_rule(config, "s3-bucket-versioning", "S3_BUCKET_VERSIONING_ENABLED", Scope=scope)
    names = ["s3-bucket-versioning", "no-such-rule", "iam-password-policy"]
    rules = run_module(capsys, config_rule_info, module_args(fresh_aws, names=names))["rules"]
    described = {rule["ConfigRuleName"]: rule for rule in config.describe_config_rules()["ConfigRules"]}
    assert rules == [
        {
            "config_rule_name": "iam-password-policy",
            "config_rule_arn": described["iam-password-policy"]["ConfigRuleArn"],
            "config_rule_id": described["iam-password-policy"]["ConfigRuleId"],
            "config_rule_state": "ACTIVE",
            "source": {"owner": "AWS", "source_identifier": "IAM_PASSWORD_POLICY"},
            "input_parameters": {"MinimumPasswordLength": "14"},
            "maximum_execution_frequency": "TwentyFour_Hours",
        },
        {
            "config_rule_name": "s3-bucket-versioning",
            "config_rule_arn": described["s3-bucket-versioning"]["ConfigRuleArn"],
            "config_rule_id": described["s3-bucket-versioning"]["ConfigRuleId"],
            "config_rule_state": "ACTIVE",
            "source": {"owner": "AWS", "source_identifier": "S3_BUCKET_VERSIONING_ENABLED"},
            "input_parameters": {},
            "scope": {"compliance_resource_types": ["AWS::S3::Bucket"]},
        },
    ]


def test_unknown_names_in_a_region_without_rules_read_as_none(fresh_aws, capsys):
    result = run_module(capsys, config_rule_info, module_args(fresh_aws, names=["no-such-rule"]))
    assert (result["changed"], result["rules"]) == (False, [])


def test_every_rule_is_read_across_pages_and_filtered_by_prefix(fresh_aws, config, capsys):
    # DescribeConfigRules answers 25 rules a page.
    names = [f"devsecops-{i:02d}" for i in range(27)] + ["other-rule"]
    for name in names:
        put_rule(config, name)
    every = run_module(capsys, config_rule_info, module_args(fresh_aws))["rules"]
    prefixed = run_module(capsys, config_rule_info, module_args(fresh_aws, name_prefix="devsecops-"))["rules"]
    args = module_args(fresh_aws, names=["other-rule", "devsecops-03"], name_prefix="devsecops-")
    both = run_module(capsys, config_rule_info, args)
    assert [rule["config_rule_name"] for rule in every] == sorted(names)
    assert [rule["config_rule_name"] for rule in prefixed] == names[:27]
    assert [rule["config_rule_name"] for rule in both["rules"]] == ["devsecops-03"]
    checked = run_module(capsys, config_rule_info, module_args(fresh_aws, _ansible_check_mode=True))
    assert (checked["changed"], checked["rules"]) == (False, every)
