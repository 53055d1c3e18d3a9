# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

Security Hub account settings: the hub, standards subscriptions, custom actions and product
integrations. One small function per API call; reads made while the hub is off return "nothing",
so that check mode on a new account and a second `state: absent` work.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsErrorHandler, paginate

# Subscriptions in these states are (or are becoming) active; DELETING and FAILED ones are not.
ACTIVE_STANDARDS_STATUSES = ("PENDING", "READY", "INCOMPLETE")


class SecurityHubErrorHandler(DevSecOpsErrorHandler):
    @classmethod
    def _is_missing(cls):
        # InvalidAccessException: "Account is not subscribed to AWS Security Hub".
        return is_boto3_error_code(["InvalidAccessException", "ResourceNotFoundException"])


# Hub


@SecurityHubErrorHandler.list_error_handler("describe the Security Hub hub")
def describe_hub(client):
    return client.describe_hub(aws_retry=True)


@SecurityHubErrorHandler.common_error_handler("enable Security Hub")
def enable_security_hub(client, enable_default_standards, control_finding_generator):
    return client.enable_security_hub(
        EnableDefaultStandards=enable_default_standards,
        ControlFindingGenerator=control_finding_generator,
        aws_retry=True,
    )


@SecurityHubErrorHandler.common_error_handler("update the Security Hub configuration")
def update_security_hub_configuration(client, **settings):
    return client.update_security_hub_configuration(aws_retry=True, **settings)


@SecurityHubErrorHandler.common_error_handler("disable Security Hub")
def disable_security_hub(client):
    return client.disable_security_hub(aws_retry=True)


def hub_state(client):
    """The hub's settings in snake_case, or None when Security Hub is not enabled in the region."""
    hub = describe_hub(client)
    if hub is None:
        return None
    return {
        "hub_arn": hub["HubArn"],
        "subscribed_at": hub.get("SubscribedAt"),
        "auto_enable_controls": hub.get("AutoEnableControls"),
        "control_finding_generator": hub.get("ControlFindingGenerator"),
    }


# Standards


def standards_arn(name_or_arn, partition, region):
    """`aws-foundational-security-best-practices/v/1.0.0` becomes that standard's ARN in `region`."""
    if name_or_arn.startswith("arn:"):
        return name_or_arn
    return f"arn:{partition}:securityhub:{region}::standards/{name_or_arn}"


@SecurityHubErrorHandler.list_error_handler("list the enabled Security Hub standards", [])
def get_enabled_standards(client):
    return paginate(client, "get_enabled_standards")["StandardsSubscriptions"]


def active_standards(client):
    """{standards ARN: subscription ARN} of the standards that are subscribed or being subscribed."""
    return {
        subscription["StandardsArn"]: subscription["StandardsSubscriptionArn"]
        for subscription in get_enabled_standards(client)
        if subscription["StandardsStatus"] in ACTIVE_STANDARDS_STATUSES
    }


@SecurityHubErrorHandler.common_error_handler("enable Security Hub standards")
def batch_enable_standards(client, standards_arns):
    requests = [{"StandardsArn": arn} for arn in standards_arns]
    return client.batch_enable_standards(StandardsSubscriptionRequests=requests, aws_retry=True)


@SecurityHubErrorHandler.common_error_handler("disable Security Hub standards")
def batch_disable_standards(client, subscription_arns):
    return client.batch_disable_standards(StandardsSubscriptionArns=subscription_arns, aws_retry=True)


# Custom actions


@SecurityHubErrorHandler.list_error_handler("list the Security Hub custom actions", [])
def describe_action_targets(client):
    return paginate(client, "describe_action_targets")["ActionTargets"]


@SecurityHubErrorHandler.common_error_handler("create the Security Hub custom action")
def create_action_target(client, action_id, name, description):
    return client.create_action_target(Id=action_id, Name=name, Description=description, aws_retry=True)


@SecurityHubErrorHandler.common_error_handler("update the Security Hub custom action")
def update_action_target(client, arn, name, description):
    return client.update_action_target(ActionTargetArn=arn, Name=name, Description=description, aws_retry=True)


@SecurityHubErrorHandler.common_error_handler("delete the Security Hub custom action")
def delete_action_target(client, arn):
    return client.delete_action_target(ActionTargetArn=arn, aws_retry=True)


# Product integrations


def product_arn(name_or_arn, partition, region, account_id):
    """A product's ARN from `company/product` (`aws/guardduty`) or `default`, the account's own."""
    if name_or_arn.startswith("arn:"):
        return name_or_arn
    if name_or_arn == "default":
        return f"arn:{partition}:securityhub:{region}:{account_id}:product/{account_id}/default"
    return f"arn:{partition}:securityhub:{region}::product/{name_or_arn}"


def product_key(arn):
    """`company/product` of a product ARN (…:product/aws/guardduty) or a product-subscription ARN."""
    return arn.split(":", 5)[5].split("/", 1)[1]


@SecurityHubErrorHandler.list_error_handler("list the products Security Hub imports findings from", [])
def list_enabled_products_for_import(client):
    return paginate(client, "list_enabled_products_for_import")["ProductSubscriptions"]


@SecurityHubErrorHandler.common_error_handler("accept findings from a product in Security Hub")
def enable_import_findings_for_product(client, arn):
    return client.enable_import_findings_for_product(ProductArn=arn, aws_retry=True)


@SecurityHubErrorHandler.common_error_handler("stop accepting findings from a product in Security Hub")
def disable_import_findings_for_product(client, subscription_arn):
    return client.disable_import_findings_for_product(ProductSubscriptionArn=subscription_arn, aws_retry=True)


# Cross-region aggregation


@SecurityHubErrorHandler.list_error_handler("list the Security Hub finding aggregators", [])
def list_finding_aggregators(client):
    return paginate(client, "list_finding_aggregators")["FindingAggregators"]


@SecurityHubErrorHandler.list_error_handler("read the Security Hub finding aggregator")
def get_finding_aggregator(client, arn):
    return client.get_finding_aggregator(FindingAggregatorArn=arn, aws_retry=True)


def finding_aggregator(client):
    """GetFindingAggregator of the account's aggregator (there is at most one), or None."""
    for aggregator in list_finding_aggregators(client):
        found = get_finding_aggregator(client, aggregator["FindingAggregatorArn"])
        if found is not None:
            return found
    return None


@SecurityHubErrorHandler.common_error_handler("create the Security Hub finding aggregator")
def create_finding_aggregator(client, linking_mode, regions):
    params = {"RegionLinkingMode": linking_mode}
    if regions:
        params["Regions"] = regions
    return client.create_finding_aggregator(aws_retry=True, **params)


@SecurityHubErrorHandler.common_error_handler("update the Security Hub finding aggregator")
def update_finding_aggregator(client, arn, linking_mode, regions):
    params = {"FindingAggregatorArn": arn, "RegionLinkingMode": linking_mode}
    if regions:
        params["Regions"] = regions
    return client.update_finding_aggregator(aws_retry=True, **params)


@SecurityHubErrorHandler.deletion_error_handler("delete the Security Hub finding aggregator")
def delete_finding_aggregator(client, arn):
    return client.delete_finding_aggregator(FindingAggregatorArn=arn, aws_retry=True)
