"""devsecops.aws.firehose_delivery_stream against the local endpoint, state read back through boto3.

moto 5.2.5 serves Elasticsearch destinations (with a Lambda processor, S3 backup and encryption) but refuses
AmazonopensearchserviceDestinationConfiguration; that one is checked against the service model in
tests/unit/plugins/modules/test_firehose_delivery_stream.py.
"""

import pytest

from ansible_collections.devsecops.aws.plugins.modules import firehose_delivery_stream, firehose_delivery_stream_info

from tests.support.local_aws import client, module_connection
from tests.support.service_model import run_module

NAME = "aws-waf-logs-devsecops"
ROLE = "arn:aws:iam::123456789012:role/devsecops-siem-firehose"
DOMAIN = "arn:aws:es:us-east-1:123456789012:domain/devsecops-siem"
BUCKET = "arn:aws:s3:::123456789012-devsecops-siem-backup"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
LAMBDA = "arn:aws:lambda:us-east-1:123456789012:function:devsecops-siem-waf-transform"


@pytest.fixture
def run(fresh_aws, capsys):
    return lambda **args: run_module(capsys, firehose_delivery_stream, dict(module_connection(fresh_aws), **args))


def stream_args(**overrides):
    args = dict(
        name=NAME,
        destination_type="elasticsearch",
        role_arn=ROLE,
        domain_arn=DOMAIN,
        index_name="waf-logs",
        s3_backup=dict(bucket_arn=BUCKET, prefix="waf-logs/", error_output_prefix="waf-logs-errors/", kms_key_arn=KEY),
        processor=dict(lambda_arn=LAMBDA),
        cloudwatch_logging=dict(log_group_name="/aws/kinesisfirehose/aws-waf-logs-devsecops", log_stream_name="delivery"),
        encryption=dict(key_type="CUSTOMER_MANAGED_CMK", key_arn=KEY),
        tags={"devsecops": "siem"},
    )
    args.update(overrides)
    return args


def described(endpoint):
    return client(endpoint, "firehose").describe_delivery_stream(DeliveryStreamName=NAME)["DeliveryStreamDescription"]


def test_check_mode_creates_nothing(run, fresh_aws):
    result = run(**stream_args(_ansible_check_mode=True))
    assert result["changed"] is True
    assert result["delivery_stream"]["index_name"] == "waf-logs"
    assert client(fresh_aws, "firehose").list_delivery_streams()["DeliveryStreamNames"] == []


def test_stream_is_created_as_configured_and_a_second_run_changes_nothing(run, fresh_aws):
    first = run(**stream_args())
    assert first["changed"] is True, first
    assert first["arn"] == f"arn:aws:firehose:us-east-1:123456789012:deliverystream/{NAME}"

    stream = described(fresh_aws)
    assert stream["DeliveryStreamStatus"] == "ACTIVE"
    assert stream["DeliveryStreamType"] == "DirectPut"
    assert stream["DeliveryStreamEncryptionConfiguration"]["KeyType"] == "CUSTOMER_MANAGED_CMK"
    assert stream["DeliveryStreamEncryptionConfiguration"]["KeyARN"] == KEY
    es = stream["Destinations"][0]["ElasticsearchDestinationDescription"]
    assert (es["RoleARN"], es["DomainARN"], es["IndexName"]) == (ROLE, DOMAIN, "waf-logs")
    assert es["IndexRotationPeriod"] == "OneDay"
    assert es["S3BackupMode"] == "FailedDocumentsOnly"
    assert es["S3DestinationDescription"]["BucketARN"] == BUCKET
    assert es["S3DestinationDescription"]["EncryptionConfiguration"] == {"KMSEncryptionConfig": {"AWSKMSKeyARN": KEY}}
    assert es["S3DestinationDescription"]["CompressionFormat"] == "GZIP"
    processor = es["ProcessingConfiguration"]["Processors"][0]
    assert processor["Type"] == "Lambda"
    assert {"ParameterName": "LambdaArn", "ParameterValue": LAMBDA} in processor["Parameters"]
    assert es["CloudWatchLoggingOptions"]["Enabled"] is True
    tags = client(fresh_aws, "firehose").list_tags_for_delivery_stream(DeliveryStreamName=NAME)["Tags"]
    assert tags == [{"Key": "devsecops", "Value": "siem"}]

    second = run(**stream_args())
    assert second["changed"] is False, second
    assert described(fresh_aws)["VersionId"] == stream["VersionId"]


def test_a_changed_setting_updates_the_destination_in_place(run, fresh_aws):
    run(**stream_args())
    version = described(fresh_aws)["VersionId"]
    result = run(**stream_args(buffering_interval=120, processor=dict(lambda_arn=LAMBDA, number_of_retries=5), _ansible_diff=True))
    assert result["changed"] is True
    assert result["diff"]["before"]["buffering_interval"] == 60
    assert result["diff"]["after"]["buffering_interval"] == 120
    stream = described(fresh_aws)
    assert stream["VersionId"] != version
    es = stream["Destinations"][0]["ElasticsearchDestinationDescription"]
    assert es["BufferingHints"]["IntervalInSeconds"] == 120
    parameters = {p["ParameterName"]: p["ParameterValue"] for p in es["ProcessingConfiguration"]["Processors"][0]["Parameters"]}
    assert parameters["NumberOfRetries"] == "5"
    assert run(**stream_args(buffering_interval=120, processor=dict(lambda_arn=LAMBDA, number_of_retries=5)))["changed"] is False


def test_tags_are_added_and_purged(run, fresh_aws):
    run(**stream_args(tags={"devsecops": "siem", "owner": "secops"}))
    result = run(**stream_args(tags={"devsecops": "siem"}))
    assert result["changed"] is True
    tags = client(fresh_aws, "firehose").list_tags_for_delivery_stream(DeliveryStreamName=NAME)["Tags"]
    assert tags == [{"Key": "devsecops", "Value": "siem"}]


def test_the_backup_mode_cannot_change_in_place(run, fresh_aws):
    run(**stream_args())
    result = run(**stream_args(s3_backup_mode="AllDocuments"))
    assert result["failed"] is True
    assert "S3 backup mode" in result["msg"] and "cannot change in place" in result["msg"]
    es = described(fresh_aws)["Destinations"][0]["ElasticsearchDestinationDescription"]
    assert es["S3BackupMode"] == "FailedDocumentsOnly"


def test_absent_deletes_the_stream_and_then_has_nothing_to_do(run, fresh_aws):
    run(**stream_args())
    assert run(name=NAME, state="absent", _ansible_check_mode=True)["changed"] is True
    assert client(fresh_aws, "firehose").list_delivery_streams()["DeliveryStreamNames"] == [NAME]
    assert run(name=NAME, state="absent")["changed"] is True
    assert client(fresh_aws, "firehose").list_delivery_streams()["DeliveryStreamNames"] == []
    assert run(name=NAME, state="absent")["changed"] is False


def test_a_stream_to_another_kind_of_destination_is_refused_untouched(run, fresh_aws):
    firehose = client(fresh_aws, "firehose")
    firehose.create_delivery_stream(
        DeliveryStreamName=NAME, S3DestinationConfiguration={"RoleARN": ROLE, "BucketARN": BUCKET}
    )
    result = run(**stream_args())
    assert result["failed"] is True
    assert "delivers to S3" in result["msg"]
    assert "S3DestinationDescription" in described(fresh_aws)["Destinations"][0]


def test_the_info_module_reads_what_the_module_made(run, fresh_aws, capsys):
    made = run(**stream_args())
    info = run_module(capsys, firehose_delivery_stream_info, dict(module_connection(fresh_aws), name=NAME))
    assert (info["changed"], info["exists"], info["arn"], info["status"]) == (False, True, made["arn"], "ACTIVE")
    assert info["delivery_stream"] == made["delivery_stream"]
    missing = run_module(capsys, firehose_delivery_stream_info, dict(module_connection(fresh_aws), name="nothing-here"))
    assert (missing["exists"], missing["delivery_stream"]) == (False, {})
