"""config_recorder_status's requests through the AWS Config service model (the role test runs it on moto)."""

from ansible_collections.devsecops.aws.plugins.modules import config_recorder_status

from tests.support.service_model import ServiceModelStub, run_module

ARGS = {"region": "us-east-1", "name": "default"}


def status(recording):
    return {"ConfigurationRecordersStatus": [{"name": "default", "recording": recording, "lastStatus": "SUCCESS"}]}


def expect_status(config, recording):
    config.expect(
        "describe_configuration_recorder_status", {"ConfigurationRecorderNames": ["default"]}, status(recording)
    )


def test_a_stopped_recorder_is_started(capsys):
    with ServiceModelStub("config") as config:
        expect_status(config, False)
        config.expect("start_configuration_recorder", {"ConfigurationRecorderName": "default"}, {})
        result = run_module(capsys, config_recorder_status, dict(ARGS, _ansible_diff=True), clients=[config])
    assert result["changed"] is True
    assert result["diff"] == {"before": {"recording": False}, "after": {"recording": True}}


def test_a_recording_recorder_is_left_alone(capsys):
    with ServiceModelStub("config") as config:
        expect_status(config, True)
        result = run_module(capsys, config_recorder_status, ARGS, clients=[config])
    assert result["changed"] is False


def test_recording_false_stops_it(capsys):
    with ServiceModelStub("config") as config:
        expect_status(config, True)
        config.expect("stop_configuration_recorder", {"ConfigurationRecorderName": "default"}, {})
        result = run_module(capsys, config_recorder_status, dict(ARGS, recording=False), clients=[config])
    assert (result["changed"], result["recording"]) == (True, False)


def test_check_mode_predicts_the_start_of_a_recorder_not_made_yet(capsys):
    with ServiceModelStub("config") as config:
        config.expect_error("describe_configuration_recorder_status", "NoSuchConfigurationRecorderException")
        result = run_module(capsys, config_recorder_status, dict(ARGS, _ansible_check_mode=True), clients=[config])
    assert (result["changed"], result["recording"]) == (True, True)


def test_starting_a_missing_recorder_says_to_create_it(capsys):
    with ServiceModelStub("config") as config:
        config.expect_error("describe_configuration_recorder_status", "NoSuchConfigurationRecorderException")
        result = run_module(capsys, config_recorder_status, ARGS, clients=[config])
    assert result["failed"] is True
    assert "create it first" in result["msg"]
