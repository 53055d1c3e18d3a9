# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: lambda_reserved_concurrency
short_description: Reserve concurrency for a Lambda function
version_added: 0.1.0
description:
  - Sets how many concurrent executions a function may use, reserved from the account's pool
    (C(PutFunctionConcurrency)), or removes the reservation (C(DeleteFunctionConcurrency)) with O(state=absent).
  - A reservation caps what a flood of events can cost and keeps other functions' share; the K-ISMS
    conformance pack's C(LAMBDA_CONCURRENCY_CHECK) asks for one.
  - C(amazon.aws.lambda) does not manage reserved concurrency; this module exists for that reason.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description: The function's name or ARN.
    type: str
    required: true
  reserved_concurrent_executions:
    description: The executions to reserve (0 stops the function from running). Required with O(state=present).
    type: int
  state:
    description: Whether the function has a reservation.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(lambda:GetFunctionConcurrency), C(lambda:PutFunctionConcurrency) and C(lambda:DeleteFunctionConcurrency).
"""

EXAMPLES = r"""
- name: Let the WAF log transform run at most 10 at a time
  devsecops.aws.lambda_reserved_concurrency:
    name: devsecops-siem-waf-transform
    reserved_concurrent_executions: 10
"""

RETURN = r"""
reserved_concurrent_executions:
  description: The reservation after the task; null when there is none.
  returned: always
  type: int
  sample: 10
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _lambda as awslambda
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report


def main():
    argument_spec = dict(
        name=dict(type="str", required=True),
        reserved_concurrent_executions=dict(type="int"),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = DevSecOpsAWSModule(
        argument_spec=argument_spec,
        required_if=[("state", "present", ("reserved_concurrent_executions",))],
        supports_check_mode=True,
    )
    params = module.params
    client = module.client("lambda")
    try:
        concurrency = awslambda.get_function_concurrency(client, params["name"])
        if concurrency is None:
            module.fail_json(msg=f"Lambda function {params['name']} does not exist")
        held = concurrency.get("ReservedConcurrentExecutions")
        wanted = params["reserved_concurrent_executions"] if params["state"] == "present" else None
        if held != wanted and not module.check_mode:
            if wanted is None:
                awslambda.delete_function_concurrency(client, params["name"])
            else:
                awslambda.put_function_concurrency(client, params["name"], wanted)
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    before, after = {"reserved_concurrent_executions": held}, {"reserved_concurrent_executions": wanted}
    module.exit_json(**report(module, before, after, reserved_concurrent_executions=wanted))


if __name__ == "__main__":
    main()
