# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

Amazon Data Firehose delivery streams. One small function per API call.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsErrorHandler


class FirehoseErrorHandler(DevSecOpsErrorHandler):
    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("ResourceNotFoundException")


@FirehoseErrorHandler.list_error_handler("read the delivery stream")
def describe_delivery_stream(client, name):
    return client.describe_delivery_stream(DeliveryStreamName=name, aws_retry=True)["DeliveryStreamDescription"]


@FirehoseErrorHandler.common_error_handler("create the delivery stream")
def create_delivery_stream(client, **request):
    return client.create_delivery_stream(aws_retry=True, **request)["DeliveryStreamARN"]


@FirehoseErrorHandler.common_error_handler("update the delivery stream's destination")
def update_destination(client, **request):
    return client.update_destination(aws_retry=True, **request)


@FirehoseErrorHandler.deletion_error_handler("delete the delivery stream")
def delete_delivery_stream(client, name):
    return client.delete_delivery_stream(DeliveryStreamName=name, aws_retry=True)


@FirehoseErrorHandler.common_error_handler("turn on the delivery stream's encryption")
def start_encryption(client, name, configuration):
    return client.start_delivery_stream_encryption(
        DeliveryStreamName=name, DeliveryStreamEncryptionConfigurationInput=configuration, aws_retry=True
    )


@FirehoseErrorHandler.common_error_handler("turn off the delivery stream's encryption")
def stop_encryption(client, name):
    return client.stop_delivery_stream_encryption(DeliveryStreamName=name, aws_retry=True)


@FirehoseErrorHandler.list_error_handler("list the delivery stream's tags", {})
def list_tags(client, name):
    # No paginator in botocore; a stream has at most 50 tags.
    tags, start = {}, {}
    while True:
        page = client.list_tags_for_delivery_stream(DeliveryStreamName=name, aws_retry=True, **start)
        tags.update({tag["Key"]: tag.get("Value", "") for tag in page["Tags"]})
        if not page.get("HasMoreTags") or not page["Tags"]:
            return tags
        start = {"ExclusiveStartTagKey": page["Tags"][-1]["Key"]}


@FirehoseErrorHandler.common_error_handler("tag the delivery stream")
def tag(client, name, tags):
    return client.tag_delivery_stream(
        DeliveryStreamName=name, Tags=[{"Key": k, "Value": v} for k, v in sorted(tags.items())], aws_retry=True
    )


@FirehoseErrorHandler.common_error_handler("untag the delivery stream")
def untag(client, name, keys):
    return client.untag_delivery_stream(DeliveryStreamName=name, TagKeys=sorted(keys), aws_retry=True)
