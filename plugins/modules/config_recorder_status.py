# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: config_recorder_status
short_description: Start or stop the AWS Config configuration recorder
version_added: 0.1.0
description:
  - Starts (C(StartConfigurationRecorder)) or stops (C(StopConfigurationRecorder)) an existing AWS Config
    configuration recorder, so that it records, or does not, as O(recording) says.
  - M(community.aws.config_recorder) creates the recorder but never starts it; run this module after it and
    after M(community.aws.config_delivery_channel), since AWS Config starts a recorder only once it has a
    delivery channel.
  - In check mode a recorder that does not exist yet is reported as about to start.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description: The configuration recorder's name.
    type: str
    default: default
  recording:
    description: Whether the recorder records.
    type: bool
    default: true
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(config:DescribeConfigurationRecorderStatus), C(config:StartConfigurationRecorder) and
    C(config:StopConfigurationRecorder).
"""

EXAMPLES = r"""
- name: Create the configuration recorder
  community.aws.config_recorder:
    name: default
    role_arn: arn:aws:iam::123456789012:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig
    recording_group:
      all_supported: true
      include_global_types: true

- name: Start it
  devsecops.aws.config_recorder_status:
    name: default
    recording: true
"""

RETURN = r"""
name:
  description: The recorder's name.
  returned: always
  type: str
  sample: default
region:
  description: The region of the connection, the recorder's region.
  returned: always
  type: str
  sample: ap-northeast-2
recording:
  description: Whether the recorder records after the task (or would, in check mode).
  returned: always
  type: bool
  sample: true
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _config as config
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report


def find(client, name):
    """{"recording": bool} of the recorder, or None when there is no such recorder."""
    status = config.get_recorder_status(client, name)
    return None if status is None else {"recording": status["recording"]}


def ensure(module, client, before):
    name, wanted = module.params["name"], {"recording": module.params["recording"]}
    if before is None and not module.check_mode and wanted["recording"]:
        module.fail_json(msg=f"cannot start the configuration recorder {name}: it does not exist, create it first")
    if before is None and not wanted["recording"]:
        return {"recording": False}
    if before == wanted or module.check_mode:
        return wanted
    (config.start_recorder if wanted["recording"] else config.stop_recorder)(client, name)
    return wanted


def main():
    argument_spec = dict(
        name=dict(type="str", default="default"),
        recording=dict(type="bool", default=True),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    client = module.client("config")
    try:
        before = find(client, module.params["name"])
        after = ensure(module, client, before)
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    before = before or {"recording": False}
    module.exit_json(
        **report(module, before, after, name=module.params["name"], region=module.region, recording=after["recording"])
    )


if __name__ == "__main__":
    main()
