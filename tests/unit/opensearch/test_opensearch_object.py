"""opensearch_object and opensearch_notification_channel against the OpenSearch stand-in.

Each test runs a module the way a playbook does and reads the result back from the peer, whose every
request was validated against the OpenSearch API specification (the `peer` fixture fails the test
otherwise). What a second run does is what matters: it must read and not write.
"""

import json

import pytest

from ansible_collections.devsecops.aws.plugins.modules import opensearch_notification_channel, opensearch_object

from tests.support.service_model import ServiceModelStub, run_module

TEMPLATE = {
    "index_patterns": ["waf-logs-*"],
    "priority": 100,
    "template": {
        "settings": {"index": {"number_of_shards": 1, "number_of_replicas": 1}},
        "mappings": {"dynamic": "strict", "properties": {"client_ip": {"type": "ip"}, "action": {"type": "keyword"}}},
    },
}
POLICY = {
    "description": "Delete SIEM indices after 90 days",
    "default_state": "hot",
    "states": [
        {"name": "hot", "actions": [], "transitions": [{"state_name": "delete", "conditions": {"min_index_age": "90d"}}]},
        {"name": "delete", "actions": [{"delete": {}}], "transitions": []},
    ],
    "ism_template": [{"index_patterns": ["waf-logs-*"], "priority": 100}],
}
FIREHOSE_ROLE = "arn:aws:iam::123456789012:role/devsecops-siem-firehose"
WEBHOOK = "https://hooks.slack.com/services/T0000/B0000/not-a-real-token"


@pytest.fixture
def apply(capsys, connection):
    def apply(kind, name, body=None, **args):
        return run_module(capsys, opensearch_object, dict(connection, kind=kind, name=name, body=body, **args))

    return apply


def test_an_index_template_is_written_once_and_then_only_read(apply, peer):
    first = apply("index_template", "waf-logs", TEMPLATE)
    assert first["changed"] is True, first
    assert peer.store[("index_template", "waf-logs")] == TEMPLATE
    second = apply("index_template", "waf-logs", TEMPLATE)
    assert second["changed"] is False, second
    assert peer.writes() == [("PUT", "/_index_template/waf-logs")]


def test_a_changed_mapping_rewrites_the_template_and_shows_the_diff(apply, peer):
    apply("index_template", "waf-logs", TEMPLATE)
    changed = json.loads(json.dumps(TEMPLATE))
    changed["template"]["mappings"]["properties"]["country"] = {"type": "keyword"}
    result = apply("index_template", "waf-logs", changed, _ansible_diff=True)
    assert result["changed"] is True
    assert "country" in result["diff"]["after"]["template"]["mappings"]["properties"]
    assert "country" not in result["diff"]["before"]["template"]["mappings"]["properties"]
    assert peer.store[("index_template", "waf-logs")] == changed


def test_check_mode_reads_and_writes_nothing(apply, peer):
    result = apply("index_template", "waf-logs", TEMPLATE, _ansible_check_mode=True)
    assert result["changed"] is True
    assert peer.writes() == []
    assert peer.calls() == [("GET", "/_index_template/waf-logs")]


def test_an_ism_policy_ignores_the_defaults_ism_adds_and_updates_with_sequence_numbers(apply, peer):
    apply("ism_policy", "devsecops-siem-retention", POLICY)
    assert peer.store[("ism_policy", "devsecops-siem-retention")]["policy"]["states"][1]["actions"][0]["retry"]["count"] == 3
    assert apply("ism_policy", "devsecops-siem-retention", POLICY)["changed"] is False
    longer = json.loads(json.dumps(POLICY))
    longer["states"][0]["transitions"][0]["conditions"]["min_index_age"] = "180d"
    assert apply("ism_policy", "devsecops-siem-retention", longer)["changed"] is True
    update = [r for r in peer.requests if r[0] == "PUT"][-1]
    assert update[2] == {"if_seq_no": "1", "if_primary_term": "1"}
    assert peer.store[("ism_policy", "devsecops-siem-retention")]["policy"]["states"][0]["transitions"][0]["conditions"] == {"min_index_age": "180d"}


def test_a_role_mapping_gains_members_and_keeps_the_ones_it_had(apply, peer):
    peer.store[("rolesmapping", "all_access")] = {"users": ["siem-admin"], "backend_roles": []}
    result = apply("role_mapping", "all_access", {"backend_roles": [FIREHOSE_ROLE]})
    assert result["changed"] is True
    assert peer.store[("rolesmapping", "all_access")] == {
        "users": ["siem-admin"], "backend_roles": [FIREHOSE_ROLE], "hosts": [], "and_backend_roles": []
    }
    assert apply("role_mapping", "all_access", {"backend_roles": [FIREHOSE_ROLE]})["changed"] is False
    removed = apply("role_mapping", "all_access", {"backend_roles": [FIREHOSE_ROLE]}, state="absent")
    assert removed["changed"] is True
    assert peer.store[("rolesmapping", "all_access")]["users"] == ["siem-admin"]
    assert peer.store[("rolesmapping", "all_access")]["backend_roles"] == []
    assert apply("role_mapping", "all_access", {"backend_roles": [FIREHOSE_ROLE]}, state="absent")["changed"] is False


def test_a_security_role_ignores_the_flags_the_plugin_adds(apply, peer):
    role = {
        "cluster_permissions": ["cluster_composite_ops", "cluster_monitor"],
        "index_permissions": [{"index_patterns": ["waf-logs-*"], "allowed_actions": ["crud", "create_index"]}],
    }
    assert apply("security_role", "devsecops_firehose", role)["changed"] is True
    assert apply("security_role", "devsecops_firehose", role)["changed"] is False
    assert apply("security_role", "devsecops_firehose", state="absent")["changed"] is True
    assert ("roles", "devsecops_firehose") not in peer.store


def test_a_monitor_is_found_by_name_and_updated_by_id(apply, peer):
    monitor = {
        "monitor_type": "query_level_monitor",
        "enabled": True,
        "schedule": {"period": {"interval": 5, "unit": "MINUTES"}},
        # In the form the plugin stores a query ({"action": "BLOCK"} would read back as {"value": ..., "boost": 1.0}).
        "inputs": [{"search": {"indices": ["waf-logs-*"], "query": {"size": 0, "query": {"term": {"action": {"value": "BLOCK"}}}}}}],
        "triggers": [
            {
                "query_level_trigger": {
                    "name": "blocked",
                    "severity": "2",
                    "condition": {"script": {"source": "ctx.results[0].hits.total.value > 100", "lang": "painless"}},
                    "actions": [],
                }
            }
        ],
    }
    assert apply("monitor", "waf-blocked", monitor)["changed"] is True
    assert apply("monitor", "waf-blocked", monitor)["changed"] is False
    monitor["enabled"] = False
    assert apply("monitor", "waf-blocked", monitor)["changed"] is True
    writes = peer.writes()
    assert writes == [("POST", "/_plugins/_alerting/monitors"), ("PUT", "/_plugins/_alerting/monitors/monitor-1")]
    assert all(request[1].startswith("/_plugins/_alerting/") for request in peer.outside_spec)


def test_a_saved_object_goes_to_the_global_tenant_with_the_xsrf_header(apply, peer):
    body = {"attributes": {"title": "waf-logs-*", "timeFieldName": "@timestamp"}, "references": []}
    assert apply("saved_object", "index-pattern/waf-logs", body)["changed"] is True
    assert ("saved_object", "index-pattern", "waf-logs", "global") in peer.store
    assert apply("saved_object", "index-pattern/waf-logs", body)["changed"] is False


def test_an_object_the_domain_refuses_fails_the_task_with_its_reason(apply, peer):
    result = apply("index_template", "waf-logs", {"index_pattern": ["waf-logs-*"]})
    assert result["failed"] is True
    assert "answered 400" in result["msg"] and "/index_pattern is not a property" in result["msg"]
    peer.refused.clear()  # this test sent the refused request on purpose


def test_a_slack_channel_takes_its_webhook_from_secrets_manager_and_never_shows_it(capsys, connection, peer):
    args = dict(connection, channel_id="devsecops-siem-slack", name="SIEM alerts", webhook_secret_id="devsecops/siem/slack", _ansible_diff=True)

    def run():
        with ServiceModelStub("secretsmanager") as secrets:
            secrets.expect("get_secret_value", {"SecretId": "devsecops/siem/slack"}, {"SecretString": WEBHOOK})
            return run_module(capsys, opensearch_notification_channel, args, clients=[secrets])

    first = run()
    assert first["changed"] is True, first
    assert peer.store[("channel", "devsecops-siem-slack")]["slack"]["url"] == WEBHOOK
    assert WEBHOOK not in json.dumps(first)
    assert first["object"]["slack"]["url"] == "********"
    second = run()
    assert second["changed"] is False
    assert list(peer.writes()) == [("POST", "/_plugins/_notifications/configs")]


def test_an_internal_user_whose_password_is_in_secrets_manager_maps_the_runner(capsys, connection, peer):
    peer.store[("rolesmapping", "all_access")] = {"users": ["siem-admin"]}
    runner = "arn:aws:iam::123456789012:role/ansible-runner"
    args = dict(
        connection,
        kind="role_mapping",
        name="all_access",
        body={"backend_roles": [runner]},
        username="siem-admin",
        password_secret_id="devsecops/siem/master-user",
    )
    with ServiceModelStub("secretsmanager") as secrets:
        secrets.expect("get_secret_value", {"SecretId": "devsecops/siem/master-user"}, {"SecretString": "Not-a-real-passw0rd!"})
        result = run_module(capsys, opensearch_object, args, clients=[secrets])
    assert result["changed"] is True, result
    assert peer.unauthenticated == []
    assert peer.store[("rolesmapping", "all_access")]["backend_roles"] == [runner]
    assert "Not-a-real-passw0rd!" not in json.dumps(result)


@pytest.mark.parametrize("check_mode", [True, False])
def test_a_missing_webhook_secret_fails_unless_check_mode_can_assume_it(capsys, connection, peer, check_mode):
    args = dict(connection, channel_id="c", name="SIEM alerts", webhook_secret_id="devsecops/missing", _ansible_check_mode=check_mode)
    with ServiceModelStub("secretsmanager") as secrets:
        secrets.expect_error("get_secret_value", "ResourceNotFoundException", params={"SecretId": "devsecops/missing"})
        result = run_module(capsys, opensearch_notification_channel, args, clients=[secrets])
    if check_mode:
        assert result["changed"] is True and "does not exist yet" in json.dumps(result["warnings"])
    else:
        assert result["failed"] is True and result["msg"] == "secret devsecops/missing (the Slack webhook) does not exist"
    assert peer.writes() == []


def test_a_monitor_query_in_shorthand_reads_back_different_and_is_rewritten_each_run(apply, peer):
    monitor = {
        "monitor_type": "query_level_monitor",
        "schedule": {"period": {"interval": 5, "unit": "MINUTES"}},
        "inputs": [{"search": {"indices": ["waf-logs-*"], "query": {"size": 0, "query": {"term": {"action": "BLOCK"}}}}}],
        "triggers": [],
    }
    apply("monitor", "shorthand", monitor)
    assert apply("monitor", "shorthand", monitor)["changed"] is True  # why the role writes the stored form
