# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: securityhub_product_integration
short_description: Accept findings from products in AWS Security Hub
version_added: 0.1.0
description:
  - Makes Security Hub accept findings from each of O(products) that it does not yet accept
    (C(EnableImportFindingsForProduct)), for example GuardDuty, Inspector, AWS Config and the
    account's own C(default) product that M(devsecops.aws.securityhub_findings) imports through.
  - With O(state=absent), stops accepting findings from the O(products) listed
    (C(DisableImportFindingsForProduct)); other integrations are left alone.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  products:
    description:
      - Each a product ARN, a C(company/product) name such as C(aws/guardduty), C(aws/inspector) or
        C(aws/config), or C(default) for the account's own product,
        C(arn:<partition>:securityhub:<region>:<account>:product/<account>/default).
    type: list
    elements: str
    required: true
  state:
    description: Whether Security Hub accepts findings from the O(products).
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(securityhub:ListEnabledProductsForImport), C(securityhub:EnableImportFindingsForProduct),
    C(securityhub:DisableImportFindingsForProduct), and C(sts:GetCallerIdentity) for C(default).
"""

EXAMPLES = r"""
- name: Accept findings from GuardDuty, Inspector, Config and our own scanners
  devsecops.aws.securityhub_product_integration:
    products:
      - aws/guardduty
      - aws/inspector
      - aws/config
      - default
"""

RETURN = r"""
products:
  description: C(company/product) of every product Security Hub accepts findings from after the task.
  returned: always
  type: list
  elements: str
  sample: ["123456789012/default", "aws/config", "aws/guardduty", "aws/inspector"]
enabled:
  description: ARNs of the products this task started accepting findings from (or would, in check mode).
  returned: always
  type: list
  elements: str
  sample: ["arn:aws:securityhub:us-east-1:123456789012:product/123456789012/default"]
disabled:
  description: C(company/product) of the products this task stopped accepting findings from.
  returned: always
  type: list
  elements: str
  sample: []
"""

from ansible_collections.amazon.aws.plugins.module_utils.iam import get_aws_account_info

from ansible_collections.devsecops.aws.plugins.module_utils import _securityhub as securityhub
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report


def wanted_products(module, partition):
    """{company/product: product ARN} of O(products)."""
    names = module.params["products"]
    account_id = get_aws_account_info(module)[0] if "default" in names else None
    arns = [securityhub.product_arn(name, partition, module.region, account_id) for name in names]
    return {securityhub.product_key(arn): arn for arn in arns}


def main():
    argument_spec = dict(
        products=dict(type="list", elements="str", required=True),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    client = module.client("securityhub")
    wanted = wanted_products(module, client.meta.partition)
    try:
        subscriptions = {
            securityhub.product_key(arn): arn for arn in securityhub.list_enabled_products_for_import(client)
        }
        if module.params["state"] == "present":
            enable, disable = [key for key in sorted(wanted) if key not in subscriptions], []
        else:
            enable, disable = [], [key for key in sorted(wanted) if key in subscriptions]
        if not module.check_mode:
            for key in enable:
                securityhub.enable_import_findings_for_product(client, wanted[key])
            for key in disable:
                securityhub.disable_import_findings_for_product(client, subscriptions[key])
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    before = {"products": sorted(subscriptions)}
    after = {"products": sorted((set(subscriptions) | set(enable)) - set(disable))}
    module.exit_json(
        **report(module, before, after, enabled=[wanted[key] for key in enable], disabled=disable, **after)
    )


if __name__ == "__main__":
    main()
