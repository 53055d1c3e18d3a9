"""playbooks/waf.yml on its own against the local endpoint: it logs into the SIEM's WAF stream looked up by
name, and refuses to guess one that does not exist."""

import pytest

from tests.support.local_aws import client, run_playbook

pytestmark = pytest.mark.slow

STREAM = "aws-waf-logs-devsecops-siem"


def waf_stream(endpoint):
    """The SIEM's WAF stream, as the siem role names it (moto refuses its OpenSearch Service destination and
    serves the Elasticsearch one, which firehose_delivery_stream_info also reads)."""
    iam = client(endpoint, "iam")
    role = iam.create_role(RoleName="firehose", AssumeRolePolicyDocument="{}")["Role"]["Arn"]
    return client(endpoint, "firehose").create_delivery_stream(
        DeliveryStreamName=STREAM,
        ElasticsearchDestinationConfiguration={
            "RoleARN": role,
            "DomainARN": "arn:aws:es:us-east-1:123456789012:domain/devsecops-siem",
            "IndexName": "waf-logs",
            "S3Configuration": {"RoleARN": role, "BucketARN": "arn:aws:s3:::waf-logs-backup"},
        },
    )["DeliveryStreamARN"]


def web_acl_logging(endpoint):
    waf = client(endpoint, "wafv2")
    acls = waf.list_web_acls(Scope="REGIONAL")["WebACLs"]
    return {acl["Name"]: waf.get_logging_configuration(ResourceArn=acl["ARN"])["LoggingConfiguration"] for acl in acls}


def test_run_alone_it_logs_into_the_siem_stream_found_by_name(fresh_aws):
    stream = waf_stream(fresh_aws)
    first = run_playbook(fresh_aws, "playbooks/waf.yml")
    assert first.rc == 0, first
    logging = web_acl_logging(fresh_aws)
    assert list(logging) == ["devsecops"]
    assert logging["devsecops"]["LogDestinationConfigs"] == [stream]
    assert logging["devsecops"]["RedactedFields"] == [{"SingleHeader": {"Name": "authorization"}}, {"SingleHeader": {"Name": "cookie"}}]
    assert run_playbook(fresh_aws, "playbooks/waf.yml").changed == 0


def test_without_the_siem_stream_it_stops_before_making_anything(fresh_aws):
    run = run_playbook(fresh_aws, "playbooks/waf.yml")
    assert run.rc != 0
    assert "waf_logging_destination_arn must be a Firehose stream named aws-waf-logs-*" in run.output
    assert client(fresh_aws, "wafv2").list_web_acls(Scope="REGIONAL")["WebACLs"] == []
