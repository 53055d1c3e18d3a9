"""opensearch_domain through the OpenSearch Service model, for what moto cannot show.

AWS takes 15 to 30 minutes to create a domain (Processing, no endpoint yet), never reports the master
user back, and reports a VPC domain's endpoint under Endpoints; these tests give the answers AWS gives
and check every request against botocore's model.
"""

import datetime
import json

import pytest

from ansible_collections.devsecops.aws.plugins.modules import opensearch_domain

from tests.support.service_model import ANY, ServiceModelStub, run_module

NAME = "devsecops-siem"
ARN = f"arn:aws:es:us-east-1:123456789012:domain/{NAME}"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
AUDIT = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/opensearch/devsecops-siem/audit"
PASSWORD = "Not-a-real-passw0rd!"
POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "es:ESHttp*", "Resource": f"{ARN}/*"}
    ],
}
ARGS = dict(
    region="us-east-1",
    name=NAME,
    access_policy=POLICY,
    encryption_at_rest=dict(kms_key_id=KEY),
    fine_grained_access_control=dict(master_user_name="siem-admin", master_user_password=PASSWORD),
    log_publishing=dict(audit=AUDIT),
)


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch):
    slept = []
    monkeypatch.setattr("time.sleep", slept.append)
    return slept


def status(processing=False, endpoint=True, vpc=False, fgac=True, tls="Policy-Min-TLS-1-2-PFS-2023-10"):
    """A DescribeDomain DomainStatus as AWS gives it (no master user, AWS-filled defaults)."""
    domain = {
        "DomainId": f"123456789012/{NAME}",
        "DomainName": NAME,
        "ARN": ARN,
        "Created": True,
        "Deleted": False,
        "Processing": processing,
        "UpgradeProcessing": False,
        "EngineVersion": "OpenSearch_2.19",
        "ClusterConfig": {
            "InstanceType": "m7g.large.search",
            "InstanceCount": 2,
            "DedicatedMasterEnabled": False,
            "ZoneAwarenessEnabled": True,
            "ZoneAwarenessConfig": {"AvailabilityZoneCount": 2},
            "WarmEnabled": False,
            "ColdStorageOptions": {"Enabled": False},
            "MultiAZWithStandbyEnabled": False,
        },
        "EBSOptions": {"EBSEnabled": True, "VolumeType": "gp3", "VolumeSize": 20, "Iops": 3000, "Throughput": 125},
        "AccessPolicies": json.dumps(POLICY),
        "EncryptionAtRestOptions": {"Enabled": True, "KmsKeyId": KEY},
        "NodeToNodeEncryptionOptions": {"Enabled": True},
        "AdvancedOptions": {"override_main_response_version": "false", "rest.action.multi.allow_explicit_index": "true"},
        "LogPublishingOptions": {"AUDIT_LOGS": {"Enabled": True, "CloudWatchLogsLogGroupArn": AUDIT}},
        "DomainEndpointOptions": {"EnforceHTTPS": True, "TLSSecurityPolicy": tls, "CustomEndpointEnabled": False},
        "AdvancedSecurityOptions": {"Enabled": fgac, "InternalUserDatabaseEnabled": fgac, "AnonymousAuthEnabled": False},
        "SoftwareUpdateOptions": {"AutoSoftwareUpdateEnabled": True},
    }
    host = f"search-{NAME}-abcdefghijklmnopqrstuvwxyz.us-east-1.es.amazonaws.com"
    if vpc:
        domain["VPCOptions"] = {
            "VPCId": "vpc-0123",
            "SubnetIds": ["subnet-0b", "subnet-0a"],
            "AvailabilityZones": ["us-east-1a", "us-east-1b"],
            "SecurityGroupIds": ["sg-01"],
        }
        if endpoint:
            domain["Endpoints"] = {"vpc": "vpc-" + host}
    elif endpoint:
        domain["Endpoint"] = host
    return {"DomainStatus": domain}


def describe(stub, response):
    stub.expect("describe_domain", {"DomainName": NAME}, response)


def test_creation_waits_for_processing_to_end_and_an_endpoint(capsys, no_sleep):
    with ServiceModelStub("opensearch") as stub:
        stub.expect_error("describe_domain", "ResourceNotFoundException", params={"DomainName": NAME}, http_status=409)
        stub.expect(
            "create_domain",
            {
                "DomainName": NAME,
                "EngineVersion": "OpenSearch_2.19",
                "ClusterConfig": {
                    "InstanceType": "m7g.large.search",
                    "InstanceCount": 2,
                    "ZoneAwarenessEnabled": True,
                    "DedicatedMasterEnabled": False,
                    "ZoneAwarenessConfig": {"AvailabilityZoneCount": 2},
                },
                "EBSOptions": {"EBSEnabled": True, "VolumeType": "gp3", "VolumeSize": 20},
                "AccessPolicies": json.dumps(POLICY, sort_keys=True),
                "EncryptionAtRestOptions": {"Enabled": True, "KmsKeyId": KEY},
                "NodeToNodeEncryptionOptions": {"Enabled": True},
                "DomainEndpointOptions": {"EnforceHTTPS": True, "TLSSecurityPolicy": "Policy-Min-TLS-1-2-PFS-2023-10"},
                "AdvancedSecurityOptions": {
                    "Enabled": True,
                    "InternalUserDatabaseEnabled": True,
                    "AnonymousAuthEnabled": False,
                    "MasterUserOptions": {"MasterUserName": "siem-admin", "MasterUserPassword": PASSWORD},
                },
                "LogPublishingOptions": {
                    "AUDIT_LOGS": {"Enabled": True, "CloudWatchLogsLogGroupArn": AUDIT},
                    "ES_APPLICATION_LOGS": {"Enabled": False},
                    "INDEX_SLOW_LOGS": {"Enabled": False},
                    "SEARCH_SLOW_LOGS": {"Enabled": False},
                },
                "SoftwareUpdateOptions": {"AutoSoftwareUpdateEnabled": True},
            },
            status(processing=True, endpoint=False),
        )
        describe(stub, status(processing=True, endpoint=False))
        describe(stub, status(processing=False, endpoint=False))
        describe(stub, status())
        result = run_module(capsys, opensearch_domain, ARGS, clients=[stub])
    assert result["changed"] is True, result
    assert result["endpoint"].startswith("search-devsecops-siem-")
    assert len(no_sleep) == 2
    assert PASSWORD not in json.dumps(result)


def test_an_unchanged_domain_is_only_read_though_aws_hides_the_master_user(capsys):
    with ServiceModelStub("opensearch") as stub:
        describe(stub, status())
        result = run_module(capsys, opensearch_domain, ARGS, clients=[stub])
    assert result["changed"] is False, result


def test_only_the_differing_section_is_sent_without_the_master_user(capsys):
    with ServiceModelStub("opensearch") as stub:
        describe(stub, status(tls="Policy-Min-TLS-1-2-2019-07"))
        stub.expect(
            "update_domain_config",
            {
                "DomainName": NAME,
                "DomainEndpointOptions": {"EnforceHTTPS": True, "TLSSecurityPolicy": "Policy-Min-TLS-1-2-PFS-2023-10"},
            },
            {"DomainConfig": {}},
        )
        describe(stub, status(processing=True))
        describe(stub, status())
        result = run_module(capsys, opensearch_domain, ARGS, clients=[stub])
    assert result["changed"] is True


def test_turning_fine_grained_access_control_on_sends_the_master_user(capsys):
    with ServiceModelStub("opensearch") as stub:
        describe(stub, status(fgac=False, tls="Policy-Min-TLS-1-2-PFS-2023-10"))
        stub.expect(
            "update_domain_config",
            {
                "DomainName": NAME,
                "AdvancedSecurityOptions": {
                    "Enabled": True,
                    "InternalUserDatabaseEnabled": True,
                    "AnonymousAuthEnabled": False,
                    "MasterUserOptions": {"MasterUserName": "siem-admin", "MasterUserPassword": PASSWORD},
                },
            },
            {"DomainConfig": {}},
        )
        describe(stub, status())
        result = run_module(capsys, opensearch_domain, ARGS, clients=[stub])
    assert result["changed"] is True
    assert PASSWORD not in json.dumps(result)


def test_update_password_always_sends_the_master_user_every_run(capsys):
    fgac = dict(master_user_name="siem-admin", master_user_password=PASSWORD, update_password="always")
    with ServiceModelStub("opensearch") as stub:
        describe(stub, status())
        stub.expect("update_domain_config", {"DomainName": NAME, "AdvancedSecurityOptions": ANY}, {"DomainConfig": {}})
        describe(stub, status())
        result = run_module(capsys, opensearch_domain, dict(ARGS, fine_grained_access_control=fgac), clients=[stub])
    assert result["changed"] is True


def test_a_vpc_domain_reports_its_vpc_endpoint_and_ignores_derived_fields(capsys):
    args = dict(ARGS, vpc=dict(subnet_ids=["subnet-0a", "subnet-0b"], security_group_ids=["sg-01"]))
    with ServiceModelStub("opensearch") as stub:
        describe(stub, status(vpc=True))
        result = run_module(capsys, opensearch_domain, args, clients=[stub])
    assert result["changed"] is False, result
    assert result["endpoint"].startswith("vpc-search-devsecops-siem-")


def test_a_different_engine_version_fails_before_any_write(capsys):
    with ServiceModelStub("opensearch") as stub:
        describe(stub, status())
        result = run_module(capsys, opensearch_domain, dict(ARGS, engine_version="OpenSearch_3.1"), clients=[stub])
    assert result["failed"] is True
    assert "does not upgrade domains" in result["msg"]


def test_moving_a_public_domain_into_a_vpc_fails_before_any_write(capsys):
    args = dict(ARGS, vpc=dict(subnet_ids=["subnet-0a"], security_group_ids=["sg-01"]))
    with ServiceModelStub("opensearch") as stub:
        describe(stub, status())
        result = run_module(capsys, opensearch_domain, args, clients=[stub])
    assert result["failed"] is True
    assert "public and VPC" in result["msg"]


def test_a_domain_still_being_deleted_counts_as_gone(capsys):
    deleting = status()
    deleting["DomainStatus"].update(Deleted=True, Processing=True)
    with ServiceModelStub("opensearch") as stub:
        describe(stub, deleting)
        result = run_module(capsys, opensearch_domain, dict(region="us-east-1", name=NAME, state="absent"), clients=[stub])
    assert result["changed"] is False


def test_fine_grained_access_control_needs_a_master_user(capsys):
    args = dict(ARGS, fine_grained_access_control=dict(master_user_name="siem-admin"))
    with ServiceModelStub("opensearch") as stub:
        result = run_module(capsys, opensearch_domain, args, clients=[stub])
    assert result["failed"] is True
    assert "master_user_name and master_user_password" in result["msg"]


def test_timestamps_in_answers_do_not_matter(capsys):
    answer = status()
    answer["DomainStatus"]["ServiceSoftwareOptions"] = {"AutomatedUpdateDate": datetime.datetime(2026, 1, 1)}
    with ServiceModelStub("opensearch") as stub:
        describe(stub, answer)
        assert run_module(capsys, opensearch_domain, ARGS, clients=[stub])["changed"] is False


def test_the_master_password_can_come_from_secrets_manager_read_only_when_sent(capsys):
    fgac = dict(master_user_name="siem-admin", master_user_password_secret_id="devsecops/siem/master-user")
    with ServiceModelStub("opensearch") as stub, ServiceModelStub("secretsmanager") as secrets:
        describe(stub, status(fgac=False))
        secrets.expect("get_secret_value", {"SecretId": "devsecops/siem/master-user"}, {"SecretString": PASSWORD})
        stub.expect(
            "update_domain_config",
            {
                "DomainName": NAME,
                "AdvancedSecurityOptions": {
                    "Enabled": True,
                    "InternalUserDatabaseEnabled": True,
                    "AnonymousAuthEnabled": False,
                    "MasterUserOptions": {"MasterUserName": "siem-admin", "MasterUserPassword": PASSWORD},
                },
            },
            {"DomainConfig": {}},
        )
        describe(stub, status())
        result = run_module(capsys, opensearch_domain, dict(ARGS, fine_grained_access_control=fgac), clients=[stub, secrets])
    assert result["changed"] is True
    assert PASSWORD not in json.dumps(result)
    with ServiceModelStub("opensearch") as stub, ServiceModelStub("secretsmanager") as secrets:
        describe(stub, status())
        again = run_module(capsys, opensearch_domain, dict(ARGS, fine_grained_access_control=fgac), clients=[stub, secrets])
    assert again["changed"] is False  # and the secret was not read: no request was expected
