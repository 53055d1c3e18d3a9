# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

Systems Manager documents (the scan's Command document). One small function per API call.
"""

import json

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_list_to_ansible_dict

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsErrorHandler


class SSMErrorHandler(DevSecOpsErrorHandler):
    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("InvalidDocument")


@SSMErrorHandler.list_error_handler("read the SSM document")
def describe_document(client, name):
    return client.describe_document(Name=name, aws_retry=True)["Document"]


@SSMErrorHandler.common_error_handler("read the SSM document's content")
def get_document(client, name, version):
    return client.get_document(Name=name, DocumentVersion=version, DocumentFormat="JSON", aws_retry=True)


@SSMErrorHandler.common_error_handler("create the SSM document")
def create_document(client, **settings):
    return client.create_document(DocumentFormat="JSON", aws_retry=True, **settings)["DocumentDescription"]


@SSMErrorHandler.common_error_handler("update the SSM document")
def update_document(client, name, content, **settings):
    return client.update_document(
        Name=name, Content=content, DocumentVersion="$LATEST", DocumentFormat="JSON", aws_retry=True, **settings
    )["DocumentDescription"]


@SSMErrorHandler.common_error_handler("set the SSM document's default version")
def set_default_version(client, name, version):
    return client.update_document_default_version(Name=name, DocumentVersion=version, aws_retry=True)


@SSMErrorHandler.deletion_error_handler("delete the SSM document")
def delete_document(client, name):
    return client.delete_document(Name=name, aws_retry=True)


@SSMErrorHandler.list_error_handler("list the SSM document's tags", [])
def list_tags(client, name):
    return client.list_tags_for_resource(ResourceType="Document", ResourceId=name, aws_retry=True)["TagList"]


@SSMErrorHandler.common_error_handler("tag the SSM document")
def add_tags(client, name, tags):
    return client.add_tags_to_resource(ResourceType="Document", ResourceId=name, Tags=tags, aws_retry=True)


@SSMErrorHandler.common_error_handler("untag the SSM document")
def remove_tags(client, name, keys):
    return client.remove_tags_from_resource(ResourceType="Document", ResourceId=name, TagKeys=keys, aws_retry=True)


def content_of(client, name, version):
    return json.loads(get_document(client, name, version)["Content"])


def find_document(client, name):
    """(DescribeDocument result, normalised state) of the document, or (None, {}).

    The state is what the modules compare and return: the default version's content as data, the
    type, the target type and the tags as a dict.
    """
    described = describe_document(client, name)
    if described is None:
        return None, {}
    return described, {
        "content": content_of(client, name, described["DefaultVersion"]),
        "document_type": described["DocumentType"],
        "target_type": described.get("TargetType"),
        "tags": boto3_tag_list_to_ansible_dict(list_tags(client, name)),
    }


def describe_state(name, described, state, versions=None):
    """The `document` the modules return: versions from `versions` (default, latest) or DescribeDocument."""
    if not state:
        return {}
    default, latest = versions or (
        (described["DefaultVersion"], described["LatestVersion"]) if described else ("", "")
    )
    document = {
        "name": name,
        "document_type": state["document_type"],
        "default_version": default,
        "latest_version": latest,
        "schema_version": str(state["content"]["schemaVersion"]),
        "tags": state["tags"],
    }
    if state["target_type"]:
        document["target_type"] = state["target_type"]
    return document
