# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

CloudWatch Logs resource policies (which services may write to which log groups). One small function per API call.
"""

from ansible_collections.devsecops.aws.plugins.module_utils._aws import ResourceNotFoundErrorHandler


@ResourceNotFoundErrorHandler.common_error_handler("list the CloudWatch Logs resource policies")
def describe_resource_policies(client):
    policies, token = [], {}
    while True:
        page = client.describe_resource_policies(aws_retry=True, **token)
        policies.extend(page.get("resourcePolicies", []))
        if not page.get("nextToken"):
            return policies
        token = {"nextToken": page["nextToken"]}


@ResourceNotFoundErrorHandler.common_error_handler("put the CloudWatch Logs resource policy")
def put_resource_policy(client, name, document):
    return client.put_resource_policy(policyName=name, policyDocument=document, aws_retry=True)


@ResourceNotFoundErrorHandler.common_error_handler("delete the CloudWatch Logs resource policy")
def delete_resource_policy(client, name):
    return client.delete_resource_policy(policyName=name, aws_retry=True)
