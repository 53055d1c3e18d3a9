"""config_managed_rule's requests through the AWS Config service model.

AWS answers an unknown rule name with NoSuchConfigRuleException (moto 5.2 with an empty list; the role
test against the local endpoint covers that answer), so the missing-rule path is checked here.
"""

from ansible_collections.devsecops.aws.plugins.modules import config_managed_rule

from tests.support.service_model import ServiceModelStub, run_module

NAME = "iam-password-policy"
ARGS = {
    "region": "us-east-1",
    "name": NAME,
    "identifier": "IAM_PASSWORD_POLICY",
    "maximum_execution_frequency": "TwentyFour_Hours",
    "input_parameters": {"MinimumPasswordLength": 14, "RequireSymbols": True},
}
REQUEST = {
    "ConfigRuleName": NAME,
    "Source": {"Owner": "AWS", "SourceIdentifier": "IAM_PASSWORD_POLICY"},
    "Description": "",
    "InputParameters": '{"MinimumPasswordLength": "14", "RequireSymbols": "true"}',
    "MaximumExecutionFrequency": "TwentyFour_Hours",
}


def described(input_parameters='{"MinimumPasswordLength":"14","RequireSymbols":"true"}'):
    """DescribeConfigRules as AWS answers it, with the fields the service adds."""
    return {
        "ConfigRules": [
            {
                "ConfigRuleName": NAME,
                "ConfigRuleArn": "arn:aws:config:us-east-1:123456789012:config-rule/config-rule-abc123",
                "ConfigRuleId": "config-rule-abc123",
                "Source": {"Owner": "AWS", "SourceIdentifier": "IAM_PASSWORD_POLICY"},
                "InputParameters": input_parameters,
                "MaximumExecutionFrequency": "TwentyFour_Hours",
                "ConfigRuleState": "ACTIVE",
            }
        ]
    }


def expect_missing(config):
    config.expect_error("describe_config_rules", "NoSuchConfigRuleException", params={"ConfigRuleNames": [NAME]})


def test_a_missing_rule_is_created(capsys):
    with ServiceModelStub("config") as config:
        expect_missing(config)
        config.expect("put_config_rule", {"ConfigRule": REQUEST}, {})
        result = run_module(capsys, config_managed_rule, ARGS, clients=[config])
    assert result["changed"] is True
    assert result["rule"]["input_parameters"] == {"MinimumPasswordLength": "14", "RequireSymbols": "true"}


def test_an_unchanged_rule_is_only_read(capsys):
    with ServiceModelStub("config") as config:
        config.expect("describe_config_rules", {"ConfigRuleNames": [NAME]}, described())
        result = run_module(capsys, config_managed_rule, ARGS, clients=[config])
    assert result["changed"] is False


def test_changed_parameters_update_the_rule(capsys):
    with ServiceModelStub("config") as config:
        config.expect("describe_config_rules", {"ConfigRuleNames": [NAME]}, described('{"MinimumPasswordLength":"8"}'))
        config.expect("put_config_rule", {"ConfigRule": REQUEST}, {})
        result = run_module(capsys, config_managed_rule, dict(ARGS, _ansible_diff=True), clients=[config])
    assert result["changed"] is True
    assert result["diff"]["before"]["input_parameters"] == {"MinimumPasswordLength": "8"}


def test_check_mode_writes_nothing(capsys):
    with ServiceModelStub("config") as config:
        expect_missing(config)
        result = run_module(capsys, config_managed_rule, dict(ARGS, _ansible_check_mode=True), clients=[config])
    assert result["changed"] is True


def test_absent_deletes_the_rule_and_then_changes_nothing(capsys):
    args = {"region": "us-east-1", "name": NAME, "state": "absent"}
    with ServiceModelStub("config") as config:
        config.expect("describe_config_rules", {"ConfigRuleNames": [NAME]}, described())
        config.expect("delete_config_rule", {"ConfigRuleName": NAME}, {})
        deleted = run_module(capsys, config_managed_rule, args, clients=[config])
    with ServiceModelStub("config") as config:
        expect_missing(config)
        again = run_module(capsys, config_managed_rule, args, clients=[config])
    assert (deleted["changed"], again["changed"]) == (True, False)
