# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: sns_topic_attributes
short_description: Set an Amazon SNS topic's KMS key and tracing
version_added: 0.1.0
description:
  - Sets the attributes of an existing topic that are given (C(SetTopicAttributes)), one call per attribute that
    differs from what C(GetTopicAttributes) reports; attributes not given are left as they are.
  - C(community.aws.sns_topic) creates topics and their subscriptions but sets no KMS key (C(KmsMasterKeyId)) and no
    C(TracingConfig), so its topics are not encrypted with a customer managed key as the collection's conformance
    packs check (C(SNS_ENCRYPTED_KMS)); this module exists for that reason, beside it.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  topic_arn:
    description: The topic's ARN.
    type: str
    required: true
  kms_master_key_id:
    description:
      - The KMS key SNS encrypts messages at rest with, by ARN, id or alias, compared as given (SNS reports it so).
      - An empty value turns encryption off.
    type: str
  tracing_config:
    description: Whether SNS passes X-Ray trace headers through (V(PassThrough)) or traces the topic itself (V(Active)).
    type: str
    choices: [PassThrough, Active]
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(sns:GetTopicAttributes) and C(sns:SetTopicAttributes); a customer managed key's policy must let the
    publishers (for example C(cloudwatch.amazonaws.com)) use C(kms:GenerateDataKey) and C(kms:Decrypt).
"""

EXAMPLES = r"""
- name: Encrypt the alarm topic with the alerts' key
  devsecops.aws.sns_topic_attributes:
    topic_arn: arn:aws:sns:us-east-1:123456789012:devsecops-security-alerts-alarms
    kms_master_key_id: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
"""

RETURN = r"""
attributes:
  description: The attributes the module manages, as they are after the task (null when not set on the topic).
  returned: always
  type: dict
  sample:
    kms_master_key_id: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
    tracing_config: PassThrough
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _sns as sns
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report

# Option name: SNS attribute name.
ATTRIBUTES = {"kms_master_key_id": "KmsMasterKeyId", "tracing_config": "TracingConfig"}


def main():
    argument_spec = dict(
        topic_arn=dict(type="str", required=True),
        kms_master_key_id=dict(type="str", no_log=False),
        tracing_config=dict(type="str", choices=["PassThrough", "Active"]),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    client = module.client("sns")
    try:
        found = sns.get_topic_attributes(client, params["topic_arn"])
        if found is None:
            module.fail_json(msg=f"SNS topic {params['topic_arn']} does not exist")
        before = {option: found.get(name) or None for option, name in ATTRIBUTES.items()}
        after = dict(before)
        for option, name in ATTRIBUTES.items():
            if params[option] is None or (params[option] or None) == before[option]:
                continue
            after[option] = params[option] or None
            if not module.check_mode:
                sns.set_topic_attribute(client, params["topic_arn"], name, params[option])
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(**report(module, before, after, attributes=after))


if __name__ == "__main__":
    main()
