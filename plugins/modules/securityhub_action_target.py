# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: securityhub_action_target
short_description: Manage an AWS Security Hub custom action
version_added: 0.1.0
description:
  - Creates, updates or deletes a Security Hub custom action (an action target). Choosing the
    action on findings in the console sends them to EventBridge as
    C(Security Hub Findings - Custom Action) events with the action's ARN, which a rule can route
    (for example to the Slack notifier of the C(devsecops.aws.security_alerts) role).
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  id:
    description: The action's id, the last part of its ARN (C(action/custom/<id>)); up to 20 letters and digits.
    type: str
    required: true
  name:
    description: The name shown in the console, up to 20 characters. Required with O(state=present).
    type: str
  description:
    description: What the action does. Required with O(state=present).
    type: str
  state:
    description: Whether the custom action exists.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(securityhub:DescribeActionTargets), C(securityhub:CreateActionTarget),
    C(securityhub:UpdateActionTarget) and C(securityhub:DeleteActionTarget).
"""

EXAMPLES = r"""
- name: Add a "Send to Slack" action to findings
  devsecops.aws.securityhub_action_target:
    id: SendToSlack
    name: Send to Slack
    description: Send the selected findings to the security channel in Slack

- name: Remove it
  devsecops.aws.securityhub_action_target:
    id: SendToSlack
    state: absent
"""

RETURN = r"""
action_target:
  description: The custom action; empty when it does not exist (or is only about to, in check mode).
  returned: always
  type: dict
  contains:
    action_target_arn:
      description: The action's ARN, which EventBridge events for it carry in C(resources).
      returned: when it exists
      type: str
      sample: arn:aws:securityhub:us-east-1:123456789012:action/custom/SendToSlack
    name:
      description: The action's name.
      returned: when it exists
      type: str
      sample: Send to Slack
    description:
      description: The action's description.
      returned: when it exists
      type: str
      sample: Send the selected findings to the security channel in Slack
"""

from ansible_collections.amazon.aws.plugins.module_utils.transformation import camel_dict_to_snake_dict

from ansible_collections.devsecops.aws.plugins.module_utils import _securityhub as securityhub
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report


def find(client, action_id):
    suffix = f":action/custom/{action_id}"
    for target in securityhub.describe_action_targets(client):
        if target["ActionTargetArn"].endswith(suffix):
            return camel_dict_to_snake_dict(target)
    return None


def compared(target):
    return {"name": target["name"], "description": target["description"]} if target else {}


def ensure_present(module, client, existing):
    params = module.params
    wanted = {"name": params["name"], "description": params["description"]}
    if compared(existing) == wanted:
        return existing
    if module.check_mode:
        return dict(existing or {}, **wanted)
    if existing:
        securityhub.update_action_target(client, existing["action_target_arn"], params["name"], params["description"])
        return dict(existing, **wanted)
    arn = securityhub.create_action_target(client, params["id"], params["name"], params["description"])[
        "ActionTargetArn"
    ]
    return dict(wanted, action_target_arn=arn)


def ensure_absent(module, client, existing):
    if existing and not module.check_mode:
        securityhub.delete_action_target(client, existing["action_target_arn"])
    return {}


def main():
    argument_spec = dict(
        id=dict(type="str", required=True),
        name=dict(type="str"),
        description=dict(type="str"),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = DevSecOpsAWSModule(
        argument_spec=argument_spec,
        required_if=[("state", "present", ("name", "description"))],
        supports_check_mode=True,
    )
    client = module.client("securityhub")
    try:
        existing = find(client, module.params["id"])
        ensure = ensure_present if module.params["state"] == "present" else ensure_absent
        target = ensure(module, client, existing)
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(**report(module, compared(existing), compared(target), action_target=target))


if __name__ == "__main__":
    main()
