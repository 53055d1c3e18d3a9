# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: lambda_reserved_concurrency_info
short_description: Read a Lambda function's reserved concurrency
version_added: 0.1.0
description:
  - Reads how many concurrent executions are reserved for a function (C(GetFunctionConcurrency));
    C(amazon.aws.lambda_info) does not report it.
author:
  - devsecops.aws maintainers
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
  - Needs C(lambda:GetFunctionConcurrency).
"""

EXAMPLES = r"""
- name: Read the WAF log transform's reservation
  devsecops.aws.lambda_reserved_concurrency_info:
    name: devsecops-siem-waf-transform
  register: reservation
"""

RETURN = r"""
reserved_concurrent_executions:
  description: The reservation; null when there is none.
  returned: always
  type: int
  sample: 10
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _lambda as awslambda
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError


def main():
    module = DevSecOpsAWSModule(argument_spec=dict(name=dict(type="str", required=True)), supports_check_mode=True)
    try:
        held = awslambda.get_reserved_concurrency(module.client("lambda"), module.params["name"])
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, reserved_concurrent_executions=held)


if __name__ == "__main__":
    main()
