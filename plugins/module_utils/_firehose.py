# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

Amazon Data Firehose delivery streams: one small function per API call, and the settings the
firehose_delivery_stream modules manage, read from a stream's description.
"""

from ansible_collections.devsecops.aws.plugins.module_utils._aws import ResourceNotFoundErrorHandler


@ResourceNotFoundErrorHandler.list_error_handler("read the delivery stream")
def describe_delivery_stream(client, name):
    return client.describe_delivery_stream(DeliveryStreamName=name, aws_retry=True)["DeliveryStreamDescription"]


@ResourceNotFoundErrorHandler.common_error_handler("create the delivery stream")
def create_delivery_stream(client, **request):
    return client.create_delivery_stream(aws_retry=True, **request)["DeliveryStreamARN"]


@ResourceNotFoundErrorHandler.common_error_handler("update the delivery stream's destination")
def update_destination(client, **request):
    return client.update_destination(aws_retry=True, **request)


@ResourceNotFoundErrorHandler.deletion_error_handler("delete the delivery stream")
def delete_delivery_stream(client, name):
    return client.delete_delivery_stream(DeliveryStreamName=name, aws_retry=True)


@ResourceNotFoundErrorHandler.common_error_handler("turn on the delivery stream's encryption")
def start_encryption(client, name, configuration):
    return client.start_delivery_stream_encryption(
        DeliveryStreamName=name, DeliveryStreamEncryptionConfigurationInput=configuration, aws_retry=True
    )


@ResourceNotFoundErrorHandler.common_error_handler("turn off the delivery stream's encryption")
def stop_encryption(client, name):
    return client.stop_delivery_stream_encryption(DeliveryStreamName=name, aws_retry=True)


@ResourceNotFoundErrorHandler.list_error_handler("list the delivery stream's tags", {})
def list_tags(client, name):
    # No paginator in botocore; a stream has at most 50 tags.
    tags, start = {}, {}
    while True:
        page = client.list_tags_for_delivery_stream(DeliveryStreamName=name, aws_retry=True, **start)
        tags.update({tag["Key"]: tag.get("Value", "") for tag in page["Tags"]})
        if not page.get("HasMoreTags") or not page["Tags"]:
            return tags
        start = {"ExclusiveStartTagKey": page["Tags"][-1]["Key"]}


@ResourceNotFoundErrorHandler.common_error_handler("tag the delivery stream")
def tag(client, name, tags):
    return client.tag_delivery_stream(
        DeliveryStreamName=name, Tags=[{"Key": k, "Value": v} for k, v in sorted(tags.items())], aws_retry=True
    )


@ResourceNotFoundErrorHandler.common_error_handler("untag the delivery stream")
def untag(client, name, keys):
    return client.untag_delivery_stream(DeliveryStreamName=name, TagKeys=sorted(keys), aws_retry=True)


API_NAMES = {"opensearch": "Amazonopensearchservice", "elasticsearch": "Elasticsearch"}
# Encryption states that are on their way to, or at, the state they name.
ENCRYPTION_ON = {"ENABLED", "ENABLING", "ENABLING_FAILED"}


def _parameters(processor):
    return {p["ParameterName"]: p["ParameterValue"] for p in processor.get("Parameters", [])}


def _processor_state(configuration):
    """The Lambda processor of a ProcessingConfiguration, or None."""
    if not configuration or not configuration.get("Enabled"):
        return None
    for processor in configuration.get("Processors", []):
        if processor["Type"] == "Lambda":
            parameters = _parameters(processor)
            # AWS reports the defaults of parameters that were not set; these are its defaults.
            return {
                "lambda_arn": parameters.get("LambdaArn"),
                "number_of_retries": int(parameters.get("NumberOfRetries", 3)),
                "buffer_size": int(float(parameters.get("BufferSizeInMBs", 1))),
                "buffer_interval": int(parameters.get("BufferIntervalInSeconds", 60)),
            }
    return None


def _s3_state(description):
    kms = description.get("EncryptionConfiguration", {}).get("KMSEncryptionConfig", {})
    hints = description.get("BufferingHints", {})
    return {
        "bucket_arn": description["BucketARN"],
        "prefix": description.get("Prefix", ""),
        "error_output_prefix": description.get("ErrorOutputPrefix", ""),
        "compression_format": description.get("CompressionFormat", "UNCOMPRESSED"),
        "kms_key_arn": kms.get("AWSKMSKeyARN"),
        "buffering_interval": hints.get("IntervalInSeconds", 300),
        "buffering_size": hints.get("SizeInMBs", 5),
    }


def _encryption_state(configuration):
    # moto leaves out Status on a stream created encrypted; AWS always reports it.
    if not configuration or configuration.get("Status", "ENABLED") not in ENCRYPTION_ON:
        return None
    return {"key_type": configuration["KeyType"], "key_arn": configuration.get("KeyARN")}


def _vpc_state(description):
    if not description:
        return None
    return {
        "subnet_ids": sorted(description.get("SubnetIds", [])),
        "security_group_ids": sorted(description.get("SecurityGroupIds", [])),
        "role_arn": description.get("RoleARN"),
    }


def normalise(name, stream, tags):
    """The settings this module manages, read from a DescribeDeliveryStream description."""
    destination = stream["Destinations"][0]
    for destination_type, api in API_NAMES.items():
        search = destination.get(f"{api}DestinationDescription")
        if search is not None:
            break
    else:
        kinds = sorted(key[: -len("DestinationDescription")] for key in destination if key != "DestinationId")
        raise ValueError(
            f"delivery stream {name} delivers to {', '.join(kinds)}: this module manages only OpenSearch Service "
            "and Elasticsearch destinations"
        )
    hints = search.get("BufferingHints", {})
    logging = search.get("CloudWatchLoggingOptions") or {}
    state = {
        "destination_type": destination_type,
        "role_arn": search.get("RoleARN"),
        "domain_arn": search.get("DomainARN"),
        "cluster_endpoint": search.get("ClusterEndpoint"),
        "index_name": search.get("IndexName"),
        "index_rotation_period": search.get("IndexRotationPeriod", "OneDay"),
        "buffering_interval": hints.get("IntervalInSeconds", 300),
        "buffering_size": hints.get("SizeInMBs", 5),
        "retry_duration": search.get("RetryOptions", {}).get("DurationInSeconds", 300),
        "s3_backup_mode": search.get("S3BackupMode", "FailedDocumentsOnly"),
        "s3_backup": _s3_state(search["S3DestinationDescription"]),
        "processor": _processor_state(search.get("ProcessingConfiguration")),
        "cloudwatch_logging": (
            {"log_group_name": logging.get("LogGroupName"), "log_stream_name": logging.get("LogStreamName")}
            if logging.get("Enabled")
            else None
        ),
        "vpc": _vpc_state(search.get("VpcConfigurationDescription")),
        "encryption": _encryption_state(stream.get("DeliveryStreamEncryptionConfiguration")),
    }
    if tags is not None:
        state["tags"] = tags
    return state
