"""guardduty_detector's Features requests through the GuardDuty service model.

moto stores Features without checking them; the local endpoint test (test_role_guardduty.py)
covers create, read back, no change and delete, this one the exact requests and the update path.
"""

from ansible_collections.devsecops.aws.plugins.modules import guardduty_detector

from tests.support.service_model import ServiceModelStub, run_module

DETECTOR = "12abc34d567e8fa901bc2d34e56789f0"
ARGS = {
    "region": "us-east-1",
    "features": [
        {"name": "S3_DATA_EVENTS"},
        {"name": "RUNTIME_MONITORING", "additional_configuration": [{"name": "EKS_ADDON_MANAGEMENT"}]},
    ],
}
FEATURES_REQUEST = [
    {"Name": "S3_DATA_EVENTS", "Status": "ENABLED"},
    {
        "Name": "RUNTIME_MONITORING",
        "Status": "ENABLED",
        "AdditionalConfiguration": [{"Name": "EKS_ADDON_MANAGEMENT", "Status": "ENABLED"}],
    },
]


def detector(s3_status="ENABLED", addon_status="ENABLED", frequency="FIFTEEN_MINUTES"):
    """GetDetector as AWS answers it: every feature, including ones we do not manage."""
    return {
        "Status": "ENABLED",
        "ServiceRole": "arn:aws:iam::123456789012:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty",
        "FindingPublishingFrequency": frequency,
        "Features": [
            {"Name": "S3_DATA_EVENTS", "Status": s3_status},
            {"Name": "RDS_LOGIN_EVENTS", "Status": "DISABLED"},
            {
                "Name": "RUNTIME_MONITORING",
                "Status": "ENABLED",
                "AdditionalConfiguration": [
                    {"Name": "EKS_ADDON_MANAGEMENT", "Status": addon_status},
                    {"Name": "ECS_FARGATE_AGENT_MANAGEMENT", "Status": "DISABLED"},
                ],
            },
        ],
    }


def test_a_new_detector_is_created_with_the_features(capsys):
    with ServiceModelStub("guardduty") as guardduty:
        guardduty.expect("list_detectors", {}, {"DetectorIds": []})
        guardduty.expect(
            "create_detector",
            {"Enable": True, "FindingPublishingFrequency": "FIFTEEN_MINUTES", "Features": FEATURES_REQUEST},
            {"DetectorId": DETECTOR},
        )
        result = run_module(capsys, guardduty_detector, ARGS, clients=[guardduty])
    assert result["changed"] is True
    assert result["detector_id"] == DETECTOR


def test_features_not_listed_are_not_compared(capsys):
    with ServiceModelStub("guardduty") as guardduty:
        guardduty.expect("list_detectors", {}, {"DetectorIds": [DETECTOR]})
        guardduty.expect("get_detector", {"DetectorId": DETECTOR}, detector())
        result = run_module(capsys, guardduty_detector, ARGS, clients=[guardduty])
    assert result["changed"] is False


def test_a_feature_turned_off_is_turned_back_on(capsys):
    with ServiceModelStub("guardduty") as guardduty:
        guardduty.expect("list_detectors", {}, {"DetectorIds": [DETECTOR]})
        guardduty.expect(
            "get_detector", {"DetectorId": DETECTOR}, detector(addon_status="DISABLED", frequency="SIX_HOURS")
        )
        guardduty.expect(
            "update_detector",
            {
                "DetectorId": DETECTOR,
                "Enable": True,
                "FindingPublishingFrequency": "FIFTEEN_MINUTES",
                "Features": FEATURES_REQUEST,
            },
            {},
        )
        result = run_module(capsys, guardduty_detector, dict(ARGS, _ansible_diff=True), clients=[guardduty])
    assert result["changed"] is True
    before = result["diff"]["before"]
    assert before["features"]["RUNTIME_MONITORING"]["additional_configuration"] == {"EKS_ADDON_MANAGEMENT": "DISABLED"}
    assert before["finding_publishing_frequency"] == "SIX_HOURS"


def test_check_mode_predicts_and_only_reads(capsys):
    with ServiceModelStub("guardduty") as guardduty:
        guardduty.expect("list_detectors", {}, {"DetectorIds": [DETECTOR]})
        guardduty.expect("get_detector", {"DetectorId": DETECTOR}, detector(s3_status="DISABLED"))
        result = run_module(capsys, guardduty_detector, dict(ARGS, _ansible_check_mode=True), clients=[guardduty])
    assert result["changed"] is True
    assert result["detector"]["features"]["S3_DATA_EVENTS"] == {"status": "ENABLED", "additional_configuration": {}}


def test_absent_deletes_the_detector(capsys):
    with ServiceModelStub("guardduty") as guardduty:
        guardduty.expect("list_detectors", {}, {"DetectorIds": [DETECTOR]})
        guardduty.expect("get_detector", {"DetectorId": DETECTOR}, detector())
        guardduty.expect("delete_detector", {"DetectorId": DETECTOR}, {})
        result = run_module(capsys, guardduty_detector, {"region": "us-east-1", "state": "absent"}, clients=[guardduty])
    assert result["changed"] is True
    assert result["detector_id"] == "" and result["detector"] == {}
