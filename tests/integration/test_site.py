"""site.yml end to end against a fresh local endpoint: AWS state through boto3, idempotence, check mode."""

import pytest

from tests.support.local_aws import client, run_playbook

pytestmark = pytest.mark.slow


def active_findings_by_tool(endpoint):
    pages = client(endpoint, "securityhub").get_paginator("get_findings").paginate()
    counts = {}
    for page in pages:
        for finding in page["Findings"]:
            if finding.get("RecordState") == "ACTIVE":
                tool = finding["ProductFields"]["devsecops/Tool"]
                counts[tool] = counts.get(tool, 0) + 1
    return counts


def guardrails(endpoint):
    """What the guardrails look like from the account's side."""
    config = client(endpoint, "config")
    accounts = client(endpoint, "inspector2").batch_get_account_status(accountIds=["123456789012"])["accounts"]
    return {
        "detectors": len(client(endpoint, "guardduty").list_detectors()["DetectorIds"]),
        "recording": [s["recording"] for s in config.describe_configuration_recorder_status()["ConfigurationRecordersStatus"]],
        # The rules come in the conformance packs, which the local endpoint does not serve (MOTO_GAPS).
        "delivery_channels": len(config.describe_delivery_channels()["DeliveryChannels"]),
        "inspector": {k: v["status"] for account in accounts for k, v in account["resourceState"].items()},
        "alert_rules": len(client(endpoint, "events").list_rules()["Rules"]),
    }


def scanner_hosts(endpoint):
    """The scanner instances site.yml made (running), with their metadata options and public IPs."""
    reservations = client(endpoint, "ec2").describe_instances(
        Filters=[{"Name": "tag:devsecops:role", "Values": ["scanner"]}, {"Name": "instance-state-name", "Values": ["running"]}]
    )["Reservations"]
    return [
        (i["MetadataOptions"]["HttpTokens"], i["MetadataOptions"]["HttpPutResponseHopLimit"], i.get("PublicIpAddress"))
        for r in reservations
        for i in r["Instances"]
    ]


def scan_documents(endpoint):
    listed = client(endpoint, "ssm").list_documents(Filters=[{"Key": "Owner", "Values": ["Self"]}])
    return [d["Name"] for d in listed["DocumentIdentifiers"]]


def siem(endpoint):
    """The SIEM's domain, transforms and GuardDuty route (its streams and data plane are moto gaps, skipped)."""
    functions = client(endpoint, "lambda").list_functions()["Functions"]
    return {
        "domains": [d["DomainName"] for d in client(endpoint, "opensearch").list_domain_names()["DomainNames"]],
        "functions": sorted(f["FunctionName"] for f in functions if f["FunctionName"].startswith("devsecops-siem-")),
        "rules": [r["Name"] for r in client(endpoint, "events").list_rules(NamePrefix="devsecops-siem-")["Rules"]],
    }


def waf(endpoint):
    """Each web ACL and where it logs (the siem role's WAF stream)."""
    wafv2 = client(endpoint, "wafv2")
    acls = wafv2.list_web_acls(Scope="REGIONAL")["WebACLs"]
    return {
        acl["Name"]: wafv2.get_logging_configuration(ResourceArn=acl["ARN"])["LoggingConfiguration"]["LogDestinationConfigs"]
        for acl in acls
    }


def test_check_mode_on_a_fresh_endpoint_changes_nothing(fresh_aws):
    run = run_playbook(fresh_aws, "site.yml", "--check")
    assert run.rc == 0, run
    assert run.changed > 0, run  # it says what it would do
    assert active_findings_by_tool(fresh_aws) == {}
    state = guardrails(fresh_aws)
    assert (state["detectors"], state["recording"], state["delivery_channels"], state["alert_rules"]) == (0, [], 0, 0)
    assert "ENABLED" not in state["inspector"].values()
    assert (scanner_hosts(fresh_aws), scan_documents(fresh_aws)) == ([], [])
    assert siem(fresh_aws) == {"domains": [], "functions": [], "rules": []}
    assert waf(fresh_aws) == {}


def test_site_converges_and_a_second_run_changes_nothing(fresh_aws):
    first = run_playbook(fresh_aws, "site.yml")
    assert first.rc == 0, first
    assert first.changed > 0, first

    assert client(fresh_aws, "securityhub").describe_hub()["HubArn"].endswith(":hub/default")
    state = guardrails(fresh_aws)
    assert state["detectors"] == 1
    assert state["recording"] == [True]
    assert state["delivery_channels"] == 1
    assert {state["inspector"][kind] for kind in ("ec2", "ecr", "lambda")} == {"ENABLED"}
    assert state["alert_rules"] >= 2
    assert set(active_findings_by_tool(fresh_aws)) == {"dependency_check", "zap", "trivy"}
    assert scanner_hosts(fresh_aws) == [("required", 1, None)]
    assert scan_documents(fresh_aws) == ["devsecops-scanner-scan"]
    assert siem(fresh_aws) == {
        "domains": ["devsecops-siem"],
        "functions": ["devsecops-siem-guardduty-transform", "devsecops-siem-waf-transform"],
        "rules": ["devsecops-siem-guardduty-findings"],
    }
    assert waf(fresh_aws) == {"devsecops": ["arn:aws:firehose:us-east-1:123456789012:deliverystream/aws-waf-logs-devsecops-siem"]}

    second = run_playbook(fresh_aws, "site.yml")
    assert second.rc == 0, second
    assert second.changed == 0, second
