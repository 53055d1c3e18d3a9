# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: s3_bucket_object_lock
short_description: Set the default retention of an S3 bucket with Object Lock
version_added: 0.1.0
description:
  - Sets the default Object Lock retention (mode and days or years) of a bucket created with Object
    Lock on (M(amazon.aws.s3_bucket) with O(amazon.aws.s3_bucket#module:object_lock_enabled=true)).
  - M(amazon.aws.s3_bucket) compares the retention it reads with the one asked for verbatim, so an
    answer that also spells the unset period (C(Years=0) beside C(Days)) reads as a change on every
    run; this module compares normalised retentions, zero periods being unset.
  - AWS turns Object Lock on only when a bucket is created and never off; a bucket without it fails
    the task, saying so.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description: The bucket.
    type: str
    required: true
  mode:
    description: C(GOVERNANCE) (users with C(s3:BypassGovernanceRetention) may still delete) or C(COMPLIANCE) (no one may, not even root).
    type: str
    choices: [GOVERNANCE, COMPLIANCE]
    required: true
  days:
    description: The retention in days. One of O(days) and O(years).
    type: int
  years:
    description: The retention in years. One of O(days) and O(years).
    type: int
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(s3:GetBucketObjectLockConfiguration) and C(s3:PutBucketObjectLockConfiguration).
"""

EXAMPLES = r"""
- name: Create the evidence bucket with Object Lock
  amazon.aws.s3_bucket:
    name: 123456789012-aws-config
    object_lock_enabled: true

- name: Lock every new object for a year
  devsecops.aws.s3_bucket_object_lock:
    name: 123456789012-aws-config
    mode: GOVERNANCE
    days: 365
"""

RETURN = r"""
default_retention:
  description: The bucket's default retention after the task.
  returned: always
  type: dict
  sample: {"mode": "GOVERNANCE", "days": 365}
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _s3 as s3
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report


def main():
    argument_spec = dict(
        name=dict(type="str", required=True),
        mode=dict(type="str", choices=["GOVERNANCE", "COMPLIANCE"], required=True),
        days=dict(type="int"),
        years=dict(type="int"),
    )
    module = DevSecOpsAWSModule(
        argument_spec=argument_spec,
        required_one_of=[["days", "years"]],
        mutually_exclusive=[["days", "years"]],
        supports_check_mode=True,
    )
    params = module.params
    client = module.client("s3")
    period = "days" if params["days"] else "years"
    after = {"mode": params["mode"], period: params[period]}
    try:
        configuration = s3.get_object_lock_configuration(client, params["name"])
        if configuration.get("ObjectLockEnabled") != "Enabled":
            module.fail_json(msg=f"bucket {params['name']} has no Object Lock: AWS turns it on only when a bucket is created")
        before = s3.default_retention(configuration)
        if before != after and not module.check_mode:
            retention = {"Mode": after["mode"], period.capitalize(): after[period]}
            s3.put_object_lock_configuration(
                client, params["name"], {"ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": retention}}
            )
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(**report(module, before, after, default_retention=after))


if __name__ == "__main__":
    main()
