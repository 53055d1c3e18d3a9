# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: inspector2_info
short_description: Read which resource types Amazon Inspector scans
version_added: 0.1.0
description:
  - Reads the Amazon Inspector (Inspector2) status of each of O(account_ids) with C(BatchGetAccountStatus),
    that is the resource types it scans.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  account_ids:
    description:
      - The accounts to read; default the caller's account. Other accounts need this one to be
        Inspector's delegated administrator.
    type: list
    elements: str
extends_documentation_fragment:
  - devsecops.aws.attributes.info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(inspector2:BatchGetAccountStatus), and C(sts:GetCallerIdentity) without O(account_ids).
"""

EXAMPLES = r"""
- name: Read what Inspector scans in this account
  devsecops.aws.inspector2_info:
  register: inspector

- name: Stop unless Lambda code is scanned
  ansible.builtin.assert:
    that: "'LAMBDA_CODE' in inspector.resource_types[inspector.account_ids[0]]"
"""

RETURN = r"""
region:
  description: The region read, the connection's when O(region) is not given.
  returned: always
  type: str
  sample: us-east-1
account_ids:
  description: The accounts read.
  returned: always
  type: list
  elements: str
  sample: ["123456789012"]
resource_types:
  description: For each account, the resource types scanned (C(ENABLING) counts as on), sorted.
  returned: always
  type: dict
  sample: {"123456789012": ["EC2", "ECR", "LAMBDA", "LAMBDA_CODE"]}
"""

from ansible_collections.amazon.aws.plugins.module_utils.iam import get_aws_account_info

from ansible_collections.devsecops.aws.plugins.module_utils import _inspector2 as inspector2
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError


def main():
    module = DevSecOpsAWSModule(argument_spec=dict(account_ids=dict(type="list", elements="str")), supports_check_mode=True)
    client = module.client("inspector2")
    account_ids = module.params["account_ids"] or [get_aws_account_info(module)[0]]
    try:
        resource_types = inspector2.enabled_resource_types(client, account_ids)
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, region=module.region, account_ids=account_ids, resource_types=resource_types)


if __name__ == "__main__":
    main()
