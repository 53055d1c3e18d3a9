"""securityhub_product_integration through the Security Hub service model (moto lacks product imports)."""

from ansible_collections.devsecops.aws.plugins.modules import securityhub_product_integration

from tests.support.service_model import ServiceModelStub, run_module

ACCOUNT = "123456789012"
ARGS = {"region": "us-east-1", "products": ["aws/guardduty", "aws/inspector", "aws/config", "default"]}
OWN_PRODUCT = f"arn:aws:securityhub:us-east-1:{ACCOUNT}:product/{ACCOUNT}/default"


def subscription(key):
    return f"arn:aws:securityhub:us-east-1:{ACCOUNT}:product-subscription/{key}"


def enabled(*keys):
    return {"ProductSubscriptions": [subscription(key) for key in keys]}


def caller():
    sts = ServiceModelStub("sts")
    sts.expect(
        "get_caller_identity",
        {},
        {"Account": ACCOUNT, "Arn": f"arn:aws:iam::{ACCOUNT}:user/ci", "UserId": "AIDAEXAMPLE"},
    )
    return sts


def test_missing_integrations_and_our_own_product_are_accepted(capsys):
    with caller() as sts, ServiceModelStub("securityhub") as hub:
        hub.expect("list_enabled_products_for_import", {}, enabled("aws/guardduty"))
        hub.expect(
            "enable_import_findings_for_product",
            {"ProductArn": OWN_PRODUCT},
            {"ProductSubscriptionArn": subscription(f"{ACCOUNT}/default")},
        )
        hub.expect(
            "enable_import_findings_for_product",
            {"ProductArn": "arn:aws:securityhub:us-east-1::product/aws/config"},
            {"ProductSubscriptionArn": subscription("aws/config")},
        )
        hub.expect(
            "enable_import_findings_for_product",
            {"ProductArn": "arn:aws:securityhub:us-east-1::product/aws/inspector"},
            {"ProductSubscriptionArn": subscription("aws/inspector")},
        )
        result = run_module(capsys, securityhub_product_integration, ARGS, clients=[hub, sts])
    assert result["changed"] is True
    assert result["products"] == [f"{ACCOUNT}/default", "aws/config", "aws/guardduty", "aws/inspector"]


def test_accepted_products_are_only_read(capsys):
    with caller() as sts, ServiceModelStub("securityhub") as hub:
        hub.expect(
            "list_enabled_products_for_import",
            {},
            enabled("aws/guardduty", "aws/inspector", "aws/config", f"{ACCOUNT}/default"),
        )
        result = run_module(capsys, securityhub_product_integration, ARGS, clients=[hub, sts])
    assert result["changed"] is False
    assert result["enabled"] == []


def test_products_by_name_need_no_account_lookup(capsys):
    with ServiceModelStub("securityhub") as hub:
        hub.expect("list_enabled_products_for_import", {}, enabled("aws/guardduty"))
        result = run_module(
            capsys, securityhub_product_integration, dict(ARGS, products=["aws/guardduty"]), clients=[hub]
        )
    assert result["changed"] is False


def test_check_mode_predicts_and_only_reads(capsys):
    with caller() as sts, ServiceModelStub("securityhub") as hub:
        hub.expect("list_enabled_products_for_import", {}, enabled("aws/guardduty", "aws/inspector", "aws/config"))
        result = run_module(
            capsys, securityhub_product_integration, dict(ARGS, _ansible_check_mode=True), clients=[hub, sts]
        )
    assert result["changed"] is True
    assert result["enabled"] == [OWN_PRODUCT]


def test_absent_stops_only_the_listed_products(capsys):
    with ServiceModelStub("securityhub") as hub:
        hub.expect("list_enabled_products_for_import", {}, enabled("aws/guardduty", "aws/macie"))
        hub.expect("disable_import_findings_for_product", {"ProductSubscriptionArn": subscription("aws/guardduty")}, {})
        result = run_module(
            capsys,
            securityhub_product_integration,
            dict(ARGS, products=["aws/guardduty", "aws/config"], state="absent"),
            clients=[hub],
        )
    assert result["changed"] is True
    assert result["disabled"] == ["aws/guardduty"]
    assert result["products"] == ["aws/macie"]
