# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: lambda_function_settings_info
short_description: Read the AWS Lambda function settings amazon.aws.lambda_info does not
version_added: 0.1.0
description:
  - Reads whether a Lambda function exists and its unqualified ARN (C(GetFunctionConfiguration)), its
    reserved concurrency (C(GetFunctionConcurrency)) and its asynchronous invocation settings
    (C(GetFunctionEventInvokeConfig)), which M(amazon.aws.lambda_info) does not read.
  - The rest of what C(GetFunctionConfiguration) returns comes from M(amazon.aws.lambda_info), in its
    C(functions[0]) entry. The tracing mode is C(tracing_config.mode), the dead-letter target is
    C(dead_letter_config.target_arn) and the log group is C(logging_config.log_group).
  - M(amazon.aws.lambda_info) 10.x fails with C('function_name') on a function that does not exist
    (U(https://github.com/ansible-collections/amazon.aws/issues/2754)); RV(exists) tells first whether it does.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description: The function's name or ARN.
    type: str
    required: true
extends_documentation_fragment:
  - devsecops.aws.attributes.info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(lambda:GetFunctionConcurrency) and C(lambda:GetFunctionEventInvokeConfig).
"""

EXAMPLES = r"""
- name: Read the notifier's concurrency and retries
  devsecops.aws.lambda_function_settings_info:
    name: devsecops-security-alerts
  register: notifier

- name: Check that it cannot be flooded and failed alerts are kept
  ansible.builtin.assert:
    that:
      - notifier.exists
      - notifier.reserved_concurrency == 5
      - notifier.event_invoke_config.destination_config.on_failure.destination is match('arn:aws:sqs:')

- name: Read the rest of its configuration (tracing, dead-letter queue, log group)
  amazon.aws.lambda_info:
    name: devsecops-security-alerts
    query: config
  register: notifier_config
  when: notifier.exists
"""

RETURN = r"""
region:
  description: The region read, the connection's when O(region) is not given.
  returned: always
  type: str
  sample: us-east-1
exists:
  description: Whether the function exists.
  returned: always
  type: bool
  sample: true
function_arn:
  description: The function's unqualified ARN; empty when it does not exist.
  returned: always
  type: str
  sample: arn:aws:lambda:us-east-1:123456789012:function:devsecops-security-alerts
reserved_concurrency:
  description: The function's reserved concurrency; null when it has none (it shares the account's pool).
  returned: always
  type: int
  sample: 5
event_invoke_config:
  description: The function's asynchronous invocation settings in snake_case; empty when it has none.
  returned: always
  type: dict
  contains:
    maximum_retry_attempts:
      description: How often a failed asynchronous invocation is retried.
      returned: when set
      type: int
      sample: 2
    maximum_event_age_in_seconds:
      description: How long an event is kept for invocation.
      returned: when set
      type: int
      sample: 3600
    destination_config:
      description: Where the records of successful (C(on_success)) and failed (C(on_failure)) invocations go.
      returned: when set
      type: dict
      sample: {"on_failure": {"destination": "arn:aws:sqs:us-east-1:123456789012:devsecops-alerts-dlq"}}
    function_arn:
      description: The function (or version or alias) the settings belong to.
      returned: when it has settings
      type: str
      sample: arn:aws:lambda:us-east-1:123456789012:function:devsecops-security-alerts:$LATEST
    last_modified:
      description: When the settings last changed.
      returned: when it has settings
      type: str
      sample: "2026-11-29T01:02:03+00:00"
"""

import re

from ansible_collections.amazon.aws.plugins.module_utils.transformation import camel_dict_to_snake_dict

from ansible_collections.devsecops.aws.plugins.module_utils import _lambda as awslambda
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError

UNQUALIFIED = re.compile(r"^(arn:[^:]+:lambda:[^:]+:[^:]+:function:[^:]+).*$")


def function_settings(client, name):
    function = awslambda.get_function_configuration(client, name)
    if function is None:
        return {"exists": False, "function_arn": "", "reserved_concurrency": None, "event_invoke_config": {}}
    concurrency = awslambda.get_function_concurrency(client, name) or {}
    config = dict(awslambda.get_function_event_invoke_config(client, name))
    config.pop("ResponseMetadata", None)
    return {
        "exists": True,
        # Unqualified: what EventBridge targets and permissions name (a new function may answer ...:1).
        "function_arn": UNQUALIFIED.sub(r"\1", function["FunctionArn"]),
        "reserved_concurrency": concurrency.get("ReservedConcurrentExecutions"),
        "event_invoke_config": camel_dict_to_snake_dict(config),
    }


def main():
    module = DevSecOpsAWSModule(argument_spec=dict(name=dict(type="str", required=True)), supports_check_mode=True)
    client = module.client("lambda")
    try:
        result = function_settings(client, module.params["name"])
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, region=module.region, **result)


if __name__ == "__main__":
    main()
