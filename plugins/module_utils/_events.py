# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

Amazon EventBridge rules and their targets. One small function per API call.
An unknown rule and an unknown event bus both answer ResourceNotFoundException.
"""

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsError, ResourceNotFoundErrorHandler, paginate


@ResourceNotFoundErrorHandler.list_error_handler("list the EventBridge rules", [])
def list_rules(client, event_bus_name, name_prefix=None):
    prefix = {"NamePrefix": name_prefix} if name_prefix else {}
    return paginate(client, "list_rules", EventBusName=event_bus_name, **prefix)["Rules"]


@ResourceNotFoundErrorHandler.list_error_handler("read the EventBridge rule")
def describe_rule(client, name, event_bus_name):
    return client.describe_rule(Name=name, EventBusName=event_bus_name, aws_retry=True)


@ResourceNotFoundErrorHandler.list_error_handler("list the EventBridge rule's targets", [])
def list_targets(client, rule, event_bus_name):
    return paginate(client, "list_targets_by_rule", Rule=rule, EventBusName=event_bus_name)["Targets"]


# Writes, for eventbridge_rule.


@ResourceNotFoundErrorHandler.common_error_handler("put the EventBridge rule")
def put_rule(client, **request):
    return client.put_rule(aws_retry=True, **request)["RuleArn"]


@ResourceNotFoundErrorHandler.deletion_error_handler("delete the EventBridge rule")
def delete_rule(client, name, event_bus_name):
    return client.delete_rule(Name=name, EventBusName=event_bus_name, aws_retry=True)


def _failed_entries(operation, answer):
    # PutTargets and RemoveTargets answer 200 with the entries they could not apply.
    failed = answer.get("FailedEntries") or []
    if failed:
        reasons = "; ".join(f"{entry.get('TargetId')}: {entry.get('ErrorCode')} {entry.get('ErrorMessage')}" for entry in failed)
        raise DevSecOpsError(message=f"Failed to {operation}: {reasons}")
    return answer


@ResourceNotFoundErrorHandler.common_error_handler("put the EventBridge rule's targets")
def put_targets(client, rule, event_bus_name, targets):
    answer = client.put_targets(Rule=rule, EventBusName=event_bus_name, Targets=targets, aws_retry=True)
    return _failed_entries("put the EventBridge rule's targets", answer)


@ResourceNotFoundErrorHandler.common_error_handler("remove the EventBridge rule's targets")
def remove_targets(client, rule, event_bus_name, ids):
    answer = client.remove_targets(Rule=rule, EventBusName=event_bus_name, Ids=ids, aws_retry=True)
    return _failed_entries("remove the EventBridge rule's targets", answer)


@ResourceNotFoundErrorHandler.list_error_handler("list the EventBridge rule's tags", {})
def list_tags(client, arn):
    tags = client.list_tags_for_resource(ResourceARN=arn, aws_retry=True).get("Tags", [])
    return {tag["Key"]: tag["Value"] for tag in tags}


@ResourceNotFoundErrorHandler.common_error_handler("tag the EventBridge rule")
def tag(client, arn, tags):
    return client.tag_resource(ResourceARN=arn, Tags=[{"Key": k, "Value": v} for k, v in sorted(tags.items())], aws_retry=True)


@ResourceNotFoundErrorHandler.common_error_handler("untag the EventBridge rule")
def untag(client, arn, keys):
    return client.untag_resource(ResourceARN=arn, TagKeys=sorted(keys), aws_retry=True)
