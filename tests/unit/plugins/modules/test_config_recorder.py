"""config_recorder's requests through the AWS Config service model (the role test runs it on moto)."""

from ansible_collections.devsecops.aws.plugins.modules import config_recorder

from tests.support.service_model import ServiceModelStub, run_module

ROLE = "arn:aws:iam::123456789012:role/devsecops-aws-config"
ARGS = {"region": "us-east-1", "role_arn": ROLE, "include_global_resource_types": True}
RECORDER = {
    "name": "default",
    "roleARN": ROLE,
    "recordingGroup": {"allSupported": True, "includeGlobalResourceTypes": True},
}


def described(include_global=True):
    """DescribeConfigurationRecorders as AWS answers it, with fields this module does not manage."""
    group = {
        "allSupported": True,
        "includeGlobalResourceTypes": include_global,
        "resourceTypes": [],
        "exclusionByResourceTypes": {"resourceTypes": []},
        "recordingStrategy": {"useOnly": "ALL_SUPPORTED_RESOURCE_TYPES"},
    }
    recorder = {
        "name": "default",
        "roleARN": ROLE,
        "recordingGroup": group,
        "recordingMode": {"recordingFrequency": "CONTINUOUS"},
    }
    return {"ConfigurationRecorders": [recorder]}


def test_a_missing_recorder_is_created_for_all_supported_resources(capsys):
    with ServiceModelStub("config") as config:
        config.expect_error("describe_configuration_recorders", "NoSuchConfigurationRecorderException")
        config.expect("put_configuration_recorder", {"ConfigurationRecorder": RECORDER}, {})
        result = run_module(capsys, config_recorder, ARGS, clients=[config])
    assert result["changed"] is True


def test_fields_aws_adds_are_no_change(capsys):
    with ServiceModelStub("config") as config:
        config.expect("describe_configuration_recorders", {"ConfigurationRecorderNames": ["default"]}, described())
        result = run_module(capsys, config_recorder, ARGS, clients=[config])
    assert result["changed"] is False


def test_global_resources_turned_on_update_the_recorder(capsys):
    with ServiceModelStub("config") as config:
        config.expect("describe_configuration_recorders", {"ConfigurationRecorderNames": ["default"]}, described(False))
        config.expect("put_configuration_recorder", {"ConfigurationRecorder": RECORDER}, {})
        result = run_module(capsys, config_recorder, dict(ARGS, _ansible_diff=True), clients=[config])
    assert result["diff"]["before"]["include_global_resource_types"] is False
    assert result["diff"]["after"]["include_global_resource_types"] is True


def test_check_mode_writes_nothing(capsys):
    with ServiceModelStub("config") as config:
        config.expect_error("describe_configuration_recorders", "NoSuchConfigurationRecorderException")
        result = run_module(capsys, config_recorder, dict(ARGS, _ansible_check_mode=True), clients=[config])
    assert result["changed"] is True


def test_absent_deletes_the_recorder(capsys):
    with ServiceModelStub("config") as config:
        config.expect("describe_configuration_recorders", {"ConfigurationRecorderNames": ["default"]}, described())
        config.expect("delete_configuration_recorder", {"ConfigurationRecorderName": "default"}, {})
        result = run_module(capsys, config_recorder, {"region": "us-east-1", "state": "absent"}, clients=[config])
    assert (result["changed"], result["recorder"]) == (True, {})
