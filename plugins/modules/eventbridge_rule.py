# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: eventbridge_rule
short_description: Manage an Amazon EventBridge rule and its targets, with dead-letter queues and retry policies
version_added: 0.1.0
description:
  - Creates or updates a rule on an event bus (C(PutRule)), enabled or disabled, with an event pattern or a schedule,
    and its targets (C(PutTargets), C(RemoveTargets)), each with its own dead-letter queue and retry policy.
  - With O(state=absent), removes the rule's targets and the rule (C(DeleteRule)).
  - C(amazon.aws.cloudwatchevent_rule) cannot set a target's C(DeadLetterConfig) or C(RetryPolicy), so an event the
    target cannot take is dropped after EventBridge's default retries without a trace; this module exists for that reason.
  - Compares the event pattern as JSON (key order and spacing do not matter), the targets by id, and a retry policy
    equal to AWS's default (185 attempts, 24 hours) with an unset one, and changes only what differs.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description: The rule's name.
    type: str
    required: true
  event_bus_name:
    description: The event bus the rule is on, by name or ARN.
    type: str
    default: default
  description:
    description: The rule's description; unset keeps the one it has.
    type: str
  event_pattern:
    description:
      - The events the rule matches, as a dict or a JSON text. Give this, O(schedule_expression) or both with
        O(state=present) or O(state=disabled).
    type: raw
  schedule_expression:
    description: When a scheduled rule runs, for example C(rate(5 minutes)).
    type: str
  role_arn:
    description: The role the rule uses to reach targets that need one (not Lambda functions or SQS queues).
    type: str
  state:
    description: Whether the rule exists and matches events (V(present)), exists but does not (V(disabled)), or is gone.
    type: str
    choices: [present, disabled, absent]
    default: present
  targets:
    description: The rule's targets; unset leaves them as they are.
    type: list
    elements: dict
    suboptions:
      id:
        description: The target's id, unique within the rule.
        type: str
        required: true
      arn:
        description: The target's ARN (a Lambda function, an SQS queue, an SNS topic, ...).
        type: str
        required: true
      input:
        description: A constant JSON text sent instead of the event.
        type: str
      input_path:
        description: The JSONPath of the part of the event sent.
        type: str
      role_arn:
        description: The role EventBridge uses to reach this target.
        type: str
      dead_letter_config:
        description: Where EventBridge puts the events it could not deliver to the target.
        type: dict
        suboptions:
          arn:
            description: The SQS queue's ARN; its policy must let C(events.amazonaws.com) send from this rule.
            type: str
            required: true
      retry_policy:
        description: How often and how long EventBridge retries delivering an event to the target.
        type: dict
        suboptions:
          maximum_retry_attempts:
            description: Retries before the event is dead-lettered or dropped (0 to 185).
            type: int
            default: 185
          maximum_event_age_in_seconds:
            description: Seconds an event is retried for (60 to 86400).
            type: int
            default: 86400
  purge_targets:
    description: Remove the targets not in O(targets).
    type: bool
    default: true
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
notes:
  - Needs C(events:DescribeRule), C(events:PutRule), C(events:DeleteRule), C(events:ListTargetsByRule),
    C(events:PutTargets), C(events:RemoveTargets), C(events:ListTagsForResource), C(events:TagResource),
    C(events:UntagResource), and C(iam:PassRole) on the roles given.
"""

EXAMPLES = r"""
- name: Post critical findings to the notifier, keeping what cannot be delivered
  devsecops.aws.eventbridge_rule:
    name: devsecops-security-alerts-critical-high
    description: Critical and high Security Hub findings to Slack
    event_pattern:
      source: [aws.securityhub]
      detail-type: [Security Hub Findings - Imported]
      detail:
        findings:
          Severity:
            Label: [CRITICAL, HIGH]
    targets:
      - id: notifier
        arn: arn:aws:lambda:us-east-1:123456789012:function:devsecops-security-alerts
        dead_letter_config:
          arn: arn:aws:sqs:us-east-1:123456789012:devsecops-security-alerts-dlq
        retry_policy:
          maximum_retry_attempts: 185
          maximum_event_age_in_seconds: 86400

- name: Stop matching events, keeping the rule
  devsecops.aws.eventbridge_rule:
    name: devsecops-security-alerts-critical-high
    state: disabled

- name: Delete the rule and its targets
  devsecops.aws.eventbridge_rule:
    name: devsecops-security-alerts-critical-high
    state: absent
"""

RETURN = r"""
rule:
  description: The rule after the task; empty when it does not exist (an ARN is known only once it does).
  returned: always
  type: dict
  contains:
    name:
      description: The rule's name.
      returned: when the rule exists
      type: str
      sample: devsecops-security-alerts-critical-high
    arn:
      description: The rule's ARN; empty when it would be created in check mode.
      returned: when the rule exists
      type: str
      sample: arn:aws:events:us-east-1:123456789012:rule/devsecops-security-alerts-critical-high
    state:
      description: C(ENABLED) or C(DISABLED).
      returned: when the rule exists
      type: str
      sample: ENABLED
    description:
      description: The rule's description.
      returned: when the rule exists
      type: str
      sample: Critical and high Security Hub findings to Slack
    event_pattern:
      description: The event pattern as a dict; empty for a scheduled rule.
      returned: when the rule exists
      type: dict
      sample: {"source": ["aws.securityhub"]}
    schedule_expression:
      description: The schedule; null when there is none.
      returned: when the rule exists
      type: str
      sample: rate(5 minutes)
    role_arn:
      description: The rule's role; null when there is none.
      returned: when the rule exists
      type: str
      sample: null
    event_bus_name:
      description: The event bus.
      returned: when the rule exists
      type: str
      sample: default
    tags:
      description: The rule's tags.
      returned: when the rule exists and O(tags) is given
      type: dict
      sample: {"devsecops": "security-alerts"}
targets:
  description: The rule's targets after the task, sorted by id, with the keys of O(targets) (null when unset).
  returned: always
  type: list
  elements: dict
  sample:
    - id: notifier
      arn: arn:aws:lambda:us-east-1:123456789012:function:devsecops-security-alerts
      input: null
      input_path: null
      role_arn: null
      dead_letter_config: {"arn": "arn:aws:sqs:us-east-1:123456789012:devsecops-security-alerts-dlq"}
      retry_policy: {"maximum_retry_attempts": 185, "maximum_event_age_in_seconds": 86400}
"""

import json

from ansible_collections.devsecops.aws.plugins.module_utils import _events as events
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report
from ansible_collections.devsecops.aws.plugins.module_utils._tags import apply_tags, tags_after

STATES = {"present": "ENABLED", "disabled": "DISABLED"}
# What AWS applies to a target without a retry policy (and reports back for it).
DEFAULT_RETRY = {"maximum_retry_attempts": 185, "maximum_event_age_in_seconds": 86400}


def target_state(target):
    """A target as the module compares it: the keys of its `targets` option, from a ListTargetsByRule entry."""
    retry = target.get("RetryPolicy")
    retry = {
        "maximum_retry_attempts": retry.get("MaximumRetryAttempts", 185),
        "maximum_event_age_in_seconds": retry.get("MaximumEventAgeInSeconds", 86400),
    } if retry else None
    dead_letter = target.get("DeadLetterConfig") or {}
    return {
        "id": target["Id"],
        "arn": target["Arn"],
        "input": target.get("Input"),
        "input_path": target.get("InputPath"),
        "role_arn": target.get("RoleArn"),
        "dead_letter_config": {"arn": dead_letter["Arn"]} if dead_letter.get("Arn") else None,
        "retry_policy": None if retry == DEFAULT_RETRY else retry,
    }


def wanted_target(option):
    retry = dict(option["retry_policy"]) if option["retry_policy"] else None
    return {
        "id": option["id"],
        "arn": option["arn"],
        "input": option["input"],
        "input_path": option["input_path"],
        "role_arn": option["role_arn"],
        "dead_letter_config": {"arn": option["dead_letter_config"]["arn"]} if option["dead_letter_config"] else None,
        "retry_policy": None if retry == DEFAULT_RETRY else retry,
    }


def target_request(target):
    request = {"Id": target["id"], "Arn": target["arn"]}
    for key, api in (("input", "Input"), ("input_path", "InputPath"), ("role_arn", "RoleArn")):
        if target[key] is not None:
            request[api] = target[key]
    if target["dead_letter_config"]:
        request["DeadLetterConfig"] = {"Arn": target["dead_letter_config"]["arn"]}
    retry = target["retry_policy"] or DEFAULT_RETRY
    request["RetryPolicy"] = {
        "MaximumRetryAttempts": retry["maximum_retry_attempts"],
        "MaximumEventAgeInSeconds": retry["maximum_event_age_in_seconds"],
    }
    return request


def parse_pattern(module, pattern):
    if pattern is None or isinstance(pattern, dict):
        return pattern
    try:
        parsed = json.loads(pattern)
    except (TypeError, ValueError) as e:
        module.fail_json(msg=f"event_pattern is neither a dict nor a JSON text: {e}")
    if not isinstance(parsed, dict):
        module.fail_json(msg="event_pattern must be a JSON object")
    return parsed


def rule_state(rule, tags):
    state = {
        "name": rule["Name"],
        "arn": rule["Arn"],
        "state": rule["State"],
        "description": rule.get("Description", ""),
        "event_pattern": json.loads(rule.get("EventPattern") or "{}"),
        "schedule_expression": rule.get("ScheduleExpression"),
        "role_arn": rule.get("RoleArn"),
        "event_bus_name": rule.get("EventBusName", "default"),
    }
    if tags is not None:
        state["tags"] = tags
    return state


def wanted_rule(module, before):
    params = module.params
    after = {
        "name": params["name"],
        "arn": before.get("arn", ""),
        "state": STATES[params["state"]],
        "description": params["description"] if params["description"] is not None else before.get("description", ""),
        "event_pattern": parse_pattern(module, params["event_pattern"]) or {},
        "schedule_expression": params["schedule_expression"],
        "role_arn": params["role_arn"],
        "event_bus_name": before.get("event_bus_name", params["event_bus_name"]),
    }
    if params["tags"] is not None:
        after["tags"] = tags_after(before.get("tags") or {}, params["tags"], params["purge_tags"])
    return after


def wanted_targets(params, before):
    if params["targets"] is None:
        return before
    wanted = {target["id"]: wanted_target(target) for target in params["targets"]}
    kept = [] if params["purge_targets"] else [target for target in before if target["id"] not in wanted]
    return sorted(kept + list(wanted.values()), key=lambda target: target["id"])


def put_rule(client, params, after, creating):
    request = {"Name": after["name"], "EventBusName": params["event_bus_name"], "State": after["state"], "Description": after["description"]}
    if after["event_pattern"]:
        request["EventPattern"] = json.dumps(after["event_pattern"], sort_keys=True)
    if after["schedule_expression"]:
        request["ScheduleExpression"] = after["schedule_expression"]
    if after["role_arn"]:
        request["RoleArn"] = after["role_arn"]
    if creating and after.get("tags"):
        request["Tags"] = [{"Key": k, "Value": v} for k, v in sorted(after["tags"].items())]
    return events.put_rule(client, **request)


def update_targets(client, params, before, after):
    rule, bus = params["name"], params["event_bus_name"]
    wanted_ids = {target["id"] for target in after}
    gone = sorted(target["id"] for target in before if target["id"] not in wanted_ids)
    if gone:
        events.remove_targets(client, rule, bus, gone)
    changed = [target for target in after if target not in before]
    # PutTargets takes at most 10 targets a call.
    for start in range(0, len(changed), 10):
        events.put_targets(client, rule, bus, [target_request(target) for target in changed[start:start + 10]])


def ensure_present(module, client, before, before_targets):
    params = module.params
    after = wanted_rule(module, before)
    after_targets = wanted_targets(params, before_targets)
    if module.check_mode:
        return after, after_targets
    rule_before = {key: value for key, value in before.items() if key != "tags"}
    rule_after = {key: value for key, value in after.items() if key != "tags"}
    if rule_before != rule_after:
        after["arn"] = put_rule(client, params, after, creating=not before)
    if before and "tags" in after and before["tags"] != after["tags"]:
        apply_tags(
            before["tags"],
            after["tags"],
            tag=lambda tags: events.tag(client, after["arn"], tags),
            untag=lambda keys: events.untag(client, after["arn"], keys),
        )
    if after_targets != before_targets:
        update_targets(client, params, before_targets, after_targets)
    return after, after_targets


def ensure_absent(module, client, before, before_targets):
    params = module.params
    if before and not module.check_mode:
        if before_targets:
            events.remove_targets(client, params["name"], params["event_bus_name"], [target["id"] for target in before_targets])
        events.delete_rule(client, params["name"], params["event_bus_name"])
    return {}, []


def validate(module):
    params = module.params
    if params["state"] == "absent":
        return
    if params["event_pattern"] is None and not params["schedule_expression"]:
        module.fail_json(msg=f"one of event_pattern or schedule_expression is required with state={params['state']}")
    ids = [target["id"] for target in params["targets"] or []]
    repeated = sorted({target_id for target_id in ids if ids.count(target_id) > 1})
    if repeated:
        module.fail_json(msg=f"each target needs its own id; repeated: {', '.join(repeated)}")


def main():
    argument_spec = dict(
        name=dict(type="str", required=True),
        event_bus_name=dict(type="str", default="default"),
        description=dict(type="str"),
        event_pattern=dict(type="raw"),
        schedule_expression=dict(type="str"),
        role_arn=dict(type="str"),
        state=dict(type="str", choices=["present", "disabled", "absent"], default="present"),
        targets=dict(
            type="list",
            elements="dict",
            options=dict(
                id=dict(type="str", required=True),
                arn=dict(type="str", required=True),
                input=dict(type="str"),
                input_path=dict(type="str"),
                role_arn=dict(type="str"),
                dead_letter_config=dict(type="dict", options=dict(arn=dict(type="str", required=True))),
                retry_policy=dict(
                    type="dict",
                    options=dict(
                        maximum_retry_attempts=dict(type="int", default=185),
                        maximum_event_age_in_seconds=dict(type="int", default=86400),
                    ),
                ),
            ),
        ),
        purge_targets=dict(type="bool", default=True),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    validate(module)
    params = module.params
    client = module.client("events")
    try:
        rule = events.describe_rule(client, params["name"], params["event_bus_name"])
        before, before_targets = {}, []
        if rule is not None:
            tags = events.list_tags(client, rule["Arn"]) if params["tags"] is not None else None
            before = rule_state(rule, tags)
            found = events.list_targets(client, params["name"], params["event_bus_name"])
            before_targets = sorted((target_state(target) for target in found), key=lambda target: target["id"])
        ensure = ensure_absent if params["state"] == "absent" else ensure_present
        after, after_targets = ensure(module, client, before, before_targets)
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    result = report(module, {"rule": before, "targets": before_targets}, {"rule": after, "targets": after_targets})
    module.exit_json(**dict(result, rule=after, targets=after_targets))


if __name__ == "__main__":
    main()
