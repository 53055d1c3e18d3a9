"""guardduty_detector_info's publishing destinations through the GuardDuty service model (moto lacks them)."""

from ansible_collections.devsecops.aws.plugins.modules import guardduty_detector_info

from tests.support.service_model import ServiceModelStub, run_module

DETECTOR = "12abc34d567e8fa901bc2d34e56789f0"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
ARGS = {"region": "us-east-1", "publishing_destinations": True}


def expect_detector(guardduty):
    guardduty.expect("list_detectors", {}, {"DetectorIds": [DETECTOR]})
    guardduty.expect(
        "get_detector",
        {"DetectorId": DETECTOR},
        {"Status": "ENABLED", "ServiceRole": "arn:aws:iam::123456789012:role/aws-service-role/guardduty", "Tags": {}},
    )


def described(destination_id, bucket, status="PUBLISHING"):
    return {
        "DestinationId": destination_id,
        "DestinationType": "S3",
        "Status": status,
        "PublishingFailureStartTimestamp": 0,
        "DestinationProperties": {"DestinationArn": bucket, "KmsKeyArn": KEY},
    }


def test_every_destination_is_described_across_pages(capsys):
    first, second = "f" * 32, "a" * 32
    with ServiceModelStub("guardduty") as guardduty:
        expect_detector(guardduty)
        page = {"Destinations": [{"DestinationId": first, "DestinationType": "S3", "Status": "PUBLISHING"}]}
        guardduty.expect("list_publishing_destinations", {"DetectorId": DETECTOR}, dict(page, NextToken="2"))
        page = {"Destinations": [{"DestinationId": second, "DestinationType": "S3", "Status": "PUBLISHING"}]}
        guardduty.expect("list_publishing_destinations", {"DetectorId": DETECTOR, "NextToken": "2"}, page)
        guardduty.expect(
            "describe_publishing_destination",
            {"DetectorId": DETECTOR, "DestinationId": first},
            described(first, "arn:aws:s3:::findings/guardduty"),
        )
        guardduty.expect(
            "describe_publishing_destination",
            {"DetectorId": DETECTOR, "DestinationId": second},
            described(second, "arn:aws:s3:::old-findings", "UNABLE_TO_PUBLISH_FIX_DESTINATION_PROPERTY"),
        )
        result = run_module(capsys, guardduty_detector_info, ARGS, [guardduty])
    assert (result["changed"], result["detector_id"], result["detector"]["status"]) == (False, DETECTOR, "ENABLED")
    assert result["publishing_destinations"] == [
        {
            "destination_id": second,
            "destination_type": "S3",
            "status": "UNABLE_TO_PUBLISH_FIX_DESTINATION_PROPERTY",
            "destination_arn": "arn:aws:s3:::old-findings",
            "kms_key_arn": KEY,
        },
        {
            "destination_id": first,
            "destination_type": "S3",
            "status": "PUBLISHING",
            "destination_arn": "arn:aws:s3:::findings/guardduty",
            "kms_key_arn": KEY,
        },
    ]


def test_a_detector_without_destinations_has_an_empty_list(capsys):
    with ServiceModelStub("guardduty") as guardduty:
        expect_detector(guardduty)
        guardduty.expect("list_publishing_destinations", {"DetectorId": DETECTOR}, {"Destinations": []})
        result = run_module(capsys, guardduty_detector_info, ARGS, [guardduty])
    assert result["publishing_destinations"] == []


def test_a_region_without_a_detector_has_no_destinations_to_read(capsys):
    with ServiceModelStub("guardduty") as guardduty:
        guardduty.expect("list_detectors", {}, {"DetectorIds": []})
        result = run_module(capsys, guardduty_detector_info, ARGS, [guardduty])
    assert (result["detector_id"], result["detector"], result["publishing_destinations"]) == ("", {}, [])
