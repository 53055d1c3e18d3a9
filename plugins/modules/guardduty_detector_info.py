# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: guardduty_detector_info
short_description: Read the Amazon GuardDuty detector of a region
version_added: 0.1.0
description:
  - Reads the region's GuardDuty detector (C(ListDetectors), C(GetDetector)), if there is one,
    and names the region read, which is the connection's when O(region) is not given.
author:
  - devsecops.aws maintainers
options: {}
extends_documentation_fragment:
  - devsecops.aws.attributes.info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(guardduty:ListDetectors) and C(guardduty:GetDetector).
"""

EXAMPLES = r"""
- name: Read the detector of the connection's region
  devsecops.aws.guardduty_detector_info:
  register: guardduty

- name: Stop when GuardDuty is off
  ansible.builtin.assert:
    that: guardduty.detector.status | default('') == 'ENABLED'
    fail_msg: GuardDuty is not on in {{ guardduty.region }}; run the devsecops.aws.guardduty role first.
"""

RETURN = r"""
region:
  description: The region read.
  returned: always
  type: str
  sample: us-east-1
detector_id:
  description: The detector's id; empty when the region has none.
  returned: always
  type: str
  sample: 12abc34d567e8fa901bc2d34e56789f0
detector:
  description: The detector as C(GetDetector) returns it, in snake_case with tags as a dict; empty when there is none.
  returned: always
  type: dict
  sample: {"status": "ENABLED", "finding_publishing_frequency": "FIFTEEN_MINUTES", "service_role": "arn:aws:iam::123456789012:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty",
           "features": [{"name": "S3_DATA_EVENTS", "status": "ENABLED"}], "tags": {}}
"""

from ansible_collections.amazon.aws.plugins.module_utils.transformation import camel_dict_to_snake_dict

from ansible_collections.devsecops.aws.plugins.module_utils import _guardduty as guardduty
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError


def main():
    module = DevSecOpsAWSModule(argument_spec={}, supports_check_mode=True)
    client = module.client("guardduty")
    try:
        detector_id, detector = guardduty.find_detector(client)
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    detector = dict(detector or {})
    detector.pop("ResponseMetadata", None)
    module.exit_json(
        changed=False,
        region=module.region,
        detector_id=detector_id or "",
        detector=camel_dict_to_snake_dict(detector, ignore_list=["Tags"]),
    )


if __name__ == "__main__":
    main()
