# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

Amazon EventBridge rules and their targets (reads). One small function per API call.
An unknown rule and an unknown event bus both answer ResourceNotFoundException.
"""

from ansible_collections.devsecops.aws.plugins.module_utils._aws import ResourceNotFoundErrorHandler, paginate


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
