"""securityhub_action_target through the Security Hub service model (moto lacks custom actions)."""

from ansible_collections.devsecops.aws.plugins.modules import securityhub_action_target

from tests.support.service_model import ServiceModelStub, run_module

ARN = "arn:aws:securityhub:us-east-1:123456789012:action/custom/SendToSlack"
ARGS = {
    "region": "us-east-1",
    "id": "SendToSlack",
    "name": "Send to Slack",
    "description": "Send the findings to Slack",
}
OTHER = {
    "ActionTargetArn": "arn:aws:securityhub:us-east-1:123456789012:action/custom/Ticket",
    "Name": "Ticket",
    "Description": "Open a ticket",
}


def targets(*found):
    return {"ActionTargets": list(found)}


def send_to_slack(description="Send the findings to Slack"):
    return {"ActionTargetArn": ARN, "Name": "Send to Slack", "Description": description}


def test_a_missing_action_is_created(capsys):
    with ServiceModelStub("securityhub") as hub:
        hub.expect("describe_action_targets", {}, targets(OTHER))
        hub.expect(
            "create_action_target",
            {"Id": "SendToSlack", "Name": "Send to Slack", "Description": "Send the findings to Slack"},
            {"ActionTargetArn": ARN},
        )
        result = run_module(capsys, securityhub_action_target, ARGS, clients=[hub])
    assert result["changed"] is True
    assert result["action_target"] == {
        "action_target_arn": ARN,
        "name": "Send to Slack",
        "description": "Send the findings to Slack",
    }


def test_an_unchanged_action_is_only_read(capsys):
    with ServiceModelStub("securityhub") as hub:
        hub.expect("describe_action_targets", {}, targets(OTHER, send_to_slack()))
        result = run_module(capsys, securityhub_action_target, ARGS, clients=[hub])
    assert result["changed"] is False
    assert result["action_target"]["action_target_arn"] == ARN


def test_a_changed_description_is_updated_in_place(capsys):
    with ServiceModelStub("securityhub") as hub:
        hub.expect("describe_action_targets", {}, targets(send_to_slack("old text")))
        hub.expect(
            "update_action_target",
            {"ActionTargetArn": ARN, "Name": "Send to Slack", "Description": "Send the findings to Slack"},
            {},
        )
        result = run_module(capsys, securityhub_action_target, dict(ARGS, _ansible_diff=True), clients=[hub])
    assert result["changed"] is True
    assert result["diff"]["before"]["description"] == "old text"
    assert result["diff"]["after"]["description"] == "Send the findings to Slack"


def test_check_mode_predicts_the_action_and_only_reads(capsys):
    with ServiceModelStub("securityhub") as hub:
        hub.expect("describe_action_targets", {}, targets())
        result = run_module(capsys, securityhub_action_target, dict(ARGS, _ansible_check_mode=True), clients=[hub])
    assert result["changed"] is True
    assert result["action_target"] == {"name": "Send to Slack", "description": "Send the findings to Slack"}


def test_absent_deletes_the_action_and_then_has_nothing_to_do(capsys):
    args = {"region": "us-east-1", "id": "SendToSlack", "state": "absent"}
    with ServiceModelStub("securityhub") as hub:
        hub.expect("describe_action_targets", {}, targets(send_to_slack()))
        hub.expect("delete_action_target", {"ActionTargetArn": ARN}, {"ActionTargetArn": ARN})
        removed = run_module(capsys, securityhub_action_target, args, clients=[hub])
    with ServiceModelStub("securityhub") as hub:
        hub.expect_error(
            "describe_action_targets", "InvalidAccessException", "Account is not subscribed to AWS Security Hub", {}
        )
        removed_again = run_module(capsys, securityhub_action_target, args, clients=[hub])
    assert removed["changed"] is True and removed["action_target"] == {}
    assert removed_again["changed"] is False


def test_present_needs_a_name_and_description(capsys):
    result = run_module(capsys, securityhub_action_target, {"region": "us-east-1", "id": "SendToSlack"}, clients=[])
    assert result["failed"] is True
    assert "name" in result["msg"] and "description" in result["msg"]
