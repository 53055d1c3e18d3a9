# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: eventbridge_rule_info
short_description: Read Amazon EventBridge rules and their targets
version_added: 0.1.0
description:
  - Reads the EventBridge rules of one event bus named in O(names) (C(DescribeRule)), those whose names
    start with O(name_prefix) (C(ListRules)), the rules that pass both filters when both are given, or all
    of them, each with its targets (C(ListTargetsByRule)).
  - A name that does not exist is left out of the result, and an event bus that does not exist has no rules.
  - community.aws has C(cloudwatchevent_rule) to manage rules, but no module that reads them back.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  names:
    description: The rules to read; unset or empty reads every rule of the bus (O(name_prefix) still applies).
    type: list
    elements: str
  name_prefix:
    description: Read only the rules whose names start with this.
    type: str
  event_bus_name:
    description: The event bus the rules are on, by name or ARN.
    type: str
    default: default
extends_documentation_fragment:
  - devsecops.aws.attributes.info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(events:DescribeRule), C(events:ListRules) and C(events:ListTargetsByRule).
"""

EXAMPLES = r"""
- name: Read the rules that route findings to the notifier
  devsecops.aws.eventbridge_rule_info:
    name_prefix: devsecops-alerts-
  register: alert_rules

- name: Check that each is enabled and sends to the notifier Lambda
  ansible.builtin.assert:
    that:
      - alert_rules.rules | map(attribute='state') | unique == ['ENABLED']
      - alert_rules.rules | map(attribute='targets') | flatten | map(attribute='arn')
        | select('search', ':function:devsecops-security-alerts$') | list | length == alert_rules.rules | length
"""

RETURN = r"""
rules:
  description: The rules found, by name.
  returned: always
  type: list
  elements: dict
  contains:
    name:
      description: The rule's name.
      returned: always
      type: str
      sample: devsecops-alerts-critical
    arn:
      description: The rule's ARN.
      returned: always
      type: str
      sample: arn:aws:events:us-east-1:123456789012:rule/devsecops-alerts-critical
    state:
      description: C(ENABLED), C(DISABLED) or C(ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS).
      returned: always
      type: str
      sample: ENABLED
    description:
      description: The rule's description; empty when it has none.
      returned: always
      type: str
      sample: Critical Security Hub findings to Slack
    event_pattern:
      description: The rule's event pattern (AWS keeps it as a JSON text) as a dict; empty for a scheduled rule.
      returned: always
      type: dict
      sample: {"source": ["aws.securityhub"], "detail-type": ["Security Hub Findings - Imported"]}
    schedule_expression:
      description: The schedule of a scheduled rule.
      returned: when set
      type: str
      sample: rate(5 minutes)
    event_bus_name:
      description: The event bus the rule is on.
      returned: always
      type: str
      sample: default
    role_arn:
      description: The role the rule uses to reach its targets.
      returned: when set
      type: str
      sample: arn:aws:iam::123456789012:role/devsecops-events
    managed_by:
      description: The AWS service that manages the rule.
      returned: when set
      type: str
      sample: securityhub.amazonaws.com
    targets:
      description:
        - The rule's targets by id, in snake_case, with only the keys AWS returns. Keys that are data
          (C(input_transformer.input_paths_map), HTTP header and query string parameters) are kept as they are.
      returned: always
      type: list
      elements: dict
      contains:
        id:
          description: The target's id.
          returned: always
          type: str
          sample: notifier
        arn:
          description: The target's ARN.
          returned: always
          type: str
          sample: arn:aws:lambda:us-east-1:123456789012:function:devsecops-security-alerts
        input:
          description: The constant JSON text sent instead of the event.
          returned: when set
          type: str
          sample: '{"channel": "security"}'
        input_path:
          description: The JSONPath of the part of the event sent.
          returned: when set
          type: str
          sample: $.detail
        input_transformer:
          description: How the event is rewritten before it is sent.
          returned: when set
          type: dict
          sample: {"input_paths_map": {"findingId": "$.detail.findings[0].Id"}, "input_template": '{"id": <findingId>}'}
        dead_letter_config:
          description: The queue events that could not be delivered go to (C(arn)).
          returned: when set
          type: dict
          sample: {"arn": "arn:aws:sqs:us-east-1:123456789012:devsecops-alerts-dlq"}
        retry_policy:
          description: How often and how long delivery is retried.
          returned: when set
          type: dict
          sample: {"maximum_retry_attempts": 4, "maximum_event_age_in_seconds": 3600}
        role_arn:
          description: The role EventBridge uses to reach this target.
          returned: when set
          type: str
          sample: arn:aws:iam::123456789012:role/devsecops-events
"""

import json

from ansible_collections.amazon.aws.plugins.module_utils.transformation import camel_dict_to_snake_dict

from ansible_collections.devsecops.aws.plugins.module_utils import _events as events
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError, found_by_name

# Rule keys returned only when set.
OPTIONAL_RULE_KEYS = ("ScheduleExpression", "RoleArn", "ManagedBy")
# Keys of a target's settings whose values hold the user's own names (input paths, headers, tags),
# which keep their spelling.
TARGET_DATA_KEYS = {
    "InputTransformer": ["InputPathsMap"],
    "HttpParameters": ["HeaderParameters", "QueryStringParameters"],
    "EcsParameters": ["Tags"],
}


def target_info(target):
    # camel_dict_to_snake_dict's ignore_list holds only at the top: the settings that hold data go first.
    kept = {
        key: camel_dict_to_snake_dict(target[key], ignore_list=data)
        for key, data in TARGET_DATA_KEYS.items()
        if key in target
    }
    return camel_dict_to_snake_dict(dict(target, **kept), ignore_list=list(kept))


def rule_info(client, rule, event_bus_name):
    info = {
        "name": rule["Name"],
        "arn": rule["Arn"],
        "state": rule["State"],
        "description": rule.get("Description", ""),
        "event_pattern": json.loads(rule.get("EventPattern") or "{}"),
        "event_bus_name": rule.get("EventBusName", event_bus_name),
    }
    info.update(camel_dict_to_snake_dict({key: rule[key] for key in OPTIONAL_RULE_KEYS if rule.get(key)}))
    targets = events.list_targets(client, rule["Name"], event_bus_name)
    targets = [target_info(target) for target in targets]
    info["targets"] = sorted(targets, key=lambda target: target["id"])
    return info


def found_rules(client, params):
    bus = params["event_bus_name"]
    if not params["names"]:
        return events.list_rules(client, bus, params["name_prefix"])
    prefix = params["name_prefix"] or ""
    rules = found_by_name(events.describe_rule, client, params["names"], event_bus_name=bus)
    return [rule for rule in rules if rule["Name"].startswith(prefix)]


def main():
    argument_spec = dict(
        names=dict(type="list", elements="str"),
        name_prefix=dict(type="str"),
        event_bus_name=dict(type="str", default="default"),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    client = module.client("events")
    bus = module.params["event_bus_name"]
    try:
        rules = [rule_info(client, rule, bus) for rule in found_rules(client, module.params)]
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, rules=sorted(rules, key=lambda rule: rule["name"]))


if __name__ == "__main__":
    main()
