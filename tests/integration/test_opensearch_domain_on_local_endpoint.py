"""devsecops.aws.opensearch_domain against the local endpoint, state read back through boto3.

moto 5.2.5 serves the OpenSearch Service control plane and echoes every option; the requests it
cannot judge (the master user on an update, waiting while AWS processes) are checked against the
service model in tests/unit/plugins/modules/test_opensearch_domain.py.
"""

import json

import pytest

from ansible_collections.devsecops.aws.plugins.modules import opensearch_domain, opensearch_domain_info

from tests.support.local_aws import client, module_connection
from tests.support.service_model import run_module

NAME = "devsecops-siem"
KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"
LOGS = "arn:aws:logs:us-east-1:123456789012:log-group:/aws/opensearch/devsecops-siem/"
PASSWORD = "Not-a-real-passw0rd!"
POLICY = {
    "Version": "2012-10-17",
    "Statement": [
        {
            "Effect": "Allow",
            "Principal": {"AWS": "arn:aws:iam::123456789012:root"},
            "Action": "es:ESHttp*",
            "Resource": f"arn:aws:es:us-east-1:123456789012:domain/{NAME}/*",
        }
    ],
}


@pytest.fixture
def run(fresh_aws, capsys):
    return lambda **args: run_module(capsys, opensearch_domain, dict(module_connection(fresh_aws), **args))


def domain_args(**overrides):
    args = dict(
        name=NAME,
        access_policy=POLICY,
        encryption_at_rest=dict(kms_key_id=KEY),
        fine_grained_access_control=dict(master_user_name="siem-admin", master_user_password=PASSWORD),
        log_publishing={kind: LOGS + kind for kind in ("audit", "application", "index_slow", "search_slow")},
        tags={"devsecops": "siem"},
    )
    args.update(overrides)
    return args


def described(endpoint):
    return client(endpoint, "opensearch").describe_domain(DomainName=NAME)["DomainStatus"]


def test_check_mode_creates_nothing(run, fresh_aws):
    result = run(**domain_args(_ansible_check_mode=True))
    assert result["changed"] is True
    assert client(fresh_aws, "opensearch").list_domain_names()["DomainNames"] == []


def test_domain_is_created_secure_and_a_second_run_changes_nothing(run, fresh_aws):
    first = run(**domain_args())
    assert first["changed"] is True, first
    assert first["arn"] == f"arn:aws:es:us-east-1:123456789012:domain/{NAME}"
    assert first["endpoint"]
    assert PASSWORD not in json.dumps(first)

    domain = described(fresh_aws)
    assert domain["EngineVersion"] == "OpenSearch_2.19"
    assert domain["EncryptionAtRestOptions"] == {"Enabled": True, "KmsKeyId": KEY}
    assert domain["NodeToNodeEncryptionOptions"] == {"Enabled": True}
    assert domain["DomainEndpointOptions"]["EnforceHTTPS"] is True
    assert domain["DomainEndpointOptions"]["TLSSecurityPolicy"] == "Policy-Min-TLS-1-2-PFS-2023-10"
    assert domain["AdvancedSecurityOptions"]["Enabled"] is True
    assert domain["AdvancedSecurityOptions"]["InternalUserDatabaseEnabled"] is True
    assert json.loads(domain["AccessPolicies"]) == POLICY
    assert domain["LogPublishingOptions"] == {
        "AUDIT_LOGS": {"Enabled": True, "CloudWatchLogsLogGroupArn": LOGS + "audit"},
        "ES_APPLICATION_LOGS": {"Enabled": True, "CloudWatchLogsLogGroupArn": LOGS + "application"},
        "INDEX_SLOW_LOGS": {"Enabled": True, "CloudWatchLogsLogGroupArn": LOGS + "index_slow"},
        "SEARCH_SLOW_LOGS": {"Enabled": True, "CloudWatchLogsLogGroupArn": LOGS + "search_slow"},
    }
    assert domain["ClusterConfig"]["ZoneAwarenessEnabled"] is True
    assert domain["EBSOptions"]["VolumeType"] == "gp3"
    assert domain["SoftwareUpdateOptions"]["AutoSoftwareUpdateEnabled"] is True
    tags = client(fresh_aws, "opensearch").list_tags(ARN=first["arn"])["TagList"]
    assert tags == [{"Key": "devsecops", "Value": "siem"}]

    second = run(**domain_args())
    assert second["changed"] is False, second


def test_a_policy_written_another_way_and_a_bare_key_id_change_nothing(run):
    run(**domain_args())
    policy = json.loads(json.dumps(POLICY))
    policy["Statement"][0]["Action"] = ["es:ESHttp*"]
    result = run(**domain_args(access_policy=policy, encryption_at_rest=dict(kms_key_id=KEY.rsplit("/", 1)[1])))
    assert result["changed"] is False, result


def test_a_changed_tls_policy_and_a_dropped_log_are_updated_in_place(run, fresh_aws):
    run(**domain_args())
    logs = {kind: LOGS + kind for kind in ("audit", "application")}
    result = run(**domain_args(tls_security_policy="Policy-Min-TLS-1-2-2019-07", log_publishing=logs, _ansible_diff=True))
    assert result["changed"] is True
    assert result["diff"]["after"]["tls_security_policy"] == "Policy-Min-TLS-1-2-2019-07"
    domain = described(fresh_aws)
    assert domain["DomainEndpointOptions"]["TLSSecurityPolicy"] == "Policy-Min-TLS-1-2-2019-07"
    assert domain["LogPublishingOptions"]["INDEX_SLOW_LOGS"] == {"Enabled": False}
    assert run(**domain_args(tls_security_policy="Policy-Min-TLS-1-2-2019-07", log_publishing=logs))["changed"] is False


def test_a_public_policy_is_refused(run, fresh_aws):
    policy = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "es:*"}]}
    result = run(**domain_args(access_policy=policy))
    assert result["failed"] is True
    assert "open to anyone" in result["msg"]
    assert client(fresh_aws, "opensearch").list_domain_names()["DomainNames"] == []


def test_encryption_cannot_be_turned_off(run, fresh_aws):
    run(**domain_args())
    result = run(**domain_args(node_to_node_encryption=False, fine_grained_access_control=dict(enabled=False), log_publishing={}))
    assert result["failed"] is True
    assert "cannot be turned off" in result["msg"]
    assert described(fresh_aws)["NodeToNodeEncryptionOptions"] == {"Enabled": True}


def test_absent_deletes_the_domain_and_then_has_nothing_to_do(run, fresh_aws):
    run(**domain_args())
    assert run(name=NAME, state="absent", _ansible_check_mode=True)["changed"] is True
    assert len(client(fresh_aws, "opensearch").list_domain_names()["DomainNames"]) == 1
    assert run(name=NAME, state="absent")["changed"] is True
    assert client(fresh_aws, "opensearch").list_domain_names()["DomainNames"] == []
    assert run(name=NAME, state="absent")["changed"] is False


def test_the_info_module_reads_what_the_module_made_and_names_the_region(run, fresh_aws, capsys):
    made = run(**domain_args())
    info = run_module(capsys, opensearch_domain_info, dict(module_connection(fresh_aws), name=NAME))
    assert info["changed"] is False
    assert (info["exists"], info["arn"], info["endpoint"], info["region"]) == (True, made["arn"], made["endpoint"], "us-east-1")
    assert {key: value for key, value in info["domain"].items() if key != "ebs"} == {
        key: value for key, value in made["domain"].items() if key != "ebs"
    }
    missing = run_module(capsys, opensearch_domain_info, dict(module_connection(fresh_aws), name="nothing-here"))
    assert (missing["exists"], missing["arn"], missing["domain"]) == (False, "", {})
