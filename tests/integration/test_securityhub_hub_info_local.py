"""securityhub_hub_info against the local endpoint: the hub as DescribeHub reports it."""

from ansible_collections.devsecops.aws.plugins.modules import securityhub_hub_info

from tests.support.local_aws import client, module_args
from tests.support.service_model import run_module


def test_a_region_without_security_hub_reads_as_off(fresh_aws, capsys):
    result = run_module(capsys, securityhub_hub_info, module_args(fresh_aws))
    assert (result["changed"], result["enabled"], result["hub"]) == (False, False, {})


def test_an_enabled_hub_is_read_and_nothing_else_without_gather(fresh_aws, capsys):
    hub = client(fresh_aws, "securityhub")
    hub.enable_security_hub(EnableDefaultStandards=False, ControlFindingGenerator="SECURITY_CONTROL")
    result = run_module(capsys, securityhub_hub_info, module_args(fresh_aws))
    assert (result["changed"], result["enabled"]) == (False, True)
    assert result["hub"]["hub_arn"] == "arn:aws:securityhub:us-east-1:123456789012:hub/default"
    assert result["hub"]["control_finding_generator"] == "SECURITY_CONTROL"
    assert not {"standards", "products", "action_targets", "finding_aggregator"} & set(result)
