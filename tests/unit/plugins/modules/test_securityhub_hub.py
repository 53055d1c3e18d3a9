"""securityhub_hub's settings through the Security Hub service model (moto lacks UpdateSecurityHubConfiguration).

Enabling, reading and disabling the hub are also checked against the local endpoint
(tests/integration/test_role_securityhub.py).
"""

from ansible_collections.devsecops.aws.plugins.modules import securityhub_hub

from tests.support.service_model import ServiceModelStub, run_module

HUB = {
    "HubArn": "arn:aws:securityhub:us-east-1:123456789012:hub/default",
    "SubscribedAt": "2026-11-29T01:02:03.000Z",
    "AutoEnableControls": True,
    "ControlFindingGenerator": "STANDARD_CONTROL",
}
NOT_SUBSCRIBED = ("InvalidAccessException", "Account is not subscribed to AWS Security Hub")


def test_enabling_asks_for_no_default_standards_and_consolidated_findings(capsys):
    with ServiceModelStub("securityhub") as hub:
        hub.expect_error("describe_hub", *NOT_SUBSCRIBED, params={})
        hub.expect(
            "enable_security_hub", {"EnableDefaultStandards": False, "ControlFindingGenerator": "SECURITY_CONTROL"}, {}
        )
        hub.expect("describe_hub", {}, dict(HUB, ControlFindingGenerator="SECURITY_CONTROL"))
        result = run_module(capsys, securityhub_hub, {"region": "us-east-1"}, clients=[hub])
    assert result["changed"] is True
    assert result["hub"]["hub_arn"] == HUB["HubArn"]


def test_settings_that_differ_are_updated_alone(capsys):
    with ServiceModelStub("securityhub") as hub:
        hub.expect("describe_hub", {}, HUB)
        hub.expect("update_security_hub_configuration", {"ControlFindingGenerator": "SECURITY_CONTROL"}, {})
        hub.expect("describe_hub", {}, dict(HUB, ControlFindingGenerator="SECURITY_CONTROL"))
        result = run_module(capsys, securityhub_hub, {"region": "us-east-1", "_ansible_diff": True}, clients=[hub])
    assert result["changed"] is True
    assert result["diff"]["before"]["control_finding_generator"] == "STANDARD_CONTROL"
    assert result["diff"]["after"]["control_finding_generator"] == "SECURITY_CONTROL"


def test_check_mode_predicts_the_settings_and_only_reads(capsys):
    with ServiceModelStub("securityhub") as hub:
        hub.expect("describe_hub", {}, HUB)
        result = run_module(
            capsys,
            securityhub_hub,
            {"region": "us-east-1", "auto_enable_controls": False, "_ansible_check_mode": True},
            clients=[hub],
        )
    assert result["changed"] is True
    assert result["hub"]["auto_enable_controls"] is False
    assert result["hub"]["control_finding_generator"] == "SECURITY_CONTROL"


def test_matching_settings_are_only_read(capsys):
    with ServiceModelStub("securityhub") as hub:
        hub.expect("describe_hub", {}, HUB)
        result = run_module(
            capsys,
            securityhub_hub,
            {"region": "us-east-1", "control_finding_generator": "STANDARD_CONTROL"},
            clients=[hub],
        )
    assert result["changed"] is False
