# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

Amazon SNS topic attributes that community.aws.sns_topic does not set. One small function per API call.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsErrorHandler


class SNSErrorHandler(DevSecOpsErrorHandler):
    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code(["NotFound", "NotFoundException"])


@SNSErrorHandler.list_error_handler("read the topic's attributes")
def get_topic_attributes(client, arn):
    return client.get_topic_attributes(TopicArn=arn, aws_retry=True)["Attributes"]


@SNSErrorHandler.common_error_handler("set the topic's attribute")
def set_topic_attribute(client, arn, name, value):
    return client.set_topic_attributes(TopicArn=arn, AttributeName=name, AttributeValue=value, aws_retry=True)
