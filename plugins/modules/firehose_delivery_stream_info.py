# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: firehose_delivery_stream_info
short_description: Read a Firehose delivery stream's settings
version_added: 0.1.0
description:
  - Reads a delivery stream with C(DescribeDeliveryStream) and returns its status and the settings
    M(devsecops.aws.firehose_delivery_stream) manages, with its tags.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description: The stream's name.
    type: str
    required: true
extends_documentation_fragment:
  - devsecops.aws.attributes.info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(firehose:DescribeDeliveryStream) and C(firehose:ListTagsForDeliveryStream).
"""

EXAMPLES = r"""
- name: Read the WAF log stream
  devsecops.aws.firehose_delivery_stream_info:
    name: aws-waf-logs-devsecops-siem
  register: waf_stream
"""

RETURN = r"""
exists:
  description: Whether the stream exists.
  returned: always
  type: bool
  sample: true
arn:
  description: The stream's ARN; empty when it does not exist.
  returned: always
  type: str
  sample: arn:aws:firehose:us-east-1:123456789012:deliverystream/aws-waf-logs-devsecops-siem
status:
  description: C(CREATING), C(ACTIVE), C(DELETING) or a failure state; empty when it does not exist.
  returned: always
  type: str
  sample: ACTIVE
delivery_stream:
  description: The settings, as RV(devsecops.aws.firehose_delivery_stream#module:delivery_stream) names them; empty when it does not exist.
  returned: always
  type: dict
  sample: {destination_type: opensearch, index_name: waf-logs, s3_backup_mode: FailedDocumentsOnly, tags: {}}
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _firehose as firehose
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError


def main():
    module = DevSecOpsAWSModule(argument_spec=dict(name=dict(type="str", required=True)), supports_check_mode=True)
    client = module.client("firehose")
    name = module.params["name"]
    try:
        stream = firehose.describe_delivery_stream(client, name)
        state = firehose.normalise(name, stream, firehose.list_tags(client, name)) if stream else {}
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    except ValueError as e:  # a stream to another kind of destination
        module.fail_json(msg=str(e))
    stream = stream or {}
    module.exit_json(
        changed=False,
        exists=bool(stream),
        arn=stream.get("DeliveryStreamARN", ""),
        status=stream.get("DeliveryStreamStatus", ""),
        delivery_stream=state,
    )


if __name__ == "__main__":
    main()
