"""wafv2_web_acl_association and its _info against the local endpoint: the resource's side of the association
(GetWebACLForResource), so another web ACL's load balancer (the ALB controller's) is never taken over or freed."""

import pytest

from ansible_collections.devsecops.aws.plugins.modules import wafv2_web_acl_association, wafv2_web_acl_association_info

from tests.support.local_aws import client, module_args
from tests.support.service_model import ServiceModelStub, run_module

ALB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/devsecops/50dc6c495c0c9188"
OTHER_ALB = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/k8s-default-app/1a2b3c4d5e6f7a8b"
ACL = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/devsecops/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111"


def web_acl(endpoint, name):
    visibility = {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True, "MetricName": name}
    created = client(endpoint, "wafv2").create_web_acl(
        Name=name, Scope="REGIONAL", DefaultAction={"Allow": {}}, Rules=[], VisibilityConfig=visibility
    )
    return created["Summary"]["ARN"]


def protecting(endpoint, resource):
    return (client(endpoint, "wafv2").get_web_acl_for_resource(ResourceArn=resource).get("WebACL") or {}).get("ARN")


@pytest.mark.slow
def test_the_web_acl_is_put_in_front_once_then_taken_away(capsys, fresh_aws):
    ours = web_acl(fresh_aws, "devsecops")
    args = module_args(fresh_aws, resource_arn=ALB, web_acl_arn=ours)
    checked = run_module(capsys, wafv2_web_acl_association, dict(args, _ansible_check_mode=True))
    assert (checked["changed"], checked["web_acl_arn"], protecting(fresh_aws, ALB)) == (True, ours, None)

    associated = run_module(capsys, wafv2_web_acl_association, dict(args, _ansible_diff=True))
    assert associated["changed"] is True
    assert associated["diff"] == {"before": {"web_acl_arn": ""}, "after": {"web_acl_arn": ours}}
    assert protecting(fresh_aws, ALB) == ours
    assert run_module(capsys, wafv2_web_acl_association, args)["changed"] is False

    read = run_module(capsys, wafv2_web_acl_association_info, module_args(fresh_aws, resource_arns=[ALB, OTHER_ALB]))
    assert read["web_acl_arns"] == {ALB: ours, OTHER_ALB: ""}

    absent = dict(args, state="absent")
    assert run_module(capsys, wafv2_web_acl_association, absent)["changed"] is True
    assert protecting(fresh_aws, ALB) is None
    assert run_module(capsys, wafv2_web_acl_association, absent)["changed"] is False


@pytest.mark.slow
def test_a_load_balancer_another_web_acl_protects_is_left_as_it_is(capsys, fresh_aws):
    ours = web_acl(fresh_aws, "devsecops")
    controllers = web_acl(fresh_aws, "k8s-managed")
    client(fresh_aws, "wafv2").associate_web_acl(WebACLArn=controllers, ResourceArn=OTHER_ALB)

    refused = run_module(capsys, wafv2_web_acl_association, module_args(fresh_aws, resource_arn=OTHER_ALB, web_acl_arn=ours))
    assert refused["failed"] is True
    assert refused["msg"] == f"{OTHER_ALB} is protected by another web ACL, {controllers}: left as it is"

    absent = module_args(fresh_aws, resource_arn=OTHER_ALB, web_acl_arn=ours, state="absent")
    kept = run_module(capsys, wafv2_web_acl_association, absent)
    assert (kept["changed"], kept["web_acl_arn"]) == (False, controllers)
    assert protecting(fresh_aws, OTHER_ALB) == controllers


def test_aws_answering_no_web_acl_without_the_key_means_none(capsys):
    # AWS leaves WebACL out of the answer for a resource without one (moto sends null).
    with ServiceModelStub("wafv2") as waf:
        waf.expect("get_web_acl_for_resource", {"ResourceArn": ALB}, {})
        waf.expect("associate_web_acl", {"WebACLArn": ACL, "ResourceArn": ALB}, {})
        result = run_module(
            capsys, wafv2_web_acl_association, {"region": "us-east-1", "resource_arn": ALB, "web_acl_arn": ACL}, [waf]
        )
    assert (result["changed"], result["web_acl_arn"]) == (True, ACL)


def test_a_missing_load_balancer_fails_the_association_with_the_reason(capsys):
    with ServiceModelStub("wafv2") as waf:
        waf.expect_error("get_web_acl_for_resource", "WAFNonexistentItemException", "no such resource", {"ResourceArn": ALB})
        waf.expect_error("associate_web_acl", "WAFNonexistentItemException", "no such resource", {"WebACLArn": ACL, "ResourceArn": ALB})
        result = run_module(
            capsys, wafv2_web_acl_association, {"region": "us-east-1", "resource_arn": ALB, "web_acl_arn": ACL}, [waf]
        )
    assert result["failed"] is True
    assert result["msg"].startswith("Failed to associate the web ACL with the resource")
