"""The transform Lambdas on real-format records: WAF logs and GuardDuty findings to flat documents,
Firehose's response contract, and malformed records that fail alone."""

import ipaddress
import datetime
import json

import pytest

from tests.unit.roles.siem.transforms import (
    decoded,
    firehose_event,
    guardduty_events,
    guardduty_findings,
    waf_cloudfront_log,
    waf_docs_examples,
    waf_logs,
    waf_own_records,
)


def test_a_blocked_sql_injection_is_flattened():
    sqli = waf_docs_examples()[0]
    document = waf_logs.transform(sqli)
    moment = datetime.datetime.fromisoformat(document["@timestamp"].replace("Z", "+00:00"))
    assert round(moment.timestamp() * 1000) == sqli["timestamp"]
    assert document["@timestamp"].endswith("Z")
    assert document["action"] == "BLOCK"
    assert document["terminating_rule"] == "STMTest_SQLi_XSS"
    assert document["terminating_rule_type"] == "REGULAR"
    assert document["client_ip"] == "1.1.1.1"
    assert document["country"] == "AU"
    assert document["uri"] == "/myUri"
    assert document["method"] == "GET"
    assert document["user_agent"] == "curl/7.61.1"
    assert document["host"] == "localhost:1989"
    assert document["labels"] == ["value"]
    assert sqli["webaclId"].split("/")[-2] == document["web_acl"] == "STMTest"


def test_a_rule_group_block_lists_the_terminating_and_counted_rules():
    group_block = waf_docs_examples()[2]
    document = waf_logs.transform(group_block)
    group = "arn:aws:wafv2:us-east-1:123456789012:global/rulegroup/hello-world/c05lb698-1f11-4m41-aef4-99a506d53f4b"
    assert document["terminating_rule_type"] == "GROUP"
    assert document["rule_group_matches"] == [
        {"rule_group": group, "rule": "RuleA-XSS", "action": "BLOCK", "terminating": True},
        {"rule_group": group, "rule": "RuleB-SQLi", "action": "COUNT", "terminating": False},
    ]


def test_a_captcha_record_and_every_docs_example_transform():
    documents = [waf_logs.transform(record) for record in waf_docs_examples()]
    assert [d["action"] for d in documents] == ["BLOCK", "ALLOW", "BLOCK", "BLOCK", "ALLOW", "CAPTCHA"]


def test_redacted_client_addresses_are_left_out_not_indexed_as_garbage():
    records = waf_cloudfront_log()
    assert len(records) == 228
    documents = [waf_logs.transform(record) for record in records]
    masked = [d for r, d in zip(records, documents) if r["httpRequest"]["clientIp"] == "X.X.X.X"]
    assert len(masked) == 6 and all("client_ip" not in d for d in masked)
    assert sum(1 for d in documents if d.get("client_ip") == "72.21.196.66") == 184
    assert {d["action"] for d in documents} == {"ALLOW"}
    assert all(d["rule_group_matches"] == [] and d["source"] == "CF" for d in documents)
    assert sum(1 for d in documents if d.get("user_agent")) > 200


def test_only_host_and_user_agent_of_the_headers_are_kept():
    record = waf_cloudfront_log()[0]
    document = waf_logs.transform(record)
    assert "Cookie" in json.dumps(record) and "welcomebanner_status" in json.dumps(record)
    assert "welcomebanner_status" not in json.dumps(document)


@pytest.mark.parametrize("event", guardduty_events(), ids=lambda e: e["detail"]["type"])
def test_guardduty_findings_are_flattened(event):
    finding = event["detail"]
    document = guardduty_findings.transform(event)
    assert document["finding_id"] == finding["id"]
    assert document["type"] == finding["type"]
    assert document["severity"] == float(finding["severity"])
    assert document["count"] == finding["service"]["count"]
    assert document["@timestamp"] == finding["updatedAt"]
    assert document["region"] == (finding.get("region") or event["region"])


def test_guardduty_resource_actor_and_labels_come_from_where_each_kind_keeps_them():
    by_type = {e["detail"]["type"]: guardduty_findings.transform(e) for e in guardduty_events()}
    iam = by_type["Recon:IAMUser/MaliciousIPCaller.Custom"]
    assert (iam["resource_type"], iam["resource_id"]) == ("AccessKey", "GeneratedFindingAccessKeyId")
    assert iam["actor_ip"] == "198.51.100.0" and iam["action_type"] == "AWS_API_CALL"
    assert iam["account"] == "123456789012" and iam["severity_label"] == "Medium"
    s3 = by_type["PenTest:S3/ParrotLinux"]
    assert s3["resource_type"] == "S3Bucket" and s3["resource_id"]
    ssh = by_type["UnauthorizedAccess:EC2/SSHBruteForce"]
    assert (ssh["resource_type"], ssh["severity_label"]) == ("Instance", "Low")
    assert ssh["resource_id"].startswith("i-")
    assert "account" not in ssh  # the partial sample carries no account


@pytest.mark.parametrize(
    "severity,label", [(1.0, "Low"), (3.9, "Low"), (4.0, "Medium"), (6.9, "Medium"), (7.0, "High"), (8.9, "High"), (9.0, "Critical"), (10, "Critical")]
)
def test_severity_labels_follow_guardduty(severity, label):
    assert guardduty_findings.severity_label(severity) == label


def test_the_firehose_contract_every_record_back_with_its_id_result_and_base64_data():
    records = waf_docs_examples()
    event = firehose_event(*records)
    response = waf_logs.handler(event, None)
    assert [r["recordId"] for r in response["records"]] == [r["recordId"] for r in event["records"]]
    assert {r["result"] for r in response["records"]} == {"Ok"}
    assert all(set(r) == {"recordId", "result", "data"} for r in response["records"])
    assert decoded(response["records"][0]) == waf_logs.transform(records[0])


@pytest.mark.parametrize(
    "bad",
    [
        "not json at all",
        b"\xff\xfe\x00 not utf-8",
        {"timestamp": 1592361810888, "action": "BLOCK"},  # no httpRequest
        {"timestamp": "yesterday", "action": "BLOCK", "httpRequest": {}},
        ["a", "list"],
    ],
    ids=["not-json", "not-utf8", "no-httpRequest", "bad-timestamp", "a-list"],
)
def test_a_malformed_waf_record_fails_alone_with_its_original_data(bad):
    good = waf_docs_examples()[0]
    event = firehose_event(good, bad, good)
    response = waf_logs.handler(event, None)
    assert [r["result"] for r in response["records"]] == ["Ok", "ProcessingFailed", "Ok"]
    failed = response["records"][1]
    assert failed["recordId"] == event["records"][1]["recordId"]
    assert failed["data"] == event["records"][1]["data"]


def test_data_that_is_not_base64_fails_alone():
    event = firehose_event(waf_docs_examples()[0])
    event["records"].append({"recordId": "broken", "data": "%%% not base64 %%%"})
    response = waf_logs.handler(event, None)
    assert [r["result"] for r in response["records"]] == ["Ok", "ProcessingFailed"]


@pytest.mark.parametrize(
    "bad",
    [
        {"detail-type": "GuardDuty Finding"},
        {"detail": {"id": "x", "type": "t"}},
        {"detail": {"id": "x", "type": "t", "severity": "high", "updatedAt": "2026-01-01T00:00:00Z"}},
    ],
    ids=["no-detail", "no-severity", "severity-not-a-number"],
)
def test_a_malformed_guardduty_event_fails_alone(bad):
    good = guardduty_events()[0]
    response = guardduty_findings.handler(firehose_event(bad, good), None)
    assert [r["result"] for r in response["records"]] == ["ProcessingFailed", "Ok"]


def test_documents_hold_only_json_types_an_index_takes():
    for document in [waf_logs.transform(r) for r in waf_docs_examples()] + [guardduty_findings.transform(e) for e in guardduty_events()]:
        json.dumps(document, allow_nan=False)
        for key in ("client_ip", "actor_ip"):
            if key in document:
                ipaddress.ip_address(document[key])


def test_a_rate_based_block_from_an_ipv6_client_and_counted_rules():
    rate, counted = (waf_logs.transform(r) for r in waf_own_records())
    assert rate["terminating_rule_type"] == "RATE_BASED" and rate["rate_based_rules"] == ["rate-limit"]
    assert rate["client_ip"] == "2001:db8:85a3::8a2e:370:7334"
    assert rate["user_agent"] == "python-requests/2.32.3" and "REDACTED" not in json.dumps(rate)
    assert counted["non_terminating_rules"] == ["count-admin-paths"]
    assert counted["rule_group_matches"] == [
        {"rule_group": "AWS#AWSManagedRulesKnownBadInputsRuleSet", "rule": "Host_localhost_HEADER", "action": "COUNT", "terminating": False}
    ]
