# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

Amazon SQS queues (reads). One small function per API call.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsErrorHandler


class SQSErrorHandler(DevSecOpsErrorHandler):
    @classmethod
    def _is_missing(cls):
        # SQS's JSON protocol answers with the query protocol's code; QueueDoesNotExist is its modelled name.
        return is_boto3_error_code(["AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist"])


@SQSErrorHandler.list_error_handler("find the queue")
def get_queue_url(client, name):
    return client.get_queue_url(QueueName=name, aws_retry=True)["QueueUrl"]


@SQSErrorHandler.list_error_handler("read the queue's attributes")
def get_queue_attributes(client, url):
    return client.get_queue_attributes(QueueUrl=url, AttributeNames=["All"], aws_retry=True)["Attributes"]


@SQSErrorHandler.list_error_handler("read the queue's tags", {})
def list_queue_tags(client, url):
    return client.list_queue_tags(QueueUrl=url, aws_retry=True).get("Tags", {})
