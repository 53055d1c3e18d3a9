# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: config_managed_rule
short_description: Manage an AWS Config rule that runs an AWS managed rule
version_added: 0.1.0
description:
  - Creates or updates (C(PutConfigRule)) an AWS Config rule whose source is an AWS managed rule
    (C(Source.Owner=AWS)), or deletes it (C(DeleteConfigRule)) with O(state=absent).
  - Unlike M(community.aws.config_rule) it supports check and diff mode, and takes a rule that
    C(DescribeConfigRules) does not return as missing whether the service raises
    C(NoSuchConfigRuleException) or answers with an empty list.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description: The Config rule's name.
    type: str
    required: true
  identifier:
    description: The AWS managed rule's identifier, for example C(S3_BUCKET_PUBLIC_READ_PROHIBITED). Required with O(state=present).
    type: str
  input_parameters:
    description: The managed rule's parameters; values are sent as strings.
    type: dict
    default: {}
  resource_types:
    description: Resource types the rule evaluates (C(Scope.ComplianceResourceTypes)); empty means the rule's own default.
    type: list
    elements: str
    default: []
  maximum_execution_frequency:
    description: How often a periodic rule runs; leave unset for rules triggered by configuration changes.
    type: str
    choices: [One_Hour, Three_Hours, Six_Hours, Twelve_Hours, TwentyFour_Hours]
  description:
    description: The rule's description.
    type: str
    default: ""
  state:
    description: Whether the rule exists.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(config:DescribeConfigRules), C(config:PutConfigRule) and C(config:DeleteConfigRule).
  - AWS Config accepts rules only once the account has a configuration recorder.
"""

EXAMPLES = r"""
- name: Require IMDSv2 on every instance
  devsecops.aws.config_managed_rule:
    name: ec2-imdsv2-check
    identifier: EC2_IMDSV2_CHECK

- name: Require a strong IAM password policy
  devsecops.aws.config_managed_rule:
    name: iam-password-policy
    identifier: IAM_PASSWORD_POLICY
    maximum_execution_frequency: TwentyFour_Hours
    input_parameters:
      MinimumPasswordLength: 14
      RequireSymbols: true
"""

RETURN = r"""
rule:
  description: The rule after the task; empty when it does not exist.
  returned: always
  type: dict
  sample:
    name: ec2-imdsv2-check
    identifier: EC2_IMDSV2_CHECK
    input_parameters: {}
    resource_types: []
    maximum_execution_frequency: null
    description: ""
"""

import json

from ansible_collections.devsecops.aws.plugins.module_utils import _config as config
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report


def normalise(rule):
    """The settings this module manages, from a DescribeConfigRules entry."""
    return {
        "name": rule["ConfigRuleName"],
        "identifier": rule["Source"]["SourceIdentifier"],
        "input_parameters": config.input_parameters(rule),
        "resource_types": sorted(rule.get("Scope", {}).get("ComplianceResourceTypes", [])),
        "maximum_execution_frequency": rule.get("MaximumExecutionFrequency"),
        "description": rule.get("Description", ""),
    }


def wanted(params):
    return {
        "name": params["name"],
        "identifier": params["identifier"],
        # AWS Config keeps parameter values as strings.
        "input_parameters": {key: to_text(value) for key, value in params["input_parameters"].items()},
        "resource_types": sorted(params["resource_types"]),
        "maximum_execution_frequency": params["maximum_execution_frequency"],
        "description": params["description"],
    }


def to_text(value):
    return str(value).lower() if isinstance(value, bool) else str(value)


def to_request(rule):
    request = {
        "ConfigRuleName": rule["name"],
        "Source": {"Owner": "AWS", "SourceIdentifier": rule["identifier"]},
        "Description": rule["description"],
    }
    if rule["input_parameters"]:
        request["InputParameters"] = json.dumps(rule["input_parameters"], sort_keys=True)
    if rule["resource_types"]:
        request["Scope"] = {"ComplianceResourceTypes": rule["resource_types"]}
    if rule["maximum_execution_frequency"]:
        request["MaximumExecutionFrequency"] = rule["maximum_execution_frequency"]
    return request


def ensure_present(module, client, before):
    after = wanted(module.params)
    if before != after and not module.check_mode:
        config.put_config_rule(client, to_request(after))
    return after


def ensure_absent(module, client, before):
    if before and not module.check_mode:
        config.delete_config_rule(client, module.params["name"])
    return {}


def main():
    argument_spec = dict(
        name=dict(type="str", required=True),
        identifier=dict(type="str"),
        input_parameters=dict(type="dict", default={}),
        resource_types=dict(type="list", elements="str", default=[]),
        maximum_execution_frequency=dict(
            type="str", choices=["One_Hour", "Three_Hours", "Six_Hours", "Twelve_Hours", "TwentyFour_Hours"]
        ),
        description=dict(type="str", default=""),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = DevSecOpsAWSModule(
        argument_spec=argument_spec, required_if=[("state", "present", ("identifier",))], supports_check_mode=True
    )
    client = module.client("config")
    try:
        existing = config.get_config_rule(client, module.params["name"])
        before = normalise(existing) if existing else {}
        ensure = ensure_present if module.params["state"] == "present" else ensure_absent
        after = ensure(module, client, before)
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(**report(module, before, after, rule=after))


if __name__ == "__main__":
    main()
