# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

AWS WAFv2 web ACL logging configurations and associations, which neither amazon.aws nor
community.aws manages (community.aws.wafv2_resources reads the association from the web ACL's side
only). One small function per API call, and the conversions between module options and the API.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsErrorHandler


class WAFv2ErrorHandler(DevSecOpsErrorHandler):
    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("WAFNonexistentItemException")


@WAFv2ErrorHandler.list_error_handler("read the web ACL's logging configuration")
def get_logging_configuration(client, web_acl_arn):
    return client.get_logging_configuration(ResourceArn=web_acl_arn, aws_retry=True)["LoggingConfiguration"]


@WAFv2ErrorHandler.common_error_handler("put the web ACL's logging configuration")
def put_logging_configuration(client, configuration):
    return client.put_logging_configuration(LoggingConfiguration=configuration, aws_retry=True)


@WAFv2ErrorHandler.deletion_error_handler("delete the web ACL's logging configuration")
def delete_logging_configuration(client, web_acl_arn):
    return client.delete_logging_configuration(ResourceArn=web_acl_arn, aws_retry=True)


# A resource without a web ACL answers {} (moto: {"WebACL": null}).
@WAFv2ErrorHandler.list_error_handler("read the web ACL of the resource", {})
def get_web_acl_for_resource(client, resource_arn):
    return client.get_web_acl_for_resource(ResourceArn=resource_arn, aws_retry=True).get("WebACL") or {}


@WAFv2ErrorHandler.common_error_handler("associate the web ACL with the resource")
def associate_web_acl(client, web_acl_arn, resource_arn):
    return client.associate_web_acl(WebACLArn=web_acl_arn, ResourceArn=resource_arn, aws_retry=True)


@WAFv2ErrorHandler.deletion_error_handler("disassociate the web ACL from the resource")
def disassociate_web_acl(client, resource_arn):
    return client.disassociate_web_acl(ResourceArn=resource_arn, aws_retry=True)


# RedactedFields entries are FieldToMatch objects; these four are the ones WAF logging accepts.
REDACTED_FIELD_KEYS = {"single_header": "SingleHeader", "query_string": "QueryString", "uri_path": "UriPath", "method": "Method"}


def redacted_fields_to_api(fields):
    """The module's redacted_fields ({type, name}) as the API's FieldToMatch list."""
    api = []
    for field in fields:
        key = REDACTED_FIELD_KEYS[field["type"]]
        # Header names are case-insensitive; WAF keeps them as given, so they are sent in lower case.
        api.append({key: {"Name": field["name"].lower()}} if field["type"] == "single_header" else {key: {}})
    return api


def redacted_fields_from_api(fields):
    """The API's RedactedFields as the module's redacted_fields, in a stable order."""
    by_key = {value: name for name, value in REDACTED_FIELD_KEYS.items()}
    found = []
    for field in fields or []:
        for key, value in field.items():
            entry = {"type": by_key.get(key, key)}
            if key == "SingleHeader":
                entry["name"] = value["Name"].lower()
            found.append(entry)
    return sorted(found, key=lambda entry: (entry["type"], entry.get("name", "")))


def logging_filter_to_api(logging_filter):
    """The module's logging_filter as the API's LoggingFilter, or None for "log every request"."""
    if not logging_filter:
        return None
    filters = []
    for item in logging_filter["filters"]:
        conditions = []
        for condition in item["conditions"]:
            if condition.get("action"):
                conditions.append({"ActionCondition": {"Action": condition["action"]}})
            else:
                conditions.append({"LabelNameCondition": {"LabelName": condition["label_name"]}})
        filters.append({"Behavior": item["behavior"], "Requirement": item["requirement"], "Conditions": conditions})
    return {"DefaultBehavior": logging_filter["default_behavior"], "Filters": filters}


def logging_filter_from_api(api_filter):
    """The API's LoggingFilter as the module's logging_filter; {} when there is none."""
    if not api_filter:
        return {}
    filters = []
    for item in api_filter.get("Filters", []):
        conditions = []
        for condition in item.get("Conditions", []):
            if "ActionCondition" in condition:
                conditions.append({"action": condition["ActionCondition"]["Action"]})
            else:
                conditions.append({"label_name": condition["LabelNameCondition"]["LabelName"]})
        filters.append({"behavior": item["Behavior"], "requirement": item["Requirement"], "conditions": conditions})
    return {"default_behavior": api_filter["DefaultBehavior"], "filters": filters}


def logging_configuration_from_api(configuration):
    """A GetLoggingConfiguration answer, normalised for comparison and returned by the modules; {} when none."""
    if not configuration:
        return {}
    return {
        "web_acl_arn": configuration["ResourceArn"],
        "log_destination_arns": list(configuration.get("LogDestinationConfigs", [])),
        "redacted_fields": redacted_fields_from_api(configuration.get("RedactedFields")),
        "logging_filter": logging_filter_from_api(configuration.get("LoggingFilter")),
        "managed_by_firewall_manager": bool(configuration.get("ManagedByFirewallManager", False)),
    }
