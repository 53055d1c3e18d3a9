"""guardduty_publishing_destination through the GuardDuty service model (moto lacks publishing destinations)."""

from ansible_collections.devsecops.aws.plugins.modules import guardduty_publishing_destination

from tests.support.service_model import ServiceModelStub, run_module

DETECTOR = "12abc34d567e8fa901bc2d34e56789f0"
DESTINATION = "a4b3c2d1e0f9a8b7c6d5e4f3a2b1c0d9"
BUCKET = "arn:aws:s3:::123456789012-guardduty-findings"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
ARGS = {"region": "us-east-1", "detector_id": DETECTOR, "destination_arn": BUCKET, "kms_key_arn": KEY}


def listed(*ids):
    return {"Destinations": [{"DestinationId": i, "DestinationType": "S3", "Status": "PUBLISHING"} for i in ids]}


def described(bucket=BUCKET, key=KEY):
    return {
        "DestinationId": DESTINATION,
        "DestinationType": "S3",
        "Status": "PUBLISHING",
        "PublishingFailureStartTimestamp": 0,
        "DestinationProperties": {"DestinationArn": bucket, "KmsKeyArn": key},
    }


def test_findings_export_is_created(capsys):
    with ServiceModelStub("guardduty") as guardduty:
        guardduty.expect("list_publishing_destinations", {"DetectorId": DETECTOR}, listed())
        guardduty.expect(
            "create_publishing_destination",
            {
                "DetectorId": DETECTOR,
                "DestinationType": "S3",
                "DestinationProperties": {"DestinationArn": BUCKET, "KmsKeyArn": KEY},
            },
            {"DestinationId": DESTINATION},
        )
        result = run_module(capsys, guardduty_publishing_destination, ARGS, clients=[guardduty])
    assert result["changed"] is True
    assert result["destination_id"] == DESTINATION
    assert result["destination"] == {"destination_arn": BUCKET, "kms_key_arn": KEY}


def test_an_unchanged_export_is_only_read(capsys):
    with ServiceModelStub("guardduty") as guardduty:
        guardduty.expect("list_publishing_destinations", {"DetectorId": DETECTOR}, listed(DESTINATION))
        guardduty.expect(
            "describe_publishing_destination", {"DetectorId": DETECTOR, "DestinationId": DESTINATION}, described()
        )
        result = run_module(capsys, guardduty_publishing_destination, ARGS, clients=[guardduty])
    assert result["changed"] is False
    assert result["destination_id"] == DESTINATION


def test_a_new_key_updates_the_export_in_place(capsys):
    old_key = KEY.replace("1234abcd", "9999aaaa")
    with ServiceModelStub("guardduty") as guardduty:
        guardduty.expect("list_publishing_destinations", {"DetectorId": DETECTOR}, listed(DESTINATION))
        guardduty.expect(
            "describe_publishing_destination",
            {"DetectorId": DETECTOR, "DestinationId": DESTINATION},
            described(key=old_key),
        )
        guardduty.expect(
            "update_publishing_destination",
            {
                "DetectorId": DETECTOR,
                "DestinationId": DESTINATION,
                "DestinationProperties": {"DestinationArn": BUCKET, "KmsKeyArn": KEY},
            },
            {},
        )
        result = run_module(
            capsys, guardduty_publishing_destination, dict(ARGS, _ansible_diff=True), clients=[guardduty]
        )
    assert result["changed"] is True
    assert result["diff"] == {
        "before": {"destination_arn": BUCKET, "kms_key_arn": old_key},
        "after": {"destination_arn": BUCKET, "kms_key_arn": KEY},
    }


def test_check_mode_predicts_and_only_reads(capsys):
    with ServiceModelStub("guardduty") as guardduty:
        guardduty.expect("list_publishing_destinations", {"DetectorId": DETECTOR}, listed())
        result = run_module(
            capsys, guardduty_publishing_destination, dict(ARGS, _ansible_check_mode=True), clients=[guardduty]
        )
    assert result["changed"] is True
    assert result["destination"] == {"destination_arn": BUCKET, "kms_key_arn": KEY}


def test_absent_deletes_the_export_and_then_has_nothing_to_do(capsys):
    args = {"region": "us-east-1", "detector_id": DETECTOR, "state": "absent"}
    with ServiceModelStub("guardduty") as guardduty:
        guardduty.expect("list_publishing_destinations", {"DetectorId": DETECTOR}, listed(DESTINATION))
        guardduty.expect(
            "describe_publishing_destination", {"DetectorId": DETECTOR, "DestinationId": DESTINATION}, described()
        )
        guardduty.expect("delete_publishing_destination", {"DetectorId": DETECTOR, "DestinationId": DESTINATION}, {})
        removed = run_module(capsys, guardduty_publishing_destination, args, clients=[guardduty])
    with ServiceModelStub("guardduty") as guardduty:
        guardduty.expect("list_publishing_destinations", {"DetectorId": DETECTOR}, listed())
        removed_again = run_module(capsys, guardduty_publishing_destination, args, clients=[guardduty])
    assert removed["changed"] is True and removed["destination"] == {}
    assert removed_again["changed"] is False
