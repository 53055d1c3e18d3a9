"""playbooks/scanner.yml alone against a fresh local endpoint: the scanner host and its document through
boto3, no change on the second run, nothing made in check mode. (The host roles need a real instance to
connect to; inventories/local turns them off and their podman scenarios test them.)"""

import pytest

from tests.support.local_aws import client, run_playbook

pytestmark = pytest.mark.slow


def scanner(endpoint):
    ec2 = client(endpoint, "ec2")
    reservations = ec2.describe_instances(
        Filters=[{"Name": "tag:devsecops:role", "Values": ["scanner"]}, {"Name": "instance-state-name", "Values": ["running"]}]
    )["Reservations"]
    instances = [i for r in reservations for i in r["Instances"]]
    documents = client(endpoint, "ssm").list_documents(Filters=[{"Key": "Owner", "Values": ["Self"]}])["DocumentIdentifiers"]
    subnets = ec2.describe_subnets(Filters=[{"Name": "tag:Name", "Values": ["devsecops-scanner-private"]}])["Subnets"]
    return {
        "instances": [(i["MetadataOptions"]["HttpTokens"], i["MetadataOptions"]["HttpPutResponseHopLimit"], i.get("PublicIpAddress"))
                      for i in instances],
        "subnets": [s["MapPublicIpOnLaunch"] for s in subnets],
        "documents": [d["Name"] for d in documents],
    }


def test_check_mode_on_a_fresh_endpoint_makes_nothing(fresh_aws):
    run = run_playbook(fresh_aws, "playbooks/scanner.yml", "--check")
    assert run.rc == 0, run
    # amazon.aws.ec2_vpc_net predicts no change for a VPC it would create, and nothing can be
    # predicted in a subnet that does not exist yet: the play says so instead.
    assert "the scanner's VPC and subnet do not exist yet" in run.output
    assert scanner(fresh_aws) == {"instances": [], "subnets": [], "documents": []}


def test_scanner_host_converges_and_a_second_run_changes_nothing(fresh_aws):
    first = run_playbook(fresh_aws, "playbooks/scanner.yml")
    assert first.rc == 0, first
    assert scanner(fresh_aws) == {"instances": [("required", 1, None)], "subnets": [False], "documents": ["devsecops-scanner-scan"]}
    second = run_playbook(fresh_aws, "playbooks/scanner.yml")
    assert second.rc == 0, second
    assert second.changed == 0, second
