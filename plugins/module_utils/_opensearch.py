# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

Amazon OpenSearch Service domains (the control plane). One small function per API call.
The data plane (index templates, ISM, security, alerting) is in _opensearch_client.py.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsErrorHandler


class OpenSearchErrorHandler(DevSecOpsErrorHandler):
    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("ResourceNotFoundException")


@OpenSearchErrorHandler.list_error_handler("read the OpenSearch domain")
def describe_domain(client, name):
    return client.describe_domain(DomainName=name, aws_retry=True)["DomainStatus"]


@OpenSearchErrorHandler.common_error_handler("create the OpenSearch domain")
def create_domain(client, **request):
    return client.create_domain(aws_retry=True, **request)["DomainStatus"]


@OpenSearchErrorHandler.common_error_handler("update the OpenSearch domain's configuration")
def update_domain_config(client, **request):
    return client.update_domain_config(aws_retry=True, **request)


@OpenSearchErrorHandler.deletion_error_handler("delete the OpenSearch domain")
def delete_domain(client, name):
    return client.delete_domain(DomainName=name, aws_retry=True)


@OpenSearchErrorHandler.list_error_handler("list the OpenSearch domain's tags", {})
def list_tags(client, arn):
    return {tag["Key"]: tag["Value"] for tag in client.list_tags(ARN=arn, aws_retry=True)["TagList"]}


@OpenSearchErrorHandler.common_error_handler("tag the OpenSearch domain")
def add_tags(client, arn, tags):
    return client.add_tags(ARN=arn, TagList=[{"Key": k, "Value": v} for k, v in sorted(tags.items())], aws_retry=True)


@OpenSearchErrorHandler.common_error_handler("untag the OpenSearch domain")
def remove_tags(client, arn, keys):
    return client.remove_tags(ARN=arn, TagKeys=sorted(keys), aws_retry=True)
