# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: guardduty_publishing_destination
short_description: Export Amazon GuardDuty findings to an S3 bucket, encrypted with KMS
version_added: 0.1.0
description:
  - Makes a GuardDuty detector export its findings to an S3 bucket, encrypting them with a KMS key
    (C(CreatePublishingDestination)), or points its existing S3 destination at another bucket or key
    (C(UpdatePublishingDestination)).
  - With O(state=absent), removes the detector's S3 destination (C(DeletePublishingDestination)).
  - The bucket policy must let C(guardduty.amazonaws.com) call C(s3:GetBucketLocation) and
    C(s3:PutObject), and the key policy let it call C(kms:GenerateDataKey); the
    C(devsecops.aws.guardduty) role sets both up.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  detector_id:
    description: The detector whose findings are exported (RV(devsecops.aws.guardduty_detector#module:detector_id)).
    type: str
    required: true
  destination_arn:
    description:
      - The bucket's ARN, optionally with a prefix (C(arn:aws:s3:::my-bucket/guardduty)). Required with O(state=present).
    type: str
  kms_key_arn:
    description: The ARN of the KMS key findings are encrypted with, in the detector's region. Required with O(state=present).
    type: str
  state:
    description: Whether the detector exports its findings to S3.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(guardduty:ListPublishingDestinations), C(guardduty:DescribePublishingDestination),
    C(guardduty:CreatePublishingDestination), C(guardduty:UpdatePublishingDestination) and
    C(guardduty:DeletePublishingDestination).
"""

EXAMPLES = r"""
- name: Turn GuardDuty on
  devsecops.aws.guardduty_detector:
  register: detector

- name: Export its findings to the findings bucket
  devsecops.aws.guardduty_publishing_destination:
    detector_id: "{{ detector.detector_id }}"
    destination_arn: arn:aws:s3:::example-guardduty-findings
    kms_key_arn: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
"""

RETURN = r"""
destination_id:
  description: The publishing destination's id; empty when there is none (or only about to be one, in check mode).
  returned: always
  type: str
  sample: a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9
destination:
  description: Where findings are exported after the task; empty when they are not.
  returned: always
  type: dict
  contains:
    destination_arn:
      description: The bucket ARN (and prefix).
      returned: when findings are exported
      type: str
      sample: arn:aws:s3:::example-guardduty-findings
    kms_key_arn:
      description: The KMS key that encrypts the findings.
      returned: when findings are exported
      type: str
      sample: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _guardduty as guardduty
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report


def find(client, detector_id):
    """(destination id, {destination_arn, kms_key_arn}) of the detector's S3 destination, or (None, {})."""
    for destination in guardduty.list_publishing_destinations(client, detector_id):
        if destination["DestinationType"] == "S3":
            described = guardduty.describe_publishing_destination(client, detector_id, destination["DestinationId"])
            return destination["DestinationId"], guardduty.destination_properties(described)
    return None, {}


def ensure_present(module, client, destination_id, before):
    params = module.params
    wanted = {"destination_arn": params["destination_arn"], "kms_key_arn": params["kms_key_arn"]}
    if before == wanted or module.check_mode:
        return destination_id, wanted
    properties = {"DestinationArn": params["destination_arn"], "KmsKeyArn": params["kms_key_arn"]}
    if destination_id is None:
        return guardduty.create_publishing_destination(client, params["detector_id"], properties), wanted
    guardduty.update_publishing_destination(client, params["detector_id"], destination_id, properties)
    return destination_id, wanted


def ensure_absent(module, client, destination_id, before):
    if destination_id and not module.check_mode:
        guardduty.delete_publishing_destination(client, module.params["detector_id"], destination_id)
    return None, {}


def main():
    argument_spec = dict(
        detector_id=dict(type="str", required=True),
        destination_arn=dict(type="str"),
        kms_key_arn=dict(type="str", no_log=False),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = DevSecOpsAWSModule(
        argument_spec=argument_spec,
        required_if=[("state", "present", ("destination_arn", "kms_key_arn"))],
        supports_check_mode=True,
    )
    client = module.client("guardduty")
    try:
        destination_id, before = find(client, module.params["detector_id"])
        ensure = ensure_present if module.params["state"] == "present" else ensure_absent
        destination_id, after = ensure(module, client, destination_id, before)
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(**report(module, before, after, destination_id=destination_id or "", destination=after))


if __name__ == "__main__":
    main()
