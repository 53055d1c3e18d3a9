# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: secretsmanager_secret_info
short_description: Read an AWS Secrets Manager secret's settings, never its value
version_added: 0.1.0
description:
  - Reads whether a secret exists and its settings (C(DescribeSecret)) and resource policy
    (C(GetResourcePolicy)), so that a play can check how a secret is kept without seeing it.
  - It never reads the secret's value. It makes no C(GetSecretValue) call and needs no
    C(secretsmanager:GetSecretValue) permission, so its result is safe to log.
  - A secret scheduled for deletion cannot be read or used, and C(ListSecrets) leaves it out by default.
    Here it counts as not existing, and RV(deleted_date) says when AWS deletes it.
  - community.aws has C(secretsmanager_secret) to manage secrets, but no module that reads one back
    without its value.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description: The secret's name or ARN.
    type: str
    required: true
extends_documentation_fragment:
  - devsecops.aws.attributes.info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(secretsmanager:DescribeSecret) and C(secretsmanager:GetResourcePolicy).
"""

EXAMPLES = r"""
- name: Read the Slack webhook secret's settings
  devsecops.aws.secretsmanager_secret_info:
    name: devsecops/security-alerts/slack-webhook
  register: webhook_secret

- name: Check that it is encrypted with the collection's key and readable only by the notifier
  ansible.builtin.assert:
    that:
      - webhook_secret.exists
      - webhook_secret.secret.kms_key_id is defined
      - webhook_secret.secret.resource_policy.Statement | selectattr('Effect', 'equalto', 'Deny') | list | length > 0
"""

RETURN = r"""
exists:
  description: Whether the secret exists and is not scheduled for deletion.
  returned: always
  type: bool
  sample: true
deleted_date:
  description: When AWS deletes a secret that is scheduled for deletion.
  returned: when the secret is scheduled for deletion
  type: str
  sample: "2026-12-29T01:02:03+00:00"
secret:
  description: The secret's settings, never its value; empty when it does not exist.
  returned: always
  type: dict
  contains:
    arn:
      description: The secret's ARN.
      returned: when it exists
      type: str
      sample: arn:aws:secretsmanager:us-east-1:123456789012:secret:devsecops/security-alerts/slack-webhook-AbCdEf
    name:
      description: The secret's name.
      returned: when it exists
      type: str
      sample: devsecops/security-alerts/slack-webhook
    description:
      description: The secret's description; empty when it has none.
      returned: when it exists
      type: str
      sample: Slack incoming webhook of the security alerts notifier
    kms_key_id:
      description:
        - The KMS key the secret is encrypted with; AWS leaves it out for the account's C(aws/secretsmanager) key.
      returned: when it exists and a key is set
      type: str
      sample: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
    rotation_enabled:
      description: Whether automatic rotation is on.
      returned: when it exists
      type: bool
      sample: false
    rotation_lambda_arn:
      description: The function that rotates the secret.
      returned: when it exists and one is set
      type: str
      sample: arn:aws:lambda:us-east-1:123456789012:function:rotate-webhook
    rotation_rules:
      description: When the secret is rotated.
      returned: when it exists and rotation is set up
      type: dict
      sample: {"automatically_after_days": 30}
    tags:
      description: The secret's tags.
      returned: when it exists
      type: dict
      sample: {"Owner": "security"}
    resource_policy:
      description: The secret's resource policy as a dict; empty when it has none.
      returned: when it exists
      type: dict
      sample: {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Resource": "*",
               "Action": "secretsmanager:GetSecretValue",
               "Condition": {"StringNotEquals": {"aws:PrincipalArn": "arn:aws:iam::123456789012:role/notifier"}}}]}
"""

import json

from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_list_to_ansible_dict
from ansible_collections.amazon.aws.plugins.module_utils.transformation import camel_dict_to_snake_dict

from ansible_collections.devsecops.aws.plugins.module_utils import _secretsmanager as secretsmanager
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError

# DescribeSecret keys returned only when set.
OPTIONAL_KEYS = ("KmsKeyId", "RotationLambdaARN", "RotationRules")


def secret_info(client, described):
    policy = secretsmanager.get_resource_policy(client, described["ARN"])
    info = {
        "arn": described["ARN"],
        "name": described["Name"],
        "description": described.get("Description", ""),
        "rotation_enabled": described.get("RotationEnabled", False),
        "tags": boto3_tag_list_to_ansible_dict(described.get("Tags", [])),
        "resource_policy": json.loads(policy or "{}"),
    }
    info.update(camel_dict_to_snake_dict({key: described[key] for key in OPTIONAL_KEYS if described.get(key)}))
    return info


def main():
    module = DevSecOpsAWSModule(argument_spec=dict(name=dict(type="str", required=True)), supports_check_mode=True)
    client = module.client("secretsmanager")
    result = {"exists": False, "secret": {}}
    try:
        described = secretsmanager.describe_secret(client, module.params["name"])
        if described and described.get("DeletedDate"):
            result["deleted_date"] = described["DeletedDate"]
        elif described:
            result = {"exists": True, "secret": secret_info(client, described)}
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, **result)


if __name__ == "__main__":
    main()
