# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

CodeCommit repositories. One small function per API call.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsErrorHandler


class CodeCommitErrorHandler(DevSecOpsErrorHandler):
    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("RepositoryDoesNotExistException")


@CodeCommitErrorHandler.list_error_handler("read the CodeCommit repository")
def get_repository(client, name):
    return client.get_repository(repositoryName=name, aws_retry=True)["repositoryMetadata"]


@CodeCommitErrorHandler.common_error_handler("create the CodeCommit repository")
def create_repository(client, name, description, tags):
    params = dict(repositoryName=name, repositoryDescription=description)
    if tags:
        params["tags"] = tags
    return client.create_repository(aws_retry=True, **params)["repositoryMetadata"]


@CodeCommitErrorHandler.common_error_handler("update the CodeCommit repository's description")
def update_description(client, name, description):
    return client.update_repository_description(repositoryName=name, repositoryDescription=description, aws_retry=True)


@CodeCommitErrorHandler.deletion_error_handler("delete the CodeCommit repository")
def delete_repository(client, name):
    return client.delete_repository(repositoryName=name, aws_retry=True)


@CodeCommitErrorHandler.common_error_handler("read the CodeCommit repository's tags")
def list_tags(client, arn):
    return client.list_tags_for_resource(resourceArn=arn, aws_retry=True).get("tags", {})


@CodeCommitErrorHandler.common_error_handler("tag the CodeCommit repository")
def tag(client, arn, tags):
    return client.tag_resource(resourceArn=arn, tags=tags, aws_retry=True)


@CodeCommitErrorHandler.common_error_handler("untag the CodeCommit repository")
def untag(client, arn, keys):
    return client.untag_resource(resourceArn=arn, tagKeys=keys, aws_retry=True)
