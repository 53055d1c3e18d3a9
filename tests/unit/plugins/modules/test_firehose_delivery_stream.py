"""firehose_delivery_stream's OpenSearch Service destination through the Firehose service model.

moto 5.2.5 refuses AmazonopensearchserviceDestinationConfiguration, so these requests are validated
against botocore's model instead; the descriptions given back are shaped as AWS reports them (with the
defaults it fills in and the encryption Status moto leaves out).
"""

import datetime

import pytest

from ansible_collections.devsecops.aws.plugins.modules import firehose_delivery_stream

from tests.support.service_model import ServiceModelStub, run_module

NAME = "aws-waf-logs-devsecops"
ARN = f"arn:aws:firehose:us-east-1:123456789012:deliverystream/{NAME}"
ROLE = "arn:aws:iam::123456789012:role/devsecops-siem-firehose"
DOMAIN = "arn:aws:es:us-east-1:123456789012:domain/devsecops-siem"
BUCKET = "arn:aws:s3:::123456789012-devsecops-siem-backup"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:devsecops-siem-waf-transform"
ARGS = dict(
    region="us-east-1",
    name=NAME,
    role_arn=ROLE,
    domain_arn=DOMAIN,
    index_name="waf-logs",
    s3_backup=dict(bucket_arn=BUCKET, prefix="waf-logs/", kms_key_arn=KEY),
    processor=dict(lambda_arn=LAMBDA),
    encryption=dict(key_type="CUSTOMER_MANAGED_CMK", key_arn=KEY),
)
S3_REQUEST = {
    "RoleARN": ROLE,
    "BucketARN": BUCKET,
    "Prefix": "waf-logs/",
    "BufferingHints": {"IntervalInSeconds": 300, "SizeInMBs": 5},
    "CompressionFormat": "GZIP",
    "EncryptionConfiguration": {"KMSEncryptionConfig": {"AWSKMSKeyARN": KEY}},
}
PROCESSING = {
    "Enabled": True,
    "Processors": [
        {
            "Type": "Lambda",
            "Parameters": [
                {"ParameterName": "LambdaArn", "ParameterValue": LAMBDA},
                {"ParameterName": "NumberOfRetries", "ParameterValue": "3"},
                {"ParameterName": "BufferSizeInMBs", "ParameterValue": "1"},
                {"ParameterName": "BufferIntervalInSeconds", "ParameterValue": "60"},
            ],
        }
    ],
}
DESTINATION = {
    "RoleARN": ROLE,
    "IndexName": "waf-logs",
    "IndexRotationPeriod": "OneDay",
    "BufferingHints": {"IntervalInSeconds": 60, "SizeInMBs": 5},
    "RetryOptions": {"DurationInSeconds": 300},
    "ProcessingConfiguration": PROCESSING,
    "CloudWatchLoggingOptions": {"Enabled": False},
    "DomainARN": DOMAIN,
}


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch):
    slept = []
    monkeypatch.setattr("time.sleep", slept.append)
    return slept


def description(status="ACTIVE", encryption_status="ENABLED", version="1", **search):
    """A DescribeDeliveryStream answer as AWS gives it for the stream ARGS describe."""
    opensearch = {
        "RoleARN": ROLE,
        "DomainARN": DOMAIN,
        "IndexName": "waf-logs",
        "IndexRotationPeriod": "OneDay",
        "BufferingHints": {"IntervalInSeconds": 60, "SizeInMBs": 5},
        "RetryOptions": {"DurationInSeconds": 300},
        "S3BackupMode": "FailedDocumentsOnly",
        "S3DestinationDescription": dict(S3_REQUEST, CloudWatchLoggingOptions={"Enabled": False}),
        # AWS adds the processor parameters it defaults (RoleArn among them) to those that were set.
        "ProcessingConfiguration": {
            "Enabled": True,
            "Processors": [
                {
                    "Type": "Lambda",
                    "Parameters": PROCESSING["Processors"][0]["Parameters"]
                    + [{"ParameterName": "RoleArn", "ParameterValue": ROLE}],
                }
            ],
        },
        "CloudWatchLoggingOptions": {"Enabled": False},
        "DocumentIdOptions": {"DefaultDocumentIdFormat": "FIREHOSE_DEFAULT"},
    }
    opensearch.update(search)
    return {
        "DeliveryStreamDescription": {
            "DeliveryStreamName": NAME,
            "DeliveryStreamARN": ARN,
            "DeliveryStreamStatus": status,
            "DeliveryStreamEncryptionConfiguration": {
                "KeyARN": KEY,
                "KeyType": "CUSTOMER_MANAGED_CMK",
                "Status": encryption_status,
            },
            "DeliveryStreamType": "DirectPut",
            "VersionId": version,
            "CreateTimestamp": datetime.datetime(2026, 1, 1),
            "Destinations": [
                {"DestinationId": "destinationId-000000000001", "AmazonopensearchserviceDestinationDescription": opensearch}
            ],
            "HasMoreDestinations": False,
        }
    }


def describe(firehose, response):
    firehose.expect("describe_delivery_stream", {"DeliveryStreamName": NAME}, response)


def missing(firehose):
    firehose.expect_error(
        "describe_delivery_stream", "ResourceNotFoundException", "not found", params={"DeliveryStreamName": NAME}
    )


def expect_creation(firehose, **destination):
    """The stream is missing, then created with ARGS' settings (plus `destination`)."""
    missing(firehose)
    firehose.expect(
        "create_delivery_stream",
        {
            "DeliveryStreamName": NAME,
            "DeliveryStreamType": "DirectPut",
            "AmazonopensearchserviceDestinationConfiguration": dict(
                DESTINATION, S3BackupMode="FailedDocumentsOnly", S3Configuration=S3_REQUEST, **destination
            ),
            "DeliveryStreamEncryptionConfigurationInput": {"KeyType": "CUSTOMER_MANAGED_CMK", "KeyARN": KEY},
        },
        {"DeliveryStreamARN": ARN},
    )


def test_opensearch_stream_is_created_encrypted_and_waited_for(capsys, no_sleep):
    with ServiceModelStub("firehose") as firehose:
        expect_creation(firehose)
        describe(firehose, description(status="CREATING", encryption_status="ENABLING"))
        describe(firehose, description())
        result = run_module(capsys, firehose_delivery_stream, ARGS, clients=[firehose])
    assert result["changed"] is True, result
    assert result["arn"] == ARN
    assert result["delivery_stream"]["destination_type"] == "opensearch"
    assert len(no_sleep) == 1


def test_an_unchanged_opensearch_stream_is_only_read(capsys):
    with ServiceModelStub("firehose") as firehose:
        describe(firehose, description())
        result = run_module(capsys, firehose_delivery_stream, ARGS, clients=[firehose])
    assert result["changed"] is False, result
    assert result["delivery_stream"]["processor"] == {
        "lambda_arn": LAMBDA,
        "number_of_retries": 3,
        "buffer_size": 1,
        "buffer_interval": 60,
    }


def test_a_new_index_name_is_an_in_place_update_of_that_version(capsys):
    with ServiceModelStub("firehose") as firehose:
        describe(firehose, description(version="7", IndexName="old-waf-logs"))
        firehose.expect(
            "update_destination",
            {
                "DeliveryStreamName": NAME,
                "CurrentDeliveryStreamVersionId": "7",
                "DestinationId": "destinationId-000000000001",
                "AmazonopensearchserviceDestinationUpdate": dict(DESTINATION, S3Update=S3_REQUEST),
            },
        )
        describe(firehose, description(version="8"))
        result = run_module(capsys, firehose_delivery_stream, dict(ARGS, _ansible_diff=True), clients=[firehose])
    assert result["changed"] is True
    assert (result["diff"]["before"]["index_name"], result["diff"]["after"]["index_name"]) == ("old-waf-logs", "waf-logs")


def test_removing_the_processor_sends_it_disabled(capsys):
    args = {key: value for key, value in ARGS.items() if key != "processor"}
    with ServiceModelStub("firehose") as firehose:
        describe(firehose, description())
        firehose.expect(
            "update_destination",
            {
                "DeliveryStreamName": NAME,
                "CurrentDeliveryStreamVersionId": "1",
                "DestinationId": "destinationId-000000000001",
                "AmazonopensearchserviceDestinationUpdate": dict(
                    DESTINATION, S3Update=S3_REQUEST, ProcessingConfiguration={"Enabled": False, "Processors": []}
                ),
            },
        )
        describe(firehose, description())
        result = run_module(capsys, firehose_delivery_stream, args, clients=[firehose])
    assert result["changed"] is True
    assert result["delivery_stream"]["processor"] is None


def test_switching_to_an_aws_owned_key_restarts_encryption_and_waits(capsys, no_sleep):
    args = dict(ARGS, encryption=dict(key_type="AWS_OWNED_CMK"))
    with ServiceModelStub("firehose") as firehose:
        describe(firehose, description())
        firehose.expect(
            "start_delivery_stream_encryption",
            {"DeliveryStreamName": NAME, "DeliveryStreamEncryptionConfigurationInput": {"KeyType": "AWS_OWNED_CMK"}},
        )
        describe(firehose, description(encryption_status="ENABLING"))
        describe(firehose, description())
        result = run_module(capsys, firehose_delivery_stream, args, clients=[firehose])
    assert result["changed"] is True
    assert result["delivery_stream"]["encryption"] == {"key_type": "AWS_OWNED_CMK", "key_arn": None}
    assert len(no_sleep) == 1


def test_turning_encryption_off_stops_it(capsys):
    args = dict(ARGS, encryption=dict(enabled=False))
    with ServiceModelStub("firehose") as firehose:
        describe(firehose, description())
        firehose.expect("stop_delivery_stream_encryption", {"DeliveryStreamName": NAME})
        describe(firehose, description(encryption_status="DISABLED"))
        result = run_module(capsys, firehose_delivery_stream, args, clients=[firehose])
    assert result["changed"] is True
    assert result["delivery_stream"]["encryption"] is None


def test_a_stream_in_a_vpc_sends_its_network_configuration(capsys):
    vpc = dict(subnet_ids=["subnet-0b", "subnet-0a"], security_group_ids=["sg-01"])
    with ServiceModelStub("firehose") as firehose:
        expect_creation(
            firehose,
            VpcConfiguration={"SubnetIds": ["subnet-0a", "subnet-0b"], "SecurityGroupIds": ["sg-01"], "RoleARN": ROLE},
        )
        describe(firehose, description())
        result = run_module(capsys, firehose_delivery_stream, dict(ARGS, vpc=vpc), clients=[firehose])
    assert result["changed"] is True


def test_a_failed_creation_fails_the_task_with_the_reason(capsys):
    failed = description(status="CREATING_FAILED")
    failed["DeliveryStreamDescription"]["FailureDescription"] = {
        "Type": "INVALID_KMS_KEY",
        "Details": "The key is disabled",
    }
    with ServiceModelStub("firehose") as firehose:
        missing(firehose)
        firehose.expect("create_delivery_stream", None, {"DeliveryStreamARN": ARN})
        describe(firehose, failed)
        result = run_module(capsys, firehose_delivery_stream, ARGS, clients=[firehose])
    assert result["failed"] is True
    assert "CREATING_FAILED" in result["msg"] and "The key is disabled" in result["msg"]


def test_throttled_reads_are_retried(capsys, no_sleep):
    with ServiceModelStub("firehose") as firehose:
        firehose.expect_error("describe_delivery_stream", "ThrottlingException", http_status=400)
        describe(firehose, description())
        result = run_module(capsys, firehose_delivery_stream, ARGS, clients=[firehose])
    assert result["changed"] is False, result


def test_a_customer_managed_key_needs_its_arn(capsys):
    with ServiceModelStub("firehose") as firehose:
        result = run_module(
            capsys, firehose_delivery_stream, dict(ARGS, encryption=dict(key_type="CUSTOMER_MANAGED_CMK")), clients=[firehose]
        )
    assert result["failed"] is True
    assert "encryption.key_arn is required" in result["msg"]


def test_the_domain_is_required(capsys):
    args = {key: value for key, value in ARGS.items() if key != "domain_arn"}
    with ServiceModelStub("firehose") as firehose:
        result = run_module(capsys, firehose_delivery_stream, args, clients=[firehose])
    assert result["failed"] is True
    assert "domain_arn or cluster_endpoint" in result["msg"]
