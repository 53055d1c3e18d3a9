# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: inspector2
short_description: Turn Amazon Inspector scanning on or off by resource type
version_added: 0.1.0
description:
  - Turns on Amazon Inspector (Inspector2) scanning of the O(resource_types) that are not yet on,
    for each of O(account_ids), in one C(Enable) call.
  - With O(state=absent), turns off scanning of the O(resource_types) listed (C(Disable)); other
    resource types are left alone. Inspector is off for an account once no type is scanned.
  - This is Inspector2; community.aws.inspector_target manages the retired Inspector Classic.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  resource_types:
    description: What to scan.
    type: list
    elements: str
    choices: [EC2, ECR, LAMBDA, LAMBDA_CODE, CODE_REPOSITORY]
    required: true
  account_ids:
    description:
      - The accounts to act for; default the caller's account. Other accounts need this one to be
        Inspector's delegated administrator.
    type: list
    elements: str
  state:
    description: Whether scanning of the O(resource_types) is on.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(inspector2:BatchGetAccountStatus), C(inspector2:Enable), C(inspector2:Disable),
    C(iam:CreateServiceLinkedRole) the first time, and C(sts:GetCallerIdentity) without O(account_ids).
  - Turning ECR scanning on switches the registry to enhanced scanning; set its rules with
    M(devsecops.aws.ecr_registry_scanning).
"""

EXAMPLES = r"""
- name: Scan EC2 instances, ECR images and Lambda functions
  devsecops.aws.inspector2:
    resource_types: [EC2, ECR, LAMBDA]

- name: Stop scanning Lambda functions
  devsecops.aws.inspector2:
    resource_types: [LAMBDA]
    state: absent
"""

RETURN = r"""
resource_types:
  description: For each account, the resource types scanned after the task (C(ENABLING) counts as on).
  returned: always
  type: dict
  sample: {"123456789012": ["EC2", "ECR", "LAMBDA"]}
"""

from ansible_collections.amazon.aws.plugins.module_utils.iam import get_aws_account_info

from ansible_collections.devsecops.aws.plugins.module_utils import _inspector2 as inspector2
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report


def wanted_state(params, before):
    listed = set(params["resource_types"])
    if params["state"] == "present":
        return {account: sorted(set(types) | listed) for account, types in before.items()}
    return {account: sorted(set(types) - listed) for account, types in before.items()}


def apply(client, before, after):
    """One Enable (or Disable) call for each set of types that the same accounts need."""
    changes = {}
    for account in sorted(before):
        turn_on = tuple(sorted(set(after[account]) - set(before[account])))
        turn_off = tuple(sorted(set(before[account]) - set(after[account])))
        if turn_on:
            changes.setdefault((inspector2.enable, "enable Inspector scanning", turn_on), []).append(account)
        if turn_off:
            changes.setdefault((inspector2.disable, "disable Inspector scanning", turn_off), []).append(account)
    for (call, action, resource_types), accounts in changes.items():
        inspector2.raise_failed_accounts(call(client, accounts, list(resource_types)), action)


def main():
    argument_spec = dict(
        resource_types=dict(type="list", elements="str", required=True, choices=list(inspector2.RESOURCE_STATE_KEYS)),
        account_ids=dict(type="list", elements="str"),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    client = module.client("inspector2")
    account_ids = module.params["account_ids"] or [get_aws_account_info(module)[0]]
    try:
        before = inspector2.enabled_resource_types(client, account_ids)
        after = wanted_state(module.params, before)
        if after != before and not module.check_mode:
            apply(client, before, after)
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(**report(module, before, after, resource_types=after))


if __name__ == "__main__":
    main()
