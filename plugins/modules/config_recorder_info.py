# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: config_recorder_info
short_description: Read the AWS Config configuration recorders and delivery channels of a region
version_added: 0.1.0
description:
  - Reads every configuration recorder of the region (C(DescribeConfigurationRecorders)) with whether it
    is recording (C(DescribeConfigurationRecorderStatus)), and every delivery channel
    (C(DescribeDeliveryChannels)).
  - community.aws has C(config_recorder) and C(config_delivery_channel) to manage them, but no module
    that reads them back.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options: {}
extends_documentation_fragment:
  - devsecops.aws.attributes.info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(config:DescribeConfigurationRecorders), C(config:DescribeConfigurationRecorderStatus) and
    C(config:DescribeDeliveryChannels).
"""

EXAMPLES = r"""
- name: Read the recorders and delivery channels
  devsecops.aws.config_recorder_info:
  register: config

- name: Check that all resources are recorded and delivered daily
  ansible.builtin.assert:
    that:
      - config.recorders | length == 1
      - config.recorders[0].recording
      - config.recorders[0].recording_group.all_supported
      - config.delivery_channels[0].config_snapshot_delivery_properties.delivery_frequency == 'TwentyFour_Hours'
"""

RETURN = r"""
recorders:
  description:
    - The configuration recorders by name, in snake_case, each with its status. Keys AWS does not return are left out.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The recorder's name.
      returned: always
      type: str
      sample: default
    role_arn:
      description: The role the recorder uses to read resource configurations.
      returned: always
      type: str
      sample: arn:aws:iam::123456789012:role/devsecops-aws-config
    recording_group:
      description: What it records.
      returned: always
      type: dict
      sample: {"all_supported": true, "include_global_resource_types": true, "resource_types": [],
               "exclusion_by_resource_types": {"resource_types": []},
               "recording_strategy": {"use_only": "ALL_SUPPORTED_RESOURCE_TYPES"}}
    recording_mode:
      description: How often it records.
      returned: when AWS returns it
      type: dict
      sample: {"recording_frequency": "CONTINUOUS", "recording_mode_overrides": []}
    recording:
      description: Whether it is recording now; false for a recorder that was never started.
      returned: always
      type: bool
      sample: true
    last_status:
      description: The status of its last recording (C(Pending), C(Success) or C(Failure)).
      returned: once it has been started
      type: str
      sample: Success
    last_start_time:
      description: When it was last started.
      returned: once it has been started
      type: str
      sample: "2026-11-29T01:02:03+00:00"
    last_stop_time:
      description: When it was last stopped.
      returned: once it has been stopped
      type: str
      sample: "2026-11-29T01:02:03+00:00"
    last_error_code:
      description: The error of its last failed recording.
      returned: after a failure
      type: str
      sample: AccessDenied
delivery_channels:
  description: The delivery channels by name, in snake_case. Keys AWS does not return are left out.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The channel's name.
      returned: always
      type: str
      sample: default
    s3_bucket_name:
      description: The bucket configuration snapshots and history go to.
      returned: always
      type: str
      sample: 123456789012-config
    s3_key_prefix:
      description: The prefix of the delivered objects.
      returned: when set
      type: str
      sample: config
    s3_kms_key_arn:
      description: The KMS key the delivered objects are encrypted with.
      returned: when set
      type: str
      sample: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
    sns_topic_arn:
      description: The topic configuration changes are announced on.
      returned: when set
      type: str
      sample: arn:aws:sns:us-east-1:123456789012:config
    config_snapshot_delivery_properties:
      description: How often snapshots are delivered (C(delivery_frequency)).
      returned: when set
      type: dict
      sample: {"delivery_frequency": "TwentyFour_Hours"}
"""

from ansible_collections.amazon.aws.plugins.module_utils.transformation import camel_dict_to_snake_dict

from ansible_collections.devsecops.aws.plugins.module_utils import _config as config
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError


def recorders(client):
    """Each recorder with its status; of a recorder never started, the status has only `recording` (false)."""
    statuses = {status["name"]: status for status in config.describe_recorder_statuses(client)}
    found = []
    for recorder in config.describe_recorders(client):
        status = dict({"recording": False}, **statuses.get(recorder["name"], {}))
        found.append(camel_dict_to_snake_dict(dict(recorder, **status)))
    return sorted(found, key=lambda recorder: recorder["name"])


def delivery_channels(client):
    channels = [camel_dict_to_snake_dict(channel) for channel in config.describe_delivery_channels(client)]
    return sorted(channels, key=lambda channel: channel["name"])


def main():
    module = DevSecOpsAWSModule(argument_spec={}, supports_check_mode=True)
    client = module.client("config")
    try:
        result = {"recorders": recorders(client), "delivery_channels": delivery_channels(client)}
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, **result)


if __name__ == "__main__":
    main()
