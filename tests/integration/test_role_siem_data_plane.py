"""The siem role's data plane (tag siem_data_plane) against an OpenSearch stand-in on 127.0.0.1.

The local endpoint has no OpenSearch REST API, so its runs skip this tag. Here the role's own tasks run
against tests/support/opensearch_peer.py instead: every request is checked against the OpenSearch API
specification (the alerting and Dashboards calls, which the specification lacks, are recorded apart) and
its SigV4 signature or basic credentials verified; the peer answers as OpenSearch does. Secrets Manager
(the master user's password, the Slack webhook) is the local endpoint's.
"""

import json

import pytest

from tests.support.local_aws import client, run_playbook
from tests.support.opensearch_peer import OpenSearchPeer

pytestmark = pytest.mark.slow

PASSWORD = "Not-a-real-passw0rd!-Aa1"
WEBHOOK = "https://hooks.slack.com/services/T0000/B0000/not-a-real-token"
CONVERGE = "extensions/molecule/siem/converge.yml"


@pytest.fixture
def peer(fresh_aws):
    secrets = client(fresh_aws, "secretsmanager")
    secrets.create_secret(Name="devsecops/siem/master-user", SecretString=PASSWORD)
    with OpenSearchPeer(basic_users={"siem-admin": PASSWORD}) as peer:
        # A new domain maps its master user into all_access and security_manager.
        peer.store[("rolesmapping", "all_access")] = {"users": ["siem-admin"]}
        peer.store[("rolesmapping", "security_manager")] = {"users": ["siem-admin"]}
        yield peer


def data_plane(endpoint, peer, *args):
    connection = {
        "region": "us-east-1",
        "endpoint_url": endpoint,
        "access_key": "testing",
        "secret_key": "testing",
        "aws_ca_bundle": str(peer.ca_bundle),
    }
    extra = {"devsecops_aws_connection": connection, "siem_data_plane_endpoint": peer.endpoint}
    # The peer serves the tag the local endpoint cannot, so nothing is skipped.
    return run_playbook(endpoint, CONVERGE, "--tags", "siem_data_plane", "-e", json.dumps(extra), *args, env={"ANSIBLE_SKIP_TAGS": ""})


def test_check_mode_reads_and_writes_nothing(fresh_aws, peer):
    result = data_plane(fresh_aws, peer, "--check")
    assert result.rc == 0, result
    assert ("GET", "/_index_template/waf-logs") in peer.calls()  # it ran, reading
    assert peer.writes() == []
    assert peer.refused == [] and peer.unauthenticated == []


def test_the_data_plane_is_applied_once_every_request_as_the_specification_describes(fresh_aws, peer):
    first = data_plane(fresh_aws, peer)
    assert first.rc == 0, first
    assert peer.refused == [], peer.refused
    assert peer.unauthenticated == []
    assert PASSWORD not in first.output and WEBHOOK not in first.output

    store = peer.store
    # The identity Ansible runs as (an IAM user here) joins the master user in the admin mappings.
    runner = client(fresh_aws, "sts").get_caller_identity()["Arn"]
    assert ":user/" in runner
    assert store[("rolesmapping", "all_access")]["users"] == ["siem-admin", runner]
    assert store[("rolesmapping", "security_manager")]["users"] == ["siem-admin", runner]
    waf = store[("index_template", "waf-logs")]
    assert waf["index_patterns"] == ["waf-logs-*"] and waf["template"]["mappings"]["dynamic"] == "strict"
    assert waf["template"]["mappings"]["properties"]["client_ip"] == {"type": "ip"}
    assert store[("index_template", "guardduty-findings")]["template"]["mappings"]["properties"]["severity"] == {"type": "float"}
    policy = store[("ism_policy", "devsecops-siem-retention")]["policy"]
    assert policy["states"][0]["transitions"][0]["conditions"] == {"min_index_age": "90d"}
    assert policy["ism_template"][0]["index_patterns"] == ["waf-logs-*", "guardduty-findings-*"]
    assert store[("roles", "devsecops-siem-firehose")]["index_permissions"][0]["allowed_actions"] == ["crud", "create_index"]
    assert store[("rolesmapping", "devsecops-siem-firehose")] == {
        "backend_roles": ["arn:aws:iam::123456789012:role/devsecops-siem-firehose"]
    }
    channel = store[("channel", "devsecops-siem-slack")]
    assert channel["config_type"] == "slack" and channel["slack"]["url"] == WEBHOOK
    monitors = {key: value["monitor"] for key, value in store.items() if key[0] == "monitor"}
    assert sorted(m["name"] for m in monitors.values()) == ["devsecops-siem-guardduty-high-severity", "devsecops-siem-waf-blocked-requests"]
    for monitor in monitors.values():
        action = monitor["triggers"][0]["query_level_trigger"]["actions"][0]
        assert action["destination_id"] == "devsecops-siem-slack"
        assert "{{ctx.monitor.name}}" in action["message_template"]["source"]  # mustache, untouched by Jinja
    saved = sorted(f"{key[1]}/{key[2]}" for key in store if key[0] == "saved_object")
    assert len(saved) == 9 and "dashboard/devsecops-siem-siem" in saved
    assert all(key[3] == "global" for key in store if key[0] == "saved_object")

    outside = sorted({call[1].split("/")[2] for call in peer.outside_spec})
    assert outside == ["_alerting", "api"]  # /_plugins/_alerting/... and /_dashboards/api/saved_objects/...

    writes = len(peer.writes())
    second = data_plane(fresh_aws, peer)
    assert second.rc == 0, second
    assert second.changed == 0, second
    assert len(peer.writes()) == writes, "a second run wrote"
    assert peer.refused == []
