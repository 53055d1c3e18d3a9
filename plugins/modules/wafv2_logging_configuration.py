# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: wafv2_logging_configuration
short_description: Log an AWS WAFv2 web ACL's requests to a Kinesis Data Firehose stream, with redacted fields and a filter
version_added: 0.1.0
description:
  - Sends the requests a web ACL inspects to a log destination (C(PutLoggingConfiguration)), with the
    fields to redact from the logs (for example the C(Authorization) and C(Cookie) headers) and an
    optional filter of which requests to keep (for example only the blocked ones).
  - With O(state=absent), stops the logging (C(DeleteLoggingConfiguration)).
  - Neither amazon.aws nor community.aws manages WAFv2 logging configurations; this module exists for that reason.
  - C(changed) comes from comparing the configuration found with the one asked for; header names are
    compared (and sent) in lower case, redacted fields in any order.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  web_acl_arn:
    description: The ARN of the web ACL whose requests are logged.
    type: str
    required: true
  log_destination_arns:
    description:
      - Where the logs go. WAF takes one destination; a Kinesis Data Firehose stream must be named
        C(aws-waf-logs-*) (so must a CloudWatch Logs log group or an S3 bucket). Required with O(state=present).
    type: list
    elements: str
  redacted_fields:
    description: Parts of the request replaced by C(REDACTED) in the logs.
    type: list
    elements: dict
    default: []
    suboptions:
      type:
        description: The part of the request.
        type: str
        required: true
        choices: [single_header, query_string, uri_path, method]
      name:
        description: The header's name, with O(redacted_fields[].type=single_header).
        type: str
  logging_filter:
    description: Which requests are logged; unset logs every request.
    type: dict
    suboptions:
      default_behavior:
        description: What happens to a request no filter matches.
        type: str
        choices: [KEEP, DROP]
        default: DROP
      filters:
        description: The filters, each keeping or dropping the requests that meet its conditions.
        type: list
        elements: dict
        required: true
        suboptions:
          behavior:
            description: Keep or drop the requests that meet the filter.
            type: str
            choices: [KEEP, DROP]
            default: KEEP
          requirement:
            description: A request meets the filter when it meets all its conditions, or any one.
            type: str
            choices: [MEETS_ALL, MEETS_ANY]
            default: MEETS_ANY
          conditions:
            description: Each is the action WAF took on the request, or a label it added.
            type: list
            elements: dict
            required: true
            suboptions:
              action:
                description: The action WAF took.
                type: str
                choices: [ALLOW, BLOCK, COUNT, CAPTCHA, CHALLENGE, EXCLUDED_AS_COUNT]
              label_name:
                description: A label WAF added (its full name, C(awswaf:...)).
                type: str
  state:
    description: Whether the web ACL logs its requests.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(wafv2:GetLoggingConfiguration), C(wafv2:PutLoggingConfiguration),
    C(wafv2:DeleteLoggingConfiguration), and for a Firehose destination C(iam:CreateServiceLinkedRole)
    (WAF's logging role) and C(firehose:ListDeliveryStreams).
"""

EXAMPLES = r"""
- name: Log the web ACL to the SIEM's stream, without credentials, only blocked requests
  devsecops.aws.wafv2_logging_configuration:
    web_acl_arn: arn:aws:wafv2:us-east-1:123456789012:regional/webacl/devsecops/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111
    log_destination_arns:
      - arn:aws:firehose:us-east-1:123456789012:deliverystream/aws-waf-logs-devsecops-siem
    redacted_fields:
      - {type: single_header, name: authorization}
      - {type: single_header, name: cookie}
    logging_filter:
      default_behavior: DROP
      filters:
        - conditions: [{action: BLOCK}]

- name: Stop logging the web ACL
  devsecops.aws.wafv2_logging_configuration:
    web_acl_arn: arn:aws:wafv2:us-east-1:123456789012:regional/webacl/devsecops/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111
    state: absent
"""

RETURN = r"""
logging_configuration:
  description: The logging configuration after the task (predicted in check mode); empty when there is none.
  returned: always
  type: dict
  sample:
    web_acl_arn: arn:aws:wafv2:us-east-1:123456789012:regional/webacl/devsecops/a1b2c3d4-5678-90ab-cdef-EXAMPLE11111
    log_destination_arns: [arn:aws:firehose:us-east-1:123456789012:deliverystream/aws-waf-logs-devsecops-siem]
    redacted_fields: [{type: single_header, name: authorization}, {type: single_header, name: cookie}]
    logging_filter: {default_behavior: DROP, filters: [{behavior: KEEP, requirement: MEETS_ANY, conditions: [{action: BLOCK}]}]}
    managed_by_firewall_manager: false
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _wafv2 as wafv2
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report


def wanted_configuration(params):
    """The API's LoggingConfiguration for the module's options."""
    configuration = {
        "ResourceArn": params["web_acl_arn"],
        "LogDestinationConfigs": params["log_destination_arns"],
    }
    if params["redacted_fields"]:
        configuration["RedactedFields"] = wafv2.redacted_fields_to_api(params["redacted_fields"])
    logging_filter = wafv2.logging_filter_to_api(params["logging_filter"])
    if logging_filter:
        configuration["LoggingFilter"] = logging_filter
    return configuration


def check_options(module):
    for field in module.params["redacted_fields"]:
        if (field["type"] == "single_header") != bool(field.get("name")):
            module.fail_json(msg=f"redacted_fields: a single_header needs a name, and only it: got {field}")
    for item in (module.params["logging_filter"] or {}).get("filters", []):
        for condition in item["conditions"]:
            if bool(condition.get("action")) == bool(condition.get("label_name")):
                module.fail_json(msg=f"logging_filter: each condition is an action or a label_name: got {condition}")


def main():
    condition = dict(
        action=dict(type="str", choices=["ALLOW", "BLOCK", "COUNT", "CAPTCHA", "CHALLENGE", "EXCLUDED_AS_COUNT"]),
        label_name=dict(type="str"),
    )
    filter_options = dict(
        behavior=dict(type="str", choices=["KEEP", "DROP"], default="KEEP"),
        requirement=dict(type="str", choices=["MEETS_ALL", "MEETS_ANY"], default="MEETS_ANY"),
        conditions=dict(type="list", elements="dict", required=True, options=condition),
    )
    argument_spec = dict(
        web_acl_arn=dict(type="str", required=True),
        log_destination_arns=dict(type="list", elements="str"),
        redacted_fields=dict(
            type="list",
            elements="dict",
            default=[],
            options=dict(
                type=dict(type="str", required=True, choices=list(wafv2.REDACTED_FIELD_KEYS)),
                name=dict(type="str"),
            ),
        ),
        logging_filter=dict(
            type="dict",
            options=dict(
                default_behavior=dict(type="str", choices=["KEEP", "DROP"], default="DROP"),
                filters=dict(type="list", elements="dict", required=True, options=filter_options),
            ),
        ),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = DevSecOpsAWSModule(
        argument_spec=argument_spec,
        required_if=[("state", "present", ("log_destination_arns",))],
        supports_check_mode=True,
    )
    check_options(module)
    params = module.params
    client = module.client("wafv2")
    try:
        before = wafv2.logging_configuration_from_api(wafv2.get_logging_configuration(client, params["web_acl_arn"]))
        if params["state"] == "present":
            configuration = wanted_configuration(params)
            after = wafv2.logging_configuration_from_api(dict(configuration, ManagedByFirewallManager=False))
            if before != after and not module.check_mode:
                wafv2.put_logging_configuration(client, configuration)
        else:
            after = {}
            if before and not module.check_mode:
                wafv2.delete_logging_configuration(client, params["web_acl_arn"])
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(**report(module, before, after, logging_configuration=after))


if __name__ == "__main__":
    main()
