# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: config_recorder
short_description: Manage the AWS Config configuration recorder that records all supported resources
version_added: 0.1.0
description:
  - Creates or updates (C(PutConfigurationRecorder)) a configuration recorder that records every resource type
    AWS Config supports, with or without global resources (IAM), or deletes it (C(DeleteConfigurationRecorder)).
  - Unlike M(community.aws.config_recorder) it supports check and diff mode and compares only the settings it
    manages, so it reports no change when AWS adds fields such as C(recordingStrategy) to its answer.
  - It does not start the recorder; M(devsecops.aws.config_recorder_status) does.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description: The configuration recorder's name.
    type: str
    default: default
  role_arn:
    description: The IAM role AWS Config records with. Required with O(state=present).
    type: str
  include_global_resource_types:
    description: Also record global resources; turn it on in one region of the account only.
    type: bool
    default: false
  state:
    description: Whether the recorder exists.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(config:DescribeConfigurationRecorders), C(config:PutConfigurationRecorder),
    C(config:DeleteConfigurationRecorder) and C(iam:PassRole) on O(role_arn).
"""

EXAMPLES = r"""
- name: Record every supported resource, IAM included, in the home region
  devsecops.aws.config_recorder:
    role_arn: arn:aws:iam::123456789012:role/devsecops-aws-config
    include_global_resource_types: true
"""

RETURN = r"""
recorder:
  description: The recorder's settings after the task; empty when it does not exist.
  returned: always
  type: dict
  sample:
    name: default
    role_arn: arn:aws:iam::123456789012:role/devsecops-aws-config
    include_global_resource_types: true
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _config as config
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report


def normalise(recorder):
    group = recorder.get("recordingGroup", {})
    return {
        "name": recorder["name"],
        "role_arn": recorder.get("roleARN"),
        "all_supported": group.get("allSupported", False),
        "include_global_resource_types": group.get("includeGlobalResourceTypes", False),
    }


def ensure_present(module, client, before):
    params = module.params
    after = {
        "name": params["name"],
        "role_arn": params["role_arn"],
        "all_supported": True,
        "include_global_resource_types": params["include_global_resource_types"],
    }
    if before != after and not module.check_mode:
        group = {"allSupported": True, "includeGlobalResourceTypes": after["include_global_resource_types"]}
        config.put_recorder(client, {"name": after["name"], "roleARN": after["role_arn"], "recordingGroup": group})
    return after


def ensure_absent(module, client, before):
    if before and not module.check_mode:
        config.delete_recorder(client, module.params["name"])
    return {}


def main():
    argument_spec = dict(
        name=dict(type="str", default="default"),
        role_arn=dict(type="str"),
        include_global_resource_types=dict(type="bool", default=False),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = DevSecOpsAWSModule(
        argument_spec=argument_spec, required_if=[("state", "present", ("role_arn",))], supports_check_mode=True
    )
    client = module.client("config")
    try:
        existing = config.get_recorder(client, module.params["name"])
        before = normalise(existing) if existing else {}
        ensure = ensure_present if module.params["state"] == "present" else ensure_absent
        after = ensure(module, client, before)
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(**report(module, before, after, recorder=after))


if __name__ == "__main__":
    main()
