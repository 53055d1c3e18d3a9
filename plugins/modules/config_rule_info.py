# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: config_rule_info
short_description: Read AWS Config rules
version_added: 0.1.0
description:
  - Reads the AWS Config rules of the region (C(DescribeConfigRules)) named in O(names), those whose
    names start with O(name_prefix), the rules that pass both filters when both are given, or all of them.
  - A name that does not exist is left out of the result. AWS answers an unknown name with
    C(NoSuchConfigRuleException), which fails the whole request, so each name is read on its own.
  - community.aws has C(config_rule) to manage rules, but no module that reads them back.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  names:
    description: The rules to read; unset or empty reads every rule (O(name_prefix) still applies).
    type: list
    elements: str
  name_prefix:
    description: Read only the rules whose names start with this.
    type: str
extends_documentation_fragment:
  - devsecops.aws.attributes.info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(config:DescribeConfigRules).
  - The rules of a conformance pack are named after the pack's rules with a suffix
    (C(<rule>-conformance-pack-<id>)); M(devsecops.aws.config_conformance_pack_info) lists them by pack.
"""

EXAMPLES = r"""
- name: Read the rules the aws_config role manages
  devsecops.aws.config_rule_info:
    names: [iam-password-policy, root-account-mfa-enabled]
  register: config_rules

- name: Check that both are active and the password policy asks for 14 characters
  ansible.builtin.assert:
    that:
      - config_rules.rules | map(attribute='config_rule_state') | unique == ['ACTIVE']
      - (config_rules.rules | selectattr('config_rule_name', 'equalto', 'iam-password-policy') | first)
        .input_parameters.MinimumPasswordLength == '14'

- name: Read every rule whose name starts with securityhub-
  devsecops.aws.config_rule_info:
    name_prefix: securityhub-
"""

RETURN = r"""
rules:
  description: The rules found, by name, in snake_case. Keys AWS does not return are left out.
  returned: always
  type: list
  elements: dict
  contains:
    config_rule_name:
      description: The rule's name.
      returned: always
      type: str
      sample: iam-password-policy
    config_rule_arn:
      description: The rule's ARN.
      returned: always
      type: str
      sample: arn:aws:config:us-east-1:123456789012:config-rule/config-rule-abc123
    config_rule_id:
      description: The rule's id.
      returned: always
      type: str
      sample: config-rule-abc123
    config_rule_state:
      description: C(ACTIVE), C(EVALUATING), C(DELETING) or C(DELETING_RESULTS).
      returned: always
      type: str
      sample: ACTIVE
    source:
      description: Who owns the rule (C(AWS), C(CUSTOM_LAMBDA), C(CUSTOM_POLICY)) and, for a managed rule, which it is.
      returned: always
      type: dict
      sample: {"owner": "AWS", "source_identifier": "IAM_PASSWORD_POLICY"}
    input_parameters:
      description: The rule's parameters (AWS keeps them as a JSON text) as a dict; empty when it has none.
      returned: always
      type: dict
      sample: {"MinimumPasswordLength": "14", "RequireSymbols": "true"}
    maximum_execution_frequency:
      description: How often a periodic rule runs.
      returned: when set
      type: str
      sample: TwentyFour_Hours
    scope:
      description: The resources the rule evaluates.
      returned: when set
      type: dict
      sample: {"compliance_resource_types": ["AWS::S3::Bucket"]}
    description:
      description: The rule's description.
      returned: when set
      type: str
      sample: Checks the account password policy
"""

from ansible_collections.amazon.aws.plugins.module_utils.transformation import camel_dict_to_snake_dict

from ansible_collections.devsecops.aws.plugins.module_utils import _config as config
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError, found_by_name


def rule_info(rule):
    return dict(camel_dict_to_snake_dict(rule), input_parameters=config.input_parameters(rule))


def main():
    argument_spec = dict(
        names=dict(type="list", elements="str"),
        name_prefix=dict(type="str"),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    client = module.client("config")
    names = module.params["names"]
    try:
        found = found_by_name(config.get_config_rule, client, names) if names else config.list_config_rules(client)
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    prefix = module.params["name_prefix"] or ""
    rules = [rule_info(rule) for rule in found if rule["ConfigRuleName"].startswith(prefix)]
    module.exit_json(changed=False, rules=sorted(rules, key=lambda rule: rule["config_rule_name"]))


if __name__ == "__main__":
    main()
