"""guardduty_detector_info against the local endpoint: the detector as GetDetector reports it."""

from ansible_collections.devsecops.aws.plugins.modules import guardduty_detector_info

from tests.support.local_aws import client, module_args
from tests.support.service_model import run_module


def test_a_region_without_a_detector_reads_as_none(fresh_aws, capsys):
    result = run_module(capsys, guardduty_detector_info, module_args(fresh_aws, publishing_destinations=True))
    assert (result["changed"], result["region"], result["detector_id"]) == (False, "us-east-1", "")
    assert (result["detector"], result["publishing_destinations"]) == ({}, [])


def test_the_detector_is_read_and_destinations_only_when_asked(fresh_aws, capsys):
    detector_id = client(fresh_aws, "guardduty").create_detector(
        Enable=True, FindingPublishingFrequency="FIFTEEN_MINUTES", Tags={"Owner": "security"}
    )["DetectorId"]
    result = run_module(capsys, guardduty_detector_info, module_args(fresh_aws))
    assert (result["changed"], result["detector_id"]) == (False, detector_id)
    assert result["detector"]["status"] == "ENABLED"
    assert result["detector"]["finding_publishing_frequency"] == "FIFTEEN_MINUTES"
    assert result["detector"]["tags"] == {"Owner": "security"}
    assert "publishing_destinations" not in result
