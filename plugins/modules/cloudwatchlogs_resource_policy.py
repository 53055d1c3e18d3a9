# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: cloudwatchlogs_resource_policy
short_description: Manage a CloudWatch Logs resource policy
version_added: 0.1.0
description:
  - Puts an account-level CloudWatch Logs resource policy (C(PutResourcePolicy)), which lets AWS services such as
    OpenSearch Service write to log groups, or deletes it (C(DeleteResourcePolicy)) with O(state=absent).
  - The policy is compared with the one in place as IAM compares policies, and written only when they differ.
  - Neither amazon.aws nor community.aws manages these policies; this module exists for that reason.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description: The policy's name.
    type: str
    required: true
  policy:
    description: The policy document (a dict). Required with O(state=present).
    type: dict
  state:
    description: Whether the policy exists.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(logs:DescribeResourcePolicies), C(logs:PutResourcePolicy) and C(logs:DeleteResourcePolicy).
  - An account holds at most 10 such policies per region.
"""

EXAMPLES = r"""
- name: Let OpenSearch Service write the SIEM domain's logs
  devsecops.aws.cloudwatchlogs_resource_policy:
    name: devsecops-siem-opensearch-logs
    policy:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Principal: {Service: es.amazonaws.com}
          Action: [logs:CreateLogStream, logs:PutLogEvents]
          Resource: arn:aws:logs:us-east-1:123456789012:log-group:/aws/opensearch/devsecops-siem/*
          Condition: {StringEquals: {"aws:SourceAccount": "123456789012"}}
"""

RETURN = r"""
policy:
  description: The policy after the task; empty when there is none.
  returned: always
  type: dict
  sample: {Version: "2012-10-17", Statement: []}
"""

import json

from ansible_collections.amazon.aws.plugins.module_utils.policy import compare_policies

from ansible_collections.devsecops.aws.plugins.module_utils import _logs as logs
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report


def main():
    argument_spec = dict(
        name=dict(type="str", required=True),
        policy=dict(type="dict"),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, required_if=[("state", "present", ("policy",))], supports_check_mode=True)
    params = module.params
    client = module.client("logs")
    try:
        held = next((p for p in logs.describe_resource_policies(client) if p["policyName"] == params["name"]), None)
        before = json.loads(held["policyDocument"]) if held else {}
        if params["state"] == "present":
            after = before if before and not compare_policies(before, params["policy"]) else params["policy"]
            if after is not before and not module.check_mode:
                logs.put_resource_policy(client, params["name"], json.dumps(params["policy"], sort_keys=True))
        else:
            after = {}
            if held and not module.check_mode:
                logs.delete_resource_policy(client, params["name"])
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(**report(module, before, after, policy=after))


if __name__ == "__main__":
    main()
