"""playbooks/guardrails.yml over two regions: every guardrail in each, one home for delivery and alerts,
and a second run that changes nothing."""

import json

import boto3
import pytest

from tests.support.local_aws import run_playbook

pytestmark = pytest.mark.slow

HOME, OTHER = "us-east-1", "eu-west-1"
REGIONS = json.dumps({"guardrails_regions": [HOME, OTHER]})


def regional(endpoint, service, region):
    return boto3.client(
        service, endpoint_url=endpoint, region_name=region, aws_access_key_id="testing", aws_secret_access_key="testing"
    )


def recorders(endpoint, region):
    config = regional(endpoint, "config", region)
    return (
        config.describe_configuration_recorders()["ConfigurationRecorders"],
        config.describe_configuration_recorder_status()["ConfigurationRecordersStatus"],
        config.describe_delivery_channels()["DeliveryChannels"],
    )


def test_every_guardrail_covers_both_regions_and_a_second_run_changes_nothing(fresh_aws):
    first = run_playbook(fresh_aws, "playbooks/guardrails.yml", "-e", REGIONS)
    assert first.rc == 0, first

    for region in (HOME, OTHER):
        assert regional(fresh_aws, "securityhub", region).describe_hub()["HubArn"].endswith(":hub/default"), region
        assert len(regional(fresh_aws, "guardduty", region).list_detectors()["DetectorIds"]) == 1, region
        inspector = regional(fresh_aws, "inspector2", region)
        [account] = inspector.batch_get_account_status(accountIds=["123456789012"])["accounts"]
        assert {kind: state["status"] for kind, state in account["resourceState"].items() if kind != "codeRepository"} == {
            "ec2": "ENABLED",
            "ecr": "ENABLED",
            "lambda": "ENABLED",
            "lambdaCode": "ENABLED",
        }, region
        scanning = regional(fresh_aws, "ecr", region).get_registry_scanning_configuration()["scanningConfiguration"]
        assert scanning["scanType"] == "ENHANCED", region

        [recorder], [status], [channel] = recorders(fresh_aws, region)
        assert status["recording"] is True, region
        # Global resources (IAM) are recorded once, in the home region.
        assert recorder["recordingGroup"]["includeGlobalResourceTypes"] is (region == HOME)
        # Every region delivers to the one bucket in the home region.
        assert channel["s3BucketName"] == "123456789012-aws-config", region

    buckets = [b["Name"] for b in regional(fresh_aws, "s3", HOME).list_buckets()["Buckets"]]
    assert sorted(buckets) == [
        "123456789012-aws-config",
        "123456789012-aws-config-access-logs",
        "123456789012-guardduty-findings",
        "123456789012-guardduty-findings-access-logs",
    ]
    # The alerts route from the home region only: Security Hub brings the other region's findings there.
    assert regional(fresh_aws, "events", OTHER).list_rules()["Rules"] == []
    assert regional(fresh_aws, "events", HOME).list_rules()["Rules"]

    second = run_playbook(fresh_aws, "playbooks/guardrails.yml", "-e", REGIONS)
    assert second.rc == 0, second
    assert second.changed == 0, second


def test_global_resources_recorded_in_a_region_the_run_does_not_deploy_fail_clearly(fresh_aws):
    result = run_playbook(
        fresh_aws,
        "playbooks/guardrails.yml",
        "-e",
        json.dumps({"guardrails_regions": [HOME, OTHER], "aws_config_global_resources_region": "ap-south-1"}),
        "--tags",
        "aws_config",
    )
    assert result.rc != 0
    assert "aws_config_global_resources_region ap-south-1 is not one of the regions this run records" in result.output
    assert recorders(fresh_aws, HOME)[0] == []
