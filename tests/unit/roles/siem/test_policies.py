"""The siem role's IAM, KMS, S3 and domain policies grant what each principal needs and nothing wider,
as the K-ISMS pack's IAM rules would judge them (rendered by Ansible from the role's templates)."""

import pytest

from tests.unit.roles.siem.transforms import role_template

ACCOUNT, REGION = "123456789012", "us-east-1"
KEY = f"arn:aws:kms:{REGION}:{ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab"
NAMES = dict(
    siem__account=ACCOUNT,
    siem__partition="aws",
    siem__region=REGION,
    siem__bucket=f"{ACCOUNT}-devsecops-siem-backup",
    siem__domain_arn=f"arn:aws:es:{REGION}:{ACCOUNT}:domain/devsecops-siem",
    siem__log_group_prefix="/aws/opensearch/devsecops-siem",
    siem__lambda_arn_prefix=f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:",
    siem__functions={
        "waf": {"name": "devsecops-siem-waf-transform"},
        "guardduty": {"name": "devsecops-siem-guardduty-transform"},
    },
    siem_guardduty_stream_arn=f"arn:aws:firehose:{REGION}:{ACCOUNT}:deliverystream/devsecops-siem-guardduty-findings",
)


def statements(template, **overrides):
    return {s["Sid"]: s for s in role_template(template, **dict(NAMES, **overrides))["Statement"]}


def as_list(value):
    return value if isinstance(value, list) else [value]


def test_firehose_reaches_only_its_bucket_key_functions_and_the_siem_domain():
    granted = statements("firehose_policy.json.j2", siem__delivery_key_arn=KEY, siem_domain_subnet_ids=[])
    bucket = f"arn:aws:s3:::{ACCOUNT}-devsecops-siem-backup"
    assert granted["BackUpFailedRecords"]["Resource"] == [bucket, f"{bucket}/*"]
    kms = granted["EncryptBackupsThroughS3"]
    assert kms["Resource"] == KEY and kms["Condition"]["StringEquals"] == {"kms:ViaService": f"s3.{REGION}.amazonaws.com"}
    assert granted["RunTheTransforms"]["Resource"] == [
        f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:devsecops-siem-waf-transform",
        f"arn:aws:lambda:{REGION}:{ACCOUNT}:function:devsecops-siem-guardduty-transform",
    ]
    domain = NAMES["siem__domain_arn"]
    for sid in ("DescribeTheDomain", "WriteTheSiemIndices", "ReadWhatFirehoseChecksBeforeWriting"):
        assert all(resource.startswith(domain) for resource in as_list(granted[sid]["Resource"])), sid
    assert "DeliverIntoTheVpc" not in granted


def test_firehose_gets_network_interface_rights_only_for_a_vpc_domain():
    granted = statements("firehose_policy.json.j2", siem__delivery_key_arn=KEY, siem_domain_subnet_ids=["subnet-0a"])
    assert "ec2:CreateNetworkInterface" in granted["DeliverIntoTheVpc"]["Action"]


@pytest.mark.parametrize(
    "template,extra",
    [
        ("firehose_policy.json.j2", {"siem__delivery_key_arn": KEY, "siem_domain_subnet_ids": []}),
        ("events_policy.json.j2", {}),
    ],
)
def test_no_customer_policy_allows_everything_or_kms_on_every_key(template, extra):
    for sid, statement in statements(template, **extra).items():
        actions = as_list(statement["Action"])
        assert "*" not in actions and not any(a.endswith(":*") for a in actions), sid
        if any(a.startswith("kms:") for a in actions):
            assert statement["Resource"] not in ("*", ["*"]), sid
        if statement["Resource"] in ("*", ["*"]):
            assert all(a.startswith("xray:") or a.startswith("ec2:") for a in actions), sid


def test_eventbridge_may_put_records_into_the_guardduty_stream_only():
    granted = statements("events_policy.json.j2")
    assert granted == {
        "PutFindingsIntoTheirStream": {
            "Sid": "PutFindingsIntoTheirStream",
            "Effect": "Allow",
            "Action": ["firehose:PutRecord", "firehose:PutRecordBatch"],
            "Resource": NAMES["siem_guardduty_stream_arn"],
        }
    }


def test_cloudwatch_logs_may_use_the_key_only_for_the_siem_log_groups():
    logs = statements("kms_key_policy.json.j2")["CloudWatchLogsEncryptsTheSiemLogGroups"]
    assert logs["Principal"] == {"Service": f"logs.{REGION}.amazonaws.com"}
    assert logs["Condition"]["ArnLike"]["kms:EncryptionContext:aws:logs:arn"] == [
        f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/aws/opensearch/devsecops-siem/*",
        f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/aws/lambda/devsecops-siem-*",
    ]


def test_the_domain_is_not_public():
    policy = statements("domain_access_policy.json.j2", siem_domain_access_principals=[])["OnlyTheseAccountsPrincipals"]
    assert policy["Principal"] == {"AWS": [f"arn:aws:iam::{ACCOUNT}:root"]}
    assert policy["Resource"] == f"{NAMES['siem__domain_arn']}/*"
    chosen = statements("domain_access_policy.json.j2", siem_domain_access_principals=["arn:aws:iam::123456789012:role/analyst"])
    assert chosen["OnlyTheseAccountsPrincipals"]["Principal"] == {"AWS": ["arn:aws:iam::123456789012:role/analyst"]}


def test_opensearch_may_write_only_the_domain_s_log_groups_for_this_domain():
    policy = statements("opensearch_logs_policy.json.j2")["OpenSearchWritesTheSiemDomainLogs"]
    assert policy["Resource"] == f"arn:aws:logs:{REGION}:{ACCOUNT}:log-group:/aws/opensearch/devsecops-siem/*"
    assert policy["Condition"] == {"StringEquals": {"aws:SourceAccount": ACCOUNT}, "ArnLike": {"aws:SourceArn": NAMES["siem__domain_arn"]}}
