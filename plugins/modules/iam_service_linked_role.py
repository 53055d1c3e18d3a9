# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: iam_service_linked_role
short_description: Create or delete an IAM service-linked role
version_added: 0.1.0
description:
  - Makes sure the service-linked role of an AWS service exists (C(CreateServiceLinkedRole)), for
    services that should act through it rather than through a role of ours. AWS Config records with
    C(AWSServiceRoleForConfig), which posture scanners and Security Hub's Config.1 control expect.
  - M(amazon.aws.iam_role) cannot make these roles; AWS creates them only through this call, under
    C(/aws-service-role/<service>/), with a trust and permissions policy AWS maintains.
  - With O(state=absent), deletes the role (C(DeleteServiceLinkedRole)) and waits for AWS to finish;
    AWS refuses while resources of the service still use it, and the task fails with AWS's reasons.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  aws_service_name:
    description: The service principal, such as C(config.amazonaws.com).
    type: str
    required: true
  custom_suffix:
    description: A suffix for services that allow several service-linked roles; most do not.
    type: str
  description:
    description: The role's description, when it is created.
    type: str
  state:
    description: Whether the role exists.
    type: str
    choices: [present, absent]
    default: present
  wait_timeout:
    description: With O(state=absent), seconds to wait for AWS to delete the role.
    type: int
    default: 300
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(iam:ListRoles), C(iam:CreateServiceLinkedRole), and for O(state=absent)
    C(iam:DeleteServiceLinkedRole) and C(iam:GetServiceLinkedRoleDeletionStatus).
"""

EXAMPLES = r"""
- name: Let AWS Config record through its service-linked role
  devsecops.aws.iam_service_linked_role:
    aws_service_name: config.amazonaws.com
  register: config_role

- name: Point the recorder at it
  devsecops.aws.config_recorder:
    name: default
    role_arn: "{{ config_role.role.arn }}"
"""

RETURN = r"""
role:
  description: The role after the task; empty when it does not exist.
  returned: always
  type: dict
  contains:
    role_name:
      description: The role's name.
      returned: when it exists
      type: str
      sample: AWSServiceRoleForConfig
    arn:
      description: The role's ARN.
      returned: when it exists
      type: str
      sample: arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig
    path:
      description: The role's path.
      returned: when it exists
      type: str
      sample: /aws-service-role/config.amazonaws.com/
"""

import time

from ansible_collections.devsecops.aws.plugins.module_utils import _iam as iam
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report


def summary(role):
    return {"role_name": role["RoleName"], "arn": role["Arn"], "path": role["Path"]} if role else {}


def find(client, service_name, suffix):
    for role in iam.list_service_roles(client, service_name):
        if (suffix and role["RoleName"].endswith("_" + suffix)) or (not suffix and "_" not in role["RoleName"]):
            return role
    return None


def wait_for_deletion(module, client, task_id):
    deadline = time.monotonic() + module.params["wait_timeout"]
    while time.monotonic() < deadline:
        status = iam.deletion_status(client, task_id)
        if status["Status"] == "SUCCEEDED":
            return
        if status["Status"] == "FAILED":
            reason = status.get("Reason") or {}
            usage = "; ".join(
                f"{use.get('Region')}: {', '.join(use.get('Resources', []))}" for use in reason.get("RoleUsageList", [])
            )
            module.fail_json(msg=f"AWS did not delete the service-linked role: {reason.get('Reason', '')} {usage}".strip())
        time.sleep(5)
    module.fail_json(msg=f"AWS had not deleted the service-linked role after {module.params['wait_timeout']} seconds")


def main():
    argument_spec = dict(
        aws_service_name=dict(type="str", required=True),
        custom_suffix=dict(type="str"),
        description=dict(type="str"),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        wait_timeout=dict(type="int", default=300),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    client = module.client("iam")
    try:
        role = find(client, params["aws_service_name"], params["custom_suffix"])
        before = summary(role)
        if params["state"] == "present":
            if role is None and not module.check_mode:
                role = iam.create_service_linked_role(
                    client, params["aws_service_name"], params["description"], params["custom_suffix"]
                )
            after = summary(role) or {"path": iam.service_role_path(params["aws_service_name"])}
        else:
            if role is not None and not module.check_mode:
                wait_for_deletion(module, client, iam.delete_service_linked_role(client, role["RoleName"]))
            after = {}
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(**report(module, before, after, role=after))


if __name__ == "__main__":
    main()
