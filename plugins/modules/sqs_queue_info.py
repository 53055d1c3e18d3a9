# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: sqs_queue_info
short_description: Read an Amazon SQS queue's attributes and tags
version_added: 0.1.0
description:
  - Reads whether a queue exists, every attribute it has (C(GetQueueAttributes) with C(All)) and its
    tags (C(ListQueueTags)).
  - Attributes keep the names AWS gives them and their values stay text, as AWS returns them, except
    the JSON documents (C(Policy), C(RedrivePolicy), C(RedriveAllowPolicy)), which are parsed to dicts.
  - community.aws has C(sqs_queue) to manage queues, but no module that reads one back.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description: The queue's name (in the connection's account and region) or URL.
    type: str
    required: true
extends_documentation_fragment:
  - devsecops.aws.attributes.info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(sqs:GetQueueUrl) (for a name), C(sqs:GetQueueAttributes) and C(sqs:ListQueueTags).
"""

EXAMPLES = r"""
- name: Read the alerts dead-letter queue
  devsecops.aws.sqs_queue_info:
    name: devsecops-alerts-dlq
  register: dlq

- name: Check that it is encrypted and keeps messages for 14 days
  ansible.builtin.assert:
    that:
      - dlq.exists
      - dlq.queue.attributes.KmsMasterKeyId is defined or dlq.queue.attributes.SqsManagedSseEnabled == 'true'
      - dlq.queue.attributes.MessageRetentionPeriod == '1209600'
"""

RETURN = r"""
exists:
  description: Whether the queue exists.
  returned: always
  type: bool
  sample: true
queue:
  description: The queue; empty when it does not exist.
  returned: always
  type: dict
  contains:
    url:
      description: The queue's URL.
      returned: when it exists
      type: str
      sample: https://sqs.us-east-1.amazonaws.com/123456789012/devsecops-alerts-dlq
    arn:
      description: The queue's ARN.
      returned: when it exists
      type: str
      sample: arn:aws:sqs:us-east-1:123456789012:devsecops-alerts-dlq
    attributes:
      description:
        - Every attribute of the queue, named as AWS names them, values as text except the parsed
          C(Policy), C(RedrivePolicy) and C(RedriveAllowPolicy).
      returned: when it exists
      type: dict
      sample: {"QueueArn": "arn:aws:sqs:us-east-1:123456789012:devsecops-alerts-dlq",
               "MessageRetentionPeriod": "1209600", "VisibilityTimeout": "30", "SqsManagedSseEnabled": "true",
               "RedriveAllowPolicy": {"redrivePermission": "allowAll"}}
    tags:
      description: The queue's tags.
      returned: when it exists
      type: dict
      sample: {"Owner": "security"}
"""

import json

from ansible_collections.devsecops.aws.plugins.module_utils import _sqs as sqs
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError

# Attributes whose values are JSON documents.
JSON_ATTRIBUTES = ("Policy", "RedrivePolicy", "RedriveAllowPolicy")


def queue_url(client, name_or_url):
    return name_or_url if "://" in name_or_url else sqs.get_queue_url(client, name_or_url)


def parsed(attributes):
    return {key: json.loads(value) if key in JSON_ATTRIBUTES and value else value for key, value in attributes.items()}


def find_queue(client, name_or_url):
    """The queue's url, arn, attributes and tags, or None when it does not exist."""
    url = queue_url(client, name_or_url)
    attributes = sqs.get_queue_attributes(client, url) if url else None
    if attributes is None:
        return None
    tags = sqs.list_queue_tags(client, url)
    return {"url": url, "arn": attributes["QueueArn"], "attributes": parsed(attributes), "tags": tags}


def main():
    module = DevSecOpsAWSModule(argument_spec=dict(name=dict(type="str", required=True)), supports_check_mode=True)
    client = module.client("sqs")
    try:
        queue = find_queue(client, module.params["name"])
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, exists=queue is not None, queue=queue or {})


if __name__ == "__main__":
    main()
