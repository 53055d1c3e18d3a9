# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: wafv2_logging_configuration_info
short_description: Read an AWS WAFv2 web ACL's logging configuration
version_added: 0.1.0
description:
  - Reads where a web ACL logs its requests, which fields it redacts and which requests its filter keeps
    (C(GetLoggingConfiguration)), as RV(devsecops.aws.wafv2_logging_configuration#module:logging_configuration) names them.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  web_acl_arn:
    description: The ARN of the web ACL.
    type: str
    required: true
extends_documentation_fragment:
  - devsecops.aws.attributes.info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(wafv2:GetLoggingConfiguration).
"""

EXAMPLES = r"""
- name: Read how the web ACL logs
  devsecops.aws.wafv2_logging_configuration_info:
    web_acl_arn: arn:aws:wafv2:us-east-1:123456789012:regional/webacl/devsecops/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111
  register: logging
"""

RETURN = r"""
exists:
  description: Whether the web ACL logs its requests.
  returned: always
  type: bool
  sample: true
logging_configuration:
  description: The logging configuration; empty when there is none (or no such web ACL).
  returned: always
  type: dict
  sample:
    web_acl_arn: arn:aws:wafv2:us-east-1:123456789012:regional/webacl/devsecops/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111
    log_destination_arns: [arn:aws:firehose:us-east-1:123456789012:deliverystream/aws-waf-logs-devsecops-siem]
    redacted_fields: [{type: single_header, name: authorization}, {type: single_header, name: cookie}]
    logging_filter: {}
    managed_by_firewall_manager: false
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _wafv2 as wafv2
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError


def main():
    module = DevSecOpsAWSModule(argument_spec=dict(web_acl_arn=dict(type="str", required=True)), supports_check_mode=True)
    client = module.client("wafv2")
    try:
        found = wafv2.get_logging_configuration(client, module.params["web_acl_arn"])
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    configuration = wafv2.logging_configuration_from_api(found)
    module.exit_json(changed=False, exists=bool(configuration), logging_configuration=configuration)


if __name__ == "__main__":
    main()
