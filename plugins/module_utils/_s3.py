# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

S3 bucket settings that amazon.aws.s3_bucket_info does not read.
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsErrorHandler


class S3ErrorHandler(DevSecOpsErrorHandler):
    @classmethod
    def _is_missing(cls):
        # A bucket that never had Object Lock answers ObjectLockConfigurationNotFoundError.
        return is_boto3_error_code(["ObjectLockConfigurationNotFoundError", "NoSuchBucket"])


@S3ErrorHandler.list_error_handler("read the bucket's Object Lock configuration", {})
def get_object_lock_configuration(client, bucket):
    return client.get_object_lock_configuration(Bucket=bucket, aws_retry=True)["ObjectLockConfiguration"]


@S3ErrorHandler.common_error_handler("set the bucket's Object Lock default retention")
def put_object_lock_configuration(client, bucket, configuration):
    return client.put_object_lock_configuration(Bucket=bucket, ObjectLockConfiguration=configuration, aws_retry=True)


def default_retention(configuration):
    """{mode, days or years} of an Object Lock configuration; {} without one. Zero periods are unset."""
    retention = (configuration.get("Rule") or {}).get("DefaultRetention") or {}
    return {key.lower(): value for key, value in retention.items() if value}
