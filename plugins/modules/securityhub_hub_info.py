# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: securityhub_hub_info
short_description: Read whether AWS Security Hub is enabled in a region, and its settings
version_added: 0.1.0
description:
  - Reads whether Security Hub is enabled in the region and its settings (C(DescribeHub)), for
    pre-flight checks and for plays that need Security Hub on before they send findings.
  - With O(gather), also reads the standards subscriptions, the products findings are accepted from,
    the custom actions and the cross-region finding aggregator. amazon.aws and community.aws have no
    module that reads these.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  gather:
    description:
      - What else to read besides the hub. V(standards) the standards subscriptions (C(GetEnabledStandards)),
        V(products) the product subscriptions (C(ListEnabledProductsForImport)), V(action_targets) the custom
        actions (C(DescribeActionTargets)), V(finding_aggregator) the cross-region aggregator
        (C(ListFindingAggregators), C(GetFindingAggregator)).
      - Each is returned under its own name, and only when gathered. While Security Hub is off, each is empty.
    type: list
    elements: str
    choices: [standards, products, action_targets, finding_aggregator]
    default: []
extends_documentation_fragment:
  - devsecops.aws.attributes.info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(securityhub:DescribeHub); with O(gather), also C(securityhub:GetEnabledStandards),
    C(securityhub:ListEnabledProductsForImport), C(securityhub:DescribeActionTargets),
    C(securityhub:ListFindingAggregators) and C(securityhub:GetFindingAggregator) for what is gathered.
"""

EXAMPLES = r"""
- name: Read Security Hub's state
  devsecops.aws.securityhub_hub_info:
  register: securityhub

- name: Stop when Security Hub is off
  ansible.builtin.assert:
    that: securityhub.enabled
    fail_msg: Security Hub is not enabled in this region; run the devsecops.aws.securityhub role first.

- name: Read the standards and the custom actions too
  devsecops.aws.securityhub_hub_info:
    gather: [standards, action_targets]
  register: securityhub

- name: Check that CIS is subscribed and the Slack action exists
  ansible.builtin.assert:
    that:
      - securityhub.standards | selectattr('standards_arn', 'search', 'cis-aws-foundations-benchmark')
        | selectattr('standards_status', 'equalto', 'READY') | list | length == 1
      - "'SendToSlack' in securityhub.action_targets | map(attribute='id')"
"""

RETURN = r"""
region:
  description: The region read, the connection's when O(region) is not given.
  returned: always
  type: str
  sample: us-east-1
enabled:
  description: Whether Security Hub is enabled in the region.
  returned: always
  type: bool
  sample: true
hub:
  description: The hub's settings, as M(devsecops.aws.securityhub_hub) returns them; empty when not enabled.
  returned: always
  type: dict
  sample: {"hub_arn": "arn:aws:securityhub:us-east-1:123456789012:hub/default", "subscribed_at": "2026-11-29T01:02:03.000Z",
           "auto_enable_controls": true, "control_finding_generator": "SECURITY_CONTROL"}
standards:
  description:
    - The standards subscriptions, sorted by standard ARN, in every state
      (C(PENDING), C(READY), C(INCOMPLETE), C(DELETING), C(FAILED)).
  returned: when O(gather) has V(standards)
  type: list
  elements: dict
  contains:
    standards_arn:
      description: The standard's ARN.
      returned: always
      type: str
      sample: arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0
    standards_subscription_arn:
      description: The subscription's ARN.
      returned: always
      type: str
      sample: arn:aws:securityhub:us-east-1:123456789012:subscription/aws-foundational-security-best-practices/v/1.0.0
    standards_status:
      description: The subscription's status.
      returned: always
      type: str
      sample: READY
products:
  description: The ARNs of the product subscriptions Security Hub accepts findings from, sorted.
  returned: when O(gather) has V(products)
  type: list
  elements: str
  sample: ["arn:aws:securityhub:us-east-1:123456789012:product-subscription/aws/guardduty"]
action_targets:
  description: The custom actions, by id.
  returned: when O(gather) has V(action_targets)
  type: list
  elements: dict
  contains:
    action_target_arn:
      description: The action's ARN, which EventBridge events for it carry in C(resources).
      returned: always
      type: str
      sample: arn:aws:securityhub:us-east-1:123456789012:action/custom/SendToSlack
    id:
      description: The action's id, the part of its ARN after C(action/custom/).
      returned: always
      type: str
      sample: SendToSlack
    name:
      description: The action's name.
      returned: always
      type: str
      sample: Send to Slack
    description:
      description: The action's description.
      returned: always
      type: str
      sample: Send the selected findings to the security channel in Slack
finding_aggregator:
  description: The cross-region finding aggregator; empty when there is none.
  returned: when O(gather) has V(finding_aggregator)
  type: dict
  contains:
    finding_aggregator_arn:
      description: The aggregator's ARN.
      returned: when there is one
      type: str
      sample: arn:aws:securityhub:us-east-1:123456789012:finding-aggregator/123e4567-e89b-12d3-a456-426652340000
    finding_aggregation_region:
      description: The region findings are aggregated in.
      returned: when there is one
      type: str
      sample: us-east-1
    region_linking_mode:
      description: How the linked regions are chosen.
      returned: when there is one
      type: str
      sample: SPECIFIED_REGIONS
    regions:
      description: The regions linked (or, with C(ALL_REGIONS_EXCEPT_SPECIFIED), left out), sorted.
      returned: when there is one
      type: list
      elements: str
      sample: ["eu-west-1", "us-west-2"]
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _securityhub as securityhub
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError


def standards(client):
    subscriptions = [
        {
            "standards_arn": subscription["StandardsArn"],
            "standards_subscription_arn": subscription["StandardsSubscriptionArn"],
            "standards_status": subscription["StandardsStatus"],
        }
        for subscription in securityhub.get_enabled_standards(client)
    ]
    return sorted(subscriptions, key=lambda subscription: subscription["standards_arn"])


def products(client):
    return sorted(securityhub.list_enabled_products_for_import(client))


def action_targets(client):
    targets = [
        {
            "action_target_arn": target["ActionTargetArn"],
            "id": target["ActionTargetArn"].split("action/custom/", 1)[-1],
            "name": target["Name"],
            "description": target["Description"],
        }
        for target in securityhub.describe_action_targets(client)
    ]
    return sorted(targets, key=lambda target: target["id"])


def finding_aggregator(client):
    aggregator = securityhub.finding_aggregator(client)
    if aggregator is None:
        return {}
    return {
        "finding_aggregator_arn": aggregator["FindingAggregatorArn"],
        "finding_aggregation_region": aggregator.get("FindingAggregationRegion"),
        "region_linking_mode": aggregator.get("RegionLinkingMode"),
        "regions": sorted(aggregator.get("Regions") or []),
    }


GATHERERS = {
    "standards": standards,
    "products": products,
    "action_targets": action_targets,
    "finding_aggregator": finding_aggregator,
}


def main():
    argument_spec = dict(gather=dict(type="list", elements="str", choices=list(GATHERERS), default=[]))
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    client = module.client("securityhub")
    try:
        hub = securityhub.hub_state(client)
        gathered = {what: GATHERERS[what](client) for what in module.params["gather"]}
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, region=module.region, enabled=hub is not None, hub=hub or {}, **gathered)


if __name__ == "__main__":
    main()
