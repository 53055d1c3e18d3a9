# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

CodePipeline pipelines. One small function per API call.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsErrorHandler


class CodePipelineErrorHandler(DevSecOpsErrorHandler):
    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("PipelineNotFoundException")


@CodePipelineErrorHandler.list_error_handler("read the pipeline")
def get_pipeline(client, name):
    return client.get_pipeline(name=name, aws_retry=True)


@CodePipelineErrorHandler.common_error_handler("create the pipeline")
def create_pipeline(client, pipeline, tags):
    params = {"pipeline": pipeline}
    if tags:
        params["tags"] = tags
    return client.create_pipeline(aws_retry=True, **params)["pipeline"]


@CodePipelineErrorHandler.common_error_handler("update the pipeline")
def update_pipeline(client, pipeline):
    return client.update_pipeline(pipeline=pipeline, aws_retry=True)["pipeline"]


@CodePipelineErrorHandler.deletion_error_handler("delete the pipeline")
def delete_pipeline(client, name):
    return client.delete_pipeline(name=name, aws_retry=True)


@CodePipelineErrorHandler.common_error_handler("read the pipeline's tags")
def list_tags(client, arn):
    return client.list_tags_for_resource(resourceArn=arn, aws_retry=True)["tags"]


@CodePipelineErrorHandler.common_error_handler("tag the pipeline")
def tag(client, arn, tags):
    return client.tag_resource(resourceArn=arn, tags=tags, aws_retry=True)


@CodePipelineErrorHandler.common_error_handler("untag the pipeline")
def untag(client, arn, keys):
    return client.untag_resource(resourceArn=arn, tagKeys=keys, aws_retry=True)
