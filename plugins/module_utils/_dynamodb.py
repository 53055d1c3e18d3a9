# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

Amazon DynamoDB tables and the settings dynamodb_table manages. One small function per API call.
"""

from ansible_collections.devsecops.aws.plugins.module_utils._aws import ResourceNotFoundErrorHandler


@ResourceNotFoundErrorHandler.list_error_handler("read the table")
def describe_table(client, name):
    return client.describe_table(TableName=name, aws_retry=True)["Table"]


@ResourceNotFoundErrorHandler.common_error_handler("create the table")
def create_table(client, **request):
    return client.create_table(aws_retry=True, **request)["TableDescription"]


@ResourceNotFoundErrorHandler.common_error_handler("update the table")
def update_table(client, name, **request):
    return client.update_table(TableName=name, aws_retry=True, **request)["TableDescription"]


@ResourceNotFoundErrorHandler.deletion_error_handler("delete the table")
def delete_table(client, name):
    return client.delete_table(TableName=name, aws_retry=True)


@ResourceNotFoundErrorHandler.common_error_handler("read the table's point-in-time recovery")
def describe_continuous_backups(client, name):
    return client.describe_continuous_backups(TableName=name, aws_retry=True)["ContinuousBackupsDescription"]


@ResourceNotFoundErrorHandler.common_error_handler("set the table's point-in-time recovery")
def update_continuous_backups(client, name, enabled):
    return client.update_continuous_backups(
        TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": enabled}, aws_retry=True
    )


@ResourceNotFoundErrorHandler.common_error_handler("read the table's time to live")
def describe_time_to_live(client, name):
    return client.describe_time_to_live(TableName=name, aws_retry=True)["TimeToLiveDescription"]


@ResourceNotFoundErrorHandler.common_error_handler("set the table's time to live")
def update_time_to_live(client, name, attribute, enabled):
    return client.update_time_to_live(
        TableName=name, TimeToLiveSpecification={"AttributeName": attribute, "Enabled": enabled}, aws_retry=True
    )


@ResourceNotFoundErrorHandler.list_error_handler("list the table's tags", {})
def list_tags(client, arn):
    tags, start = {}, {}
    while True:
        page = client.list_tags_of_resource(ResourceArn=arn, aws_retry=True, **start)
        tags.update({tag["Key"]: tag["Value"] for tag in page.get("Tags", [])})
        if not page.get("NextToken"):
            return tags
        start = {"NextToken": page["NextToken"]}


@ResourceNotFoundErrorHandler.common_error_handler("tag the table")
def tag(client, arn, tags):
    return client.tag_resource(ResourceArn=arn, Tags=[{"Key": k, "Value": v} for k, v in sorted(tags.items())], aws_retry=True)


@ResourceNotFoundErrorHandler.common_error_handler("untag the table")
def untag(client, arn, keys):
    return client.untag_resource(ResourceArn=arn, TagKeys=sorted(keys), aws_retry=True)


# Time-to-live states that are on their way to, or at, the one they name.
TTL_ON = {"ENABLED", "ENABLING"}


def normalise(table, backups, ttl, tags):
    """The settings dynamodb_table manages, read from DescribeTable, DescribeContinuousBackups and DescribeTimeToLive."""
    hash_key = next(key["AttributeName"] for key in table["KeySchema"] if key["KeyType"] == "HASH")
    types = {attribute["AttributeName"]: attribute["AttributeType"] for attribute in table["AttributeDefinitions"]}
    sse = table.get("SSEDescription") or {}
    # A table created without a billing mode is provisioned; AWS leaves out BillingModeSummary for it.
    billing = (table.get("BillingModeSummary") or {}).get("BillingMode", "PROVISIONED")
    throughput = table.get("ProvisionedThroughput") or {}
    pitr = (backups or {}).get("PointInTimeRecoveryDescription", {}).get("PointInTimeRecoveryStatus") == "ENABLED"
    state = {
        "hash_key_name": hash_key,
        "hash_key_type": types[hash_key],
        "billing_mode": billing,
        "read_capacity": throughput.get("ReadCapacityUnits") if billing == "PROVISIONED" else None,
        "write_capacity": throughput.get("WriteCapacityUnits") if billing == "PROVISIONED" else None,
        # No SSEDescription, or one being turned off, is the AWS owned key.
        "kms_key_arn": sse.get("KMSMasterKeyArn") if sse.get("Status") in ("ENABLED", "ENABLING", "UPDATING") else None,
        "point_in_time_recovery": pitr,
        "ttl_attribute": ttl.get("AttributeName") if ttl.get("TimeToLiveStatus") in TTL_ON else None,
        "deletion_protection": bool(table.get("DeletionProtectionEnabled", False)),
    }
    if tags is not None:
        state["tags"] = tags
    return state
