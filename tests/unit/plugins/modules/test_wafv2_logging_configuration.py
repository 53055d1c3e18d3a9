"""wafv2_logging_configuration and its _info against the local endpoint, and its requests against the WAFv2
service model (moto keeps whatever LoggingConfiguration it is sent, so only the model checks their shape)."""

import pytest

from ansible_collections.devsecops.aws.plugins.modules import wafv2_logging_configuration, wafv2_logging_configuration_info

from tests.support.local_aws import client, module_args
from tests.support.service_model import ServiceModelStub, run_module

STREAM = "arn:aws:firehose:us-east-1:123456789012:deliverystream/aws-waf-logs-devsecops-siem"
ACL = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/devsecops/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"
REDACTED = [{"type": "single_header", "name": "Authorization"}, {"type": "single_header", "name": "cookie"}]
ONLY_BLOCKED = {"default_behavior": "DROP", "filters": [{"conditions": [{"action": "BLOCK"}]}]}
API_REDACTED = [{"SingleHeader": {"Name": "authorization"}}, {"SingleHeader": {"Name": "cookie"}}]
API_ONLY_BLOCKED = {
    "DefaultBehavior": "DROP",
    "Filters": [{"Behavior": "KEEP", "Requirement": "MEETS_ANY", "Conditions": [{"ActionCondition": {"Action": "BLOCK"}}]}],
}


def web_acl(endpoint):
    visibility = {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True, "MetricName": "devsecops"}
    created = client(endpoint, "wafv2").create_web_acl(
        Name="devsecops", Scope="REGIONAL", DefaultAction={"Allow": {}}, Rules=[], VisibilityConfig=visibility
    )
    return created["Summary"]["ARN"]


def logging_of(endpoint, arn):
    try:
        return client(endpoint, "wafv2").get_logging_configuration(ResourceArn=arn)["LoggingConfiguration"]
    except client(endpoint, "wafv2").exceptions.WAFNonexistentItemException:
        return None


@pytest.mark.slow
def test_logging_is_put_redacted_and_filtered_then_left_alone_then_removed(capsys, fresh_aws):
    arn = web_acl(fresh_aws)
    args = module_args(
        fresh_aws, web_acl_arn=arn, log_destination_arns=[STREAM], redacted_fields=REDACTED, logging_filter=ONLY_BLOCKED
    )
    checked = run_module(capsys, wafv2_logging_configuration, dict(args, _ansible_check_mode=True))
    assert checked["changed"] is True and logging_of(fresh_aws, arn) is None

    put = run_module(capsys, wafv2_logging_configuration, args)
    assert put["changed"] is True, put
    found = logging_of(fresh_aws, arn)
    assert found["LogDestinationConfigs"] == [STREAM]
    assert found["RedactedFields"] == API_REDACTED
    assert found["LoggingFilter"] == API_ONLY_BLOCKED
    assert run_module(capsys, wafv2_logging_configuration, args)["changed"] is False

    read = run_module(capsys, wafv2_logging_configuration_info, module_args(fresh_aws, web_acl_arn=arn))
    assert read["exists"] is True
    assert read["logging_configuration"] == put["logging_configuration"]
    assert read["logging_configuration"]["redacted_fields"] == [
        {"type": "single_header", "name": "authorization"},
        {"type": "single_header", "name": "cookie"},
    ]

    everything = dict(args, _ansible_diff=True)
    del everything["logging_filter"]
    widened = run_module(capsys, wafv2_logging_configuration, everything)
    assert widened["changed"] is True
    assert widened["diff"]["before"]["logging_filter"]["default_behavior"] == "DROP"
    assert widened["diff"]["after"]["logging_filter"] == {}
    assert "LoggingFilter" not in logging_of(fresh_aws, arn)

    absent = module_args(fresh_aws, web_acl_arn=arn, state="absent")
    assert run_module(capsys, wafv2_logging_configuration, dict(absent, _ansible_check_mode=True))["changed"] is True
    assert logging_of(fresh_aws, arn) is not None
    assert run_module(capsys, wafv2_logging_configuration, absent)["changed"] is True
    assert logging_of(fresh_aws, arn) is None
    assert run_module(capsys, wafv2_logging_configuration, absent)["changed"] is False
    gone = run_module(capsys, wafv2_logging_configuration_info, module_args(fresh_aws, web_acl_arn=arn))
    assert (gone["exists"], gone["logging_configuration"]) == (False, {})


def test_the_request_fits_the_service_model(capsys):
    with ServiceModelStub("wafv2") as waf:
        waf.expect_error("get_logging_configuration", "WAFNonexistentItemException", "", {"ResourceArn": ACL})
        waf.expect(
            "put_logging_configuration",
            {
                "LoggingConfiguration": {
                    "ResourceArn": ACL,
                    "LogDestinationConfigs": [STREAM],
                    "RedactedFields": API_REDACTED + [{"QueryString": {}}],
                    "LoggingFilter": API_ONLY_BLOCKED,
                }
            },
            {"LoggingConfiguration": {"ResourceArn": ACL, "LogDestinationConfigs": [STREAM]}},
        )
        result = run_module(
            capsys,
            wafv2_logging_configuration,
            {
                "region": "us-east-1",
                "web_acl_arn": ACL,
                "log_destination_arns": [STREAM],
                "redacted_fields": REDACTED + [{"type": "query_string"}],
                "logging_filter": ONLY_BLOCKED,
            },
            clients=[waf],
        )
    assert result["changed"] is True, result


def test_a_configuration_aws_reports_in_another_order_and_case_is_unchanged(capsys):
    found = {
        "ResourceArn": ACL,
        "LogDestinationConfigs": [STREAM],
        "RedactedFields": [{"SingleHeader": {"Name": "Cookie"}}, {"SingleHeader": {"Name": "authorization"}}],
        "ManagedByFirewallManager": False,
    }
    with ServiceModelStub("wafv2") as waf:
        waf.expect("get_logging_configuration", {"ResourceArn": ACL}, {"LoggingConfiguration": found})
        result = run_module(
            capsys,
            wafv2_logging_configuration,
            {"region": "us-east-1", "web_acl_arn": ACL, "log_destination_arns": [STREAM], "redacted_fields": REDACTED},
            clients=[waf],
        )
    assert result["changed"] is False, result


@pytest.mark.parametrize(
    ("options", "refusal"),
    [
        ({"redacted_fields": [{"type": "single_header"}]}, "a single_header needs a name"),
        ({"redacted_fields": [{"type": "uri_path", "name": "x"}]}, "a single_header needs a name"),
        ({"logging_filter": {"filters": [{"conditions": [{}]}]}}, "each condition is an action or a label_name"),
        ({"logging_filter": {"filters": [{"conditions": [{"action": "BLOCKED"}]}]}}, "BLOCKED"),
    ],
)
def test_malformed_options_are_refused_before_any_call(capsys, options, refusal):
    with ServiceModelStub("wafv2") as waf:
        result = run_module(
            capsys,
            wafv2_logging_configuration,
            dict({"region": "us-east-1", "web_acl_arn": ACL, "log_destination_arns": [STREAM]}, **options),
            clients=[waf],
        )
    assert result["failed"] is True and refusal in result["msg"], result
