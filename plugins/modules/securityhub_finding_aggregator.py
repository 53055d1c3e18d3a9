# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: securityhub_finding_aggregator
short_description: Aggregate AWS Security Hub findings of other regions into this one
version_added: 0.1.0
description:
  - Makes the connection's region the account's Security Hub aggregation region with
    C(CreateFindingAggregator). Findings of the linked regions, and their updates, appear there, and
    EventBridge emits them there, so one set of alert routes covers every region.
  - An account has at most one aggregator. When it exists with other settings it is updated
    (C(UpdateFindingAggregator)); when it aggregates into another region the task fails, saying so,
    rather than move it.
  - With O(state=absent), deletes the aggregator of this region.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  region_linking_mode:
    description:
      - C(SPECIFIED_REGIONS) links the O(regions) listed; C(ALL_REGIONS) every region, new ones included;
        C(ALL_REGIONS_EXCEPT_SPECIFIED) all but the O(regions) listed; C(NO_REGIONS) none (findings of this
        region only, the aggregator kept).
    type: str
    choices: [SPECIFIED_REGIONS, ALL_REGIONS, ALL_REGIONS_EXCEPT_SPECIFIED, NO_REGIONS]
    default: SPECIFIED_REGIONS
  regions:
    description: The regions linked or excluded, as O(region_linking_mode) says; not this region.
    type: list
    elements: str
    default: []
  state:
    description: Whether this region aggregates findings.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Security Hub must be enabled in this region and in the linked ones.
  - Needs C(securityhub:ListFindingAggregators), C(GetFindingAggregator), C(CreateFindingAggregator),
    C(UpdateFindingAggregator) and C(DeleteFindingAggregator).
"""

EXAMPLES = r"""
- name: Aggregate the findings of eu-west-1 and ap-northeast-2 into the connection's region
  devsecops.aws.securityhub_finding_aggregator:
    regions: [eu-west-1, ap-northeast-2]
"""

RETURN = r"""
finding_aggregator:
  description: The aggregator after the task; empty when there is none.
  returned: always
  type: dict
  sample: {"finding_aggregation_region": "us-east-1", "region_linking_mode": "SPECIFIED_REGIONS", "regions": ["eu-west-1"]}
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _securityhub as securityhub
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report


def normalised(aggregator):
    if not aggregator:
        return {}
    return {
        "finding_aggregation_region": aggregator["FindingAggregationRegion"],
        "region_linking_mode": aggregator["RegionLinkingMode"],
        "regions": sorted(aggregator.get("Regions") or []),
    }


def main():
    argument_spec = dict(
        region_linking_mode=dict(
            type="str",
            choices=["SPECIFIED_REGIONS", "ALL_REGIONS", "ALL_REGIONS_EXCEPT_SPECIFIED", "NO_REGIONS"],
            default="SPECIFIED_REGIONS",
        ),
        regions=dict(type="list", elements="str", default=[]),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    client = module.client("securityhub")
    try:
        found = securityhub.finding_aggregator(client)
        before = normalised(found)
        if before and before["finding_aggregation_region"] != module.region:
            module.fail_json(
                msg=f"the account aggregates Security Hub findings in {before['finding_aggregation_region']}, "
                f"not {module.region}: remove that aggregator first, or run this in that region",
                finding_aggregator=before,
            )
        if params["state"] == "absent":
            after = {}
            if found and not module.check_mode:
                securityhub.delete_finding_aggregator(client, found["FindingAggregatorArn"])
        else:
            after = {
                "finding_aggregation_region": module.region,
                "region_linking_mode": params["region_linking_mode"],
                "regions": sorted(set(params["regions"]) - {module.region}),
            }
            if after != before and not module.check_mode:
                if found:
                    securityhub.update_finding_aggregator(
                        client, found["FindingAggregatorArn"], after["region_linking_mode"], after["regions"]
                    )
                else:
                    securityhub.create_finding_aggregator(client, after["region_linking_mode"], after["regions"])
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(**report(module, before, after, finding_aggregator=after))


if __name__ == "__main__":
    main()
