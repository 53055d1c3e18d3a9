"""config_conformance_pack through the AWS Config service model (moto lacks PutConformancePack)."""

import hashlib

from ansible_collections.devsecops.aws.plugins.modules import config_conformance_pack

from tests.support.service_model import ServiceModelStub, run_module

NAME = "devsecops-pipeline"
ARN = "arn:aws:config:us-east-1:123456789012:conformance-pack/devsecops-pipeline/conformance-pack-abcdefghi"
BUCKET = "123456789012-config"
TEMPLATE = "Resources:\n  Imdsv2:\n    Type: AWS::Config::ConfigRule\n"
SHA = hashlib.sha256(TEMPLATE.encode()).hexdigest()
ARGS = {"region": "us-east-1", "name": NAME, "template_body": TEMPLATE, "delivery_s3_bucket": BUCKET}
HASH_TAG = [{"Key": "devsecops:template-sha256", "Value": SHA}]


def described(bucket=BUCKET):
    return {
        "ConformancePackDetails": [
            {
                "ConformancePackName": NAME,
                "ConformancePackArn": ARN,
                "ConformancePackId": "conformance-pack-abcdefghi",
                "DeliveryS3Bucket": bucket,
            }
        ]
    }


def expect_missing(stub):
    stub.expect_error(
        "describe_conformance_packs", "NoSuchConformancePackException", params={"ConformancePackNames": [NAME]}
    )


def expect_existing(stub, bucket=BUCKET, tags=None):
    stub.expect("describe_conformance_packs", {"ConformancePackNames": [NAME]}, described(bucket))
    stub.expect("list_tags_for_resource", {"ResourceArn": ARN}, {"Tags": HASH_TAG if tags is None else tags})


def expect_put(stub, **source):
    request = dict(source or {"TemplateBody": TEMPLATE}, ConformancePackName=NAME, DeliveryS3Bucket=BUCKET)
    stub.expect("put_conformance_pack", request, {"ConformancePackArn": ARN})
    stub.expect("tag_resource", {"ResourceArn": ARN, "Tags": HASH_TAG}, {})


def test_a_new_pack_is_deployed_and_tagged_with_its_template_hash(capsys):
    with ServiceModelStub("config") as config:
        expect_missing(config)
        expect_put(config)
        result = run_module(capsys, config_conformance_pack, ARGS, clients=[config])
    assert result["changed"] is True
    assert result["arn"] == ARN
    assert result["conformance_pack"]["template_sha256"] == SHA


def test_an_unchanged_pack_is_only_read(capsys):
    with ServiceModelStub("config") as config:
        expect_existing(config)
        result = run_module(capsys, config_conformance_pack, ARGS, clients=[config])
    assert result["changed"] is False
    assert result["arn"] == ARN


def test_a_changed_template_redeploys_the_pack(capsys):
    old = [{"Key": "devsecops:template-sha256", "Value": "0" * 64}]
    with ServiceModelStub("config") as config:
        expect_existing(config, tags=old)
        expect_put(config)
        result = run_module(capsys, config_conformance_pack, dict(ARGS, _ansible_diff=True), clients=[config])
    assert result["changed"] is True
    assert result["diff"]["before"]["template_sha256"] == "0" * 64
    assert result["diff"]["after"]["template_sha256"] == SHA


def test_check_mode_reads_and_writes_nothing(capsys):
    with ServiceModelStub("config") as config:
        expect_missing(config)
        result = run_module(capsys, config_conformance_pack, dict(ARGS, _ansible_check_mode=True), clients=[config])
    assert result["changed"] is True
    assert result["arn"] == ""


def test_a_template_over_the_inline_limit_goes_through_s3(capsys):
    large = TEMPLATE + "# padding\n" * 6000
    sha = hashlib.sha256(large.encode()).hexdigest()
    key = f"conformance-packs/{NAME}.yaml"
    args = dict(ARGS, template_body=large, template_s3_bucket=BUCKET)
    with ServiceModelStub("config") as config, ServiceModelStub("s3") as s3:
        expect_missing(config)
        s3.expect("put_object", {"Bucket": BUCKET, "Key": key, "Body": large.encode()}, {})
        config.expect(
            "put_conformance_pack",
            {"ConformancePackName": NAME, "TemplateS3Uri": f"s3://{BUCKET}/{key}", "DeliveryS3Bucket": BUCKET},
            {"ConformancePackArn": ARN},
        )
        config.expect(
            "tag_resource", {"ResourceArn": ARN, "Tags": [{"Key": "devsecops:template-sha256", "Value": sha}]}
        )
        result = run_module(capsys, config_conformance_pack, args, clients=[config, s3])
    assert result["changed"] is True


def test_a_large_template_without_a_bucket_fails_with_the_fix(capsys):
    with ServiceModelStub("config") as config:
        expect_missing(config)
        result = run_module(capsys, config_conformance_pack, dict(ARGS, template_body="#" * 51201), clients=[config])
    assert result["failed"] is True
    assert "set template_s3_bucket" in result["msg"]


def test_absent_deletes_the_pack(capsys):
    with ServiceModelStub("config") as config:
        expect_existing(config)
        config.expect("delete_conformance_pack", {"ConformancePackName": NAME}, {})
        result = run_module(
            capsys, config_conformance_pack, {"region": "us-east-1", "name": NAME, "state": "absent"}, clients=[config]
        )
    assert result["changed"] is True
    assert result["conformance_pack"] == {}


def test_absent_when_gone_changes_nothing(capsys):
    with ServiceModelStub("config") as config:
        expect_missing(config)
        result = run_module(
            capsys, config_conformance_pack, {"region": "us-east-1", "name": NAME, "state": "absent"}, clients=[config]
        )
    assert result["changed"] is False
