# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: s3_bucket_object_lock_info
short_description: Read an S3 bucket's Object Lock configuration
version_added: 0.1.0
description:
  - Reads whether S3 Object Lock is on for a bucket, and its default retention, with
    C(GetObjectLockConfiguration), which M(amazon.aws.s3_bucket_info) does not read.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description: The bucket.
    type: str
    required: true
extends_documentation_fragment:
  - devsecops.aws.attributes.info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(s3:GetBucketObjectLockConfiguration).
"""

EXAMPLES = r"""
- name: Read the evidence bucket's Object Lock
  devsecops.aws.s3_bucket_object_lock_info:
    name: 123456789012-aws-config
  register: lock

- name: Stop unless objects are locked for a year
  ansible.builtin.assert:
    that:
      - lock.enabled
      - lock.default_retention.days >= 365
"""

RETURN = r"""
enabled:
  description: Whether Object Lock is on for the bucket (false also when the bucket does not exist).
  returned: always
  type: bool
  sample: true
default_retention:
  description: The default retention of new objects; empty when there is none.
  returned: always
  type: dict
  sample: {"mode": "GOVERNANCE", "days": 365}
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _s3 as s3
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError


def main():
    module = DevSecOpsAWSModule(argument_spec=dict(name=dict(type="str", required=True)), supports_check_mode=True)
    client = module.client("s3")
    try:
        configuration = s3.get_object_lock_configuration(client, module.params["name"])
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(
        changed=False,
        enabled=configuration.get("ObjectLockEnabled") == "Enabled",
        default_retention=s3.default_retention(configuration),
    )


if __name__ == "__main__":
    main()
