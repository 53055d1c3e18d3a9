# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: wafv2_web_acl_association
short_description: Put an AWS WAFv2 web ACL in front of a resource, without taking over another web ACL's resource
version_added: 0.1.0
description:
  - Associates a regional web ACL with a resource such as an Application Load Balancer
    (C(AssociateWebACL)), or with O(state=absent) removes that association (C(DisassociateWebACL)).
  - The resource is asked which web ACL it has (C(GetWebACLForResource)), so the module works from the
    resource's side, one resource at a time. A resource another web ACL protects is left alone and the
    task fails naming that web ACL (C(AssociateWebACL) would silently replace it); O(state=absent) removes
    only this web ACL's association and never another's.
  - C(community.aws.wafv2_resources) is not used because it reads the web ACL's side
    (C(ListResourcesForWebACL)), so it sees neither that a resource already has another web ACL (it replaces
    it) nor resources of types other than load balancers. This matters when the AWS Load Balancer
    Controller associates web ACLs from Ingress annotations.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  resource_arn:
    description: The resource, for example an Application Load Balancer's ARN.
    type: str
    required: true
  web_acl_arn:
    description: The ARN of the regional web ACL.
    type: str
    required: true
  state:
    description: Whether the web ACL protects the resource.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(wafv2:GetWebACLForResource), C(wafv2:AssociateWebACL), C(wafv2:DisassociateWebACL), and for a
    load balancer C(elasticloadbalancing:SetWebACL).
"""

EXAMPLES = r"""
- name: Put the web ACL in front of the load balancer
  devsecops.aws.wafv2_web_acl_association:
    resource_arn: arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/devsecops/50dc6c495c0c9188
    web_acl_arn: arn:aws:wafv2:us-east-1:123456789012:regional/webacl/devsecops/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111
"""

RETURN = r"""
web_acl_arn:
  description: The ARN of the web ACL protecting the resource after the task (predicted in check mode); empty when none does.
  returned: always
  type: str
  sample: arn:aws:wafv2:us-east-1:123456789012:regional/webacl/devsecops/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _wafv2 as wafv2
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report


def main():
    argument_spec = dict(
        resource_arn=dict(type="str", required=True),
        web_acl_arn=dict(type="str", required=True),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    client = module.client("wafv2")
    ours = params["web_acl_arn"]
    try:
        found = wafv2.get_web_acl_for_resource(client, params["resource_arn"]).get("ARN", "")
        if found and found != ours:
            if params["state"] == "present":
                module.fail_json(
                    msg=f"{params['resource_arn']} is protected by another web ACL, {found}: left as it is",
                    web_acl_arn=found,
                )
            after = found  # another's association: not ours to remove
        elif params["state"] == "present":
            after = ours
            if not found and not module.check_mode:
                wafv2.associate_web_acl(client, ours, params["resource_arn"])
        else:
            after = ""
            if found and not module.check_mode:
                wafv2.disassociate_web_acl(client, params["resource_arn"])
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(**report(module, {"web_acl_arn": found}, {"web_acl_arn": after}, web_acl_arn=after))


if __name__ == "__main__":
    main()
