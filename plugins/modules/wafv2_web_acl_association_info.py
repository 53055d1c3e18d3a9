# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: wafv2_web_acl_association_info
short_description: Read which AWS WAFv2 web ACL protects each of some resources
version_added: 0.1.0
description:
  - Asks each resource which regional web ACL it has (C(GetWebACLForResource)), the resource's side of
    the association that RV(devsecops.aws.wafv2_web_acl_association#module:web_acl_arn) manages.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  resource_arns:
    description: The resources, for example Application Load Balancer ARNs.
    type: list
    elements: str
    required: true
extends_documentation_fragment:
  - devsecops.aws.attributes.info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(wafv2:GetWebACLForResource).
"""

EXAMPLES = r"""
- name: Read which web ACL protects the load balancer
  devsecops.aws.wafv2_web_acl_association_info:
    resource_arns:
      - arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/devsecops/50dc6c495c0c9188
  register: associations
"""

RETURN = r"""
web_acl_arns:
  description: Each resource's web ACL ARN, by resource ARN; empty for a resource no web ACL protects.
  returned: always
  type: dict
  sample:
    "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/devsecops/50dc6c495c0c9188": >-
      arn:aws:wafv2:us-east-1:123456789012:regional/webacl/devsecops/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _wafv2 as wafv2
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError


def main():
    module = DevSecOpsAWSModule(
        argument_spec=dict(resource_arns=dict(type="list", elements="str", required=True)), supports_check_mode=True
    )
    client = module.client("wafv2")
    try:
        found = {arn: wafv2.get_web_acl_for_resource(client, arn).get("ARN", "") for arn in module.params["resource_arns"]}
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, web_acl_arns=found)


if __name__ == "__main__":
    main()
