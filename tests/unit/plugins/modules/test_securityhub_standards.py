"""securityhub_standards through the Security Hub service model (moto lacks the standards API)."""

from ansible_collections.devsecops.aws.plugins.modules import securityhub_standards

from tests.support.service_model import ServiceModelStub, run_module

FSBP = "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0"
CIS = "arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0"
PCI = "arn:aws:securityhub:us-east-1::standards/pci-dss/v/4.0.1"
ARGS = {
    "region": "us-east-1",
    "standards": ["aws-foundational-security-best-practices/v/1.0.0", "cis-aws-foundations-benchmark/v/3.0.0"],
}


def subscription(standards_arn, status="READY"):
    name = standards_arn.split("standards/")[1]
    return {
        "StandardsSubscriptionArn": f"arn:aws:securityhub:us-east-1:123456789012:subscription/{name}",
        "StandardsArn": standards_arn,
        "StandardsInput": {},
        "StandardsStatus": status,
    }


def enabled(*subscriptions):
    return {"StandardsSubscriptions": list(subscriptions)}


def test_all_missing_standards_are_subscribed_in_one_call(capsys):
    with ServiceModelStub("securityhub") as hub:
        hub.expect("get_enabled_standards", {}, enabled())
        hub.expect(
            "batch_enable_standards",
            {"StandardsSubscriptionRequests": [{"StandardsArn": FSBP}, {"StandardsArn": CIS}]},
            {"StandardsSubscriptions": [subscription(FSBP, "PENDING"), subscription(CIS, "PENDING")]},
        )
        result = run_module(capsys, securityhub_standards, ARGS, clients=[hub])
    assert result["changed"] is True
    assert result["subscribed"] == [FSBP, CIS]
    assert result["standards_arns"] == [FSBP, CIS]


def test_subscribed_and_pending_standards_are_only_read(capsys):
    with ServiceModelStub("securityhub") as hub:
        hub.expect("get_enabled_standards", {}, enabled(subscription(FSBP), subscription(CIS, "PENDING")))
        result = run_module(capsys, securityhub_standards, ARGS, clients=[hub])
    assert result["changed"] is False
    assert result["subscribed"] == [] and result["unsubscribed"] == []


def test_only_the_missing_standard_is_subscribed_and_others_are_left_alone(capsys):
    with ServiceModelStub("securityhub") as hub:
        hub.expect("get_enabled_standards", {}, enabled(subscription(FSBP), subscription(PCI)))
        hub.expect("batch_enable_standards", {"StandardsSubscriptionRequests": [{"StandardsArn": CIS}]}, {})
        result = run_module(capsys, securityhub_standards, dict(ARGS, _ansible_diff=True), clients=[hub])
    assert result["changed"] is True
    assert result["diff"] == {"before": {"standards_arns": [FSBP, PCI]}, "after": {"standards_arns": [FSBP, CIS, PCI]}}


def test_purge_unsubscribes_standards_not_listed(capsys):
    with ServiceModelStub("securityhub") as hub:
        hub.expect("get_enabled_standards", {}, enabled(subscription(FSBP), subscription(CIS), subscription(PCI)))
        hub.expect(
            "batch_disable_standards",
            {"StandardsSubscriptionArns": [subscription(PCI)["StandardsSubscriptionArn"]]},
            {},
        )
        result = run_module(capsys, securityhub_standards, dict(ARGS, purge=True), clients=[hub])
    assert result["changed"] is True
    assert result["unsubscribed"] == [PCI]


def test_check_mode_predicts_and_only_reads(capsys):
    with ServiceModelStub("securityhub") as hub:
        hub.expect("get_enabled_standards", {}, enabled(subscription(FSBP)))
        result = run_module(capsys, securityhub_standards, dict(ARGS, _ansible_check_mode=True), clients=[hub])
    assert result["changed"] is True
    assert result["subscribed"] == [CIS]
    assert result["standards_arns"] == [FSBP, CIS]


def test_absent_unsubscribes_only_the_listed_standards_in_one_call(capsys):
    with ServiceModelStub("securityhub") as hub:
        hub.expect("get_enabled_standards", {}, enabled(subscription(FSBP), subscription(CIS), subscription(PCI)))
        hub.expect(
            "batch_disable_standards",
            {
                "StandardsSubscriptionArns": [
                    subscription(FSBP)["StandardsSubscriptionArn"],
                    subscription(CIS)["StandardsSubscriptionArn"],
                ]
            },
            {},
        )
        result = run_module(capsys, securityhub_standards, dict(ARGS, state="absent"), clients=[hub])
    assert result["changed"] is True
    assert result["standards_arns"] == [PCI]


def test_absent_with_security_hub_off_changes_nothing(capsys):
    with ServiceModelStub("securityhub") as hub:
        hub.expect_error(
            "get_enabled_standards", "InvalidAccessException", "Account is not subscribed to AWS Security Hub", {}
        )
        result = run_module(capsys, securityhub_standards, dict(ARGS, state="absent"), clients=[hub])
    assert result["changed"] is False


def test_a_refused_subscription_fails_with_the_aws_error(capsys):
    with ServiceModelStub("securityhub") as hub:
        hub.expect("get_enabled_standards", {}, enabled(subscription(FSBP)))
        hub.expect_error("batch_enable_standards", "AccessDeniedException", "not authorized")
        result = run_module(capsys, securityhub_standards, ARGS, clients=[hub])
    assert result["failed"] is True
    assert result["msg"].startswith("Failed to enable Security Hub standards")
