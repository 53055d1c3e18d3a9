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
  - With O(publishing_destinations), also where its findings are exported
    (C(ListPublishingDestinations), C(DescribePublishingDestination)), which no amazon.aws or
    community.aws module reads.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  publishing_destinations:
    description: Whether to read the detector's publishing destinations too.
    type: bool
    default: false
extends_documentation_fragment:
  - devsecops.aws.attributes.info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(guardduty:ListDetectors) and C(guardduty:GetDetector); with O(publishing_destinations),
    also C(guardduty:ListPublishingDestinations) and C(guardduty:DescribePublishingDestination).
"""

EXAMPLES = r"""
- name: Read the detector of the connection's region
  devsecops.aws.guardduty_detector_info:
  register: guardduty

- name: Stop when GuardDuty is off
  ansible.builtin.assert:
    that: guardduty.detector.status | default('') == 'ENABLED'
    fail_msg: GuardDuty is not on in {{ guardduty.region }}; run the devsecops.aws.guardduty role first.

- name: Read where the detector exports its findings
  devsecops.aws.guardduty_detector_info:
    publishing_destinations: true
  register: guardduty

- name: Check that findings go to the KMS-encrypted bucket
  ansible.builtin.assert:
    that:
      - guardduty.publishing_destinations | selectattr('destination_type', 'equalto', 'S3')
        | selectattr('status', 'equalto', 'PUBLISHING') | list | length == 1
      - guardduty.publishing_destinations[0].kms_key_arn is match('arn:aws:kms:')
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
  sample: {"status": "ENABLED", "finding_publishing_frequency": "FIFTEEN_MINUTES",
           "service_role": "arn:aws:iam::123456789012:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty",
           "features": [{"name": "S3_DATA_EVENTS", "status": "ENABLED"}], "tags": {}}
publishing_destinations:
  description: The detector's publishing destinations, by id; empty when the region has no detector.
  returned: when O(publishing_destinations=true)
  type: list
  elements: dict
  contains:
    destination_id:
      description: The destination's id.
      returned: always
      type: str
      sample: a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9
    destination_type:
      description: The kind of destination; GuardDuty exports only to C(S3).
      returned: always
      type: str
      sample: S3
    status:
      description:
        - Whether GuardDuty can export to it (C(PUBLISHING), C(UNABLE_TO_PUBLISH_FIX_DESTINATION_PROPERTY),
          C(PENDING_VERIFICATION), C(STOPPED)).
      returned: always
      type: str
      sample: PUBLISHING
    destination_arn:
      description: The bucket's ARN, with the key prefix when there is one.
      returned: always
      type: str
      sample: arn:aws:s3:::123456789012-guardduty-findings
    kms_key_arn:
      description: The KMS key the exported findings are encrypted with.
      returned: always
      type: str
      sample: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
"""

from ansible_collections.amazon.aws.plugins.module_utils.transformation import camel_dict_to_snake_dict

from ansible_collections.devsecops.aws.plugins.module_utils import _guardduty as guardduty
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError


def publishing_destinations(client, detector_id):
    destinations = [
        dict(
            destination_id=destination["DestinationId"],
            destination_type=destination["DestinationType"],
            status=destination["Status"],
            **guardduty.destination_properties(destination),
        )
        for destination in guardduty.publishing_destinations(client, detector_id)
    ]
    return sorted(destinations, key=lambda destination: destination["destination_id"])


def main():
    argument_spec = dict(publishing_destinations=dict(type="bool", default=False))
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    client = module.client("guardduty")
    result = {}
    try:
        detector_id, detector = guardduty.find_detector(client)
        if module.params["publishing_destinations"]:
            result["publishing_destinations"] = publishing_destinations(client, detector_id) if detector_id else []
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    detector = dict(detector or {})
    detector.pop("ResponseMetadata", None)
    module.exit_json(
        changed=False,
        region=module.region,
        detector_id=detector_id or "",
        detector=camel_dict_to_snake_dict(detector, ignore_list=["Tags"]),
        **result,
    )


if __name__ == "__main__":
    main()
