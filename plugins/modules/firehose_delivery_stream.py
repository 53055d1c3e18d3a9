# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: firehose_delivery_stream
short_description: Manage an Amazon Data Firehose delivery stream that delivers to OpenSearch Service
version_added: 0.1.0
description:
  - Creates a Direct PUT delivery stream (C(CreateDeliveryStream)) that delivers records to an Amazon OpenSearch
    Service domain, transformed by a Lambda processor, with the records that fail (or all of them) backed up to S3,
    or updates its destination in place (C(UpdateDestination)).
  - Encrypts the stream server-side (C(StartDeliveryStreamEncryption)) with an AWS owned key or a customer managed
    KMS key, and manages its tags.
  - Waits until the stream is C(ACTIVE) and its encryption settled, so the next task can use it.
  - With O(state=absent), deletes the stream (C(DeleteDeliveryStream)).
  - Neither amazon.aws nor community.aws has a Firehose module; this one exists for that reason.
  - Compares the settings it manages with those the stream reports, filling in the defaults AWS reports for unset
    values, and changes only what differs.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description:
      - The delivery stream's name. AWS WAF logs only to streams named C(aws-waf-logs-*).
    type: str
    required: true
  state:
    description: Whether the stream exists.
    type: str
    choices: [present, absent]
    default: present
  destination_type:
    description:
      - Which Firehose destination API the stream uses.
      - V(opensearch) is C(AmazonopensearchserviceDestinationConfiguration), for OpenSearch Service domains.
      - V(elasticsearch) is C(ElasticsearchDestinationConfiguration), Firehose's API for domains that run an
        Elasticsearch engine.
      - The type cannot be changed once the stream exists.
    type: str
    choices: [opensearch, elasticsearch]
    default: opensearch
  role_arn:
    description:
      - The IAM role Firehose assumes to write to the domain, to the backup bucket and to run the processor.
      - Required with O(state=present).
    type: str
  domain_arn:
    description: The domain's ARN (C(arn:aws:es:...)). Give this or O(cluster_endpoint).
    type: str
  cluster_endpoint:
    description: The domain's endpoint URL (C(https://...)), instead of O(domain_arn).
    type: str
  index_name:
    description: The index the documents go to (with the rotation suffix, for example C(waf-logs-2026-01-01)). Required with O(state=present).
    type: str
  index_rotation_period:
    description: How often Firehose starts a new index.
    type: str
    choices: [NoRotation, OneHour, OneDay, OneWeek, OneMonth]
    default: OneDay
  buffering_interval:
    description: Seconds Firehose buffers records before delivering them (0 to 900).
    type: int
    default: 60
  buffering_size:
    description: Megabytes Firehose buffers before delivering (1 to 100).
    type: int
    default: 5
  retry_duration:
    description: Seconds Firehose retries a failed delivery to the domain before backing the documents up to S3 (0 to 7200).
    type: int
    default: 300
  s3_backup_mode:
    description:
      - V(FailedDocumentsOnly) backs up only the documents the domain refused or the processor failed;
        V(AllDocuments) backs up every document.
      - Cannot be changed once the stream exists.
    type: str
    choices: [FailedDocumentsOnly, AllDocuments]
    default: FailedDocumentsOnly
  s3_backup:
    description: The S3 bucket records are backed up to. Required with O(state=present).
    type: dict
    suboptions:
      bucket_arn:
        description: The bucket's ARN.
        type: str
        required: true
      prefix:
        description: Key prefix of the backed-up objects.
        type: str
        default: ""
      error_output_prefix:
        description: Key prefix of the objects Firehose writes when it cannot deliver to S3.
        type: str
        default: ""
      compression_format:
        description: How the backed-up objects are compressed.
        type: str
        choices: [UNCOMPRESSED, GZIP, ZIP, Snappy, HADOOP_SNAPPY]
        default: GZIP
      kms_key_arn:
        description: The KMS key the objects are encrypted with; unset means the bucket's default encryption only.
        type: str
      buffering_interval:
        description: Seconds Firehose buffers backups before writing an object.
        type: int
        default: 300
      buffering_size:
        description: Megabytes Firehose buffers backups before writing an object.
        type: int
        default: 5
  processor:
    description: The Lambda function that transforms each record; unset means records are delivered as they come.
    type: dict
    suboptions:
      lambda_arn:
        description: The function's unqualified ARN (or an alias or version ARN).
        type: str
        required: true
      number_of_retries:
        description: How often Firehose retries a failed invocation.
        type: int
        default: 3
      buffer_size:
        description: Megabytes of records per invocation (1 to 3).
        type: int
        default: 1
      buffer_interval:
        description: Seconds Firehose buffers records before invoking the function (60 to 900).
        type: int
        default: 60
  cloudwatch_logging:
    description: Where Firehose logs delivery errors; unset means it does not.
    type: dict
    suboptions:
      log_group_name:
        description: The log group.
        type: str
        required: true
      log_stream_name:
        description: The log stream in it.
        type: str
        required: true
  vpc:
    description:
      - Deliver to a domain in a VPC through network interfaces in these subnets. Cannot be changed once the stream exists.
    type: dict
    suboptions:
      subnet_ids:
        description: The subnets.
        type: list
        elements: str
        required: true
      security_group_ids:
        description: The security groups of Firehose's network interfaces.
        type: list
        elements: str
        required: true
      role_arn:
        description: The role Firehose uses to create the interfaces; defaults to O(role_arn).
        type: str
  encryption:
    description: Server-side encryption of the records while they are in the stream.
    type: dict
    default: {}
    suboptions:
      enabled:
        description: Whether the stream is encrypted.
        type: bool
        default: true
      key_type:
        description: An AWS owned key, or the customer managed key O(encryption.key_arn).
        type: str
        choices: [AWS_OWNED_CMK, CUSTOMER_MANAGED_CMK]
        default: AWS_OWNED_CMK
      key_arn:
        description: The customer managed key's ARN; required with O(encryption.key_type=CUSTOMER_MANAGED_CMK).
        type: str
  wait:
    description: Wait until the stream is C(ACTIVE) (or gone, with O(state=absent)).
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait.
    type: int
    default: 900
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
notes:
  - Needs C(firehose:DescribeDeliveryStream), C(firehose:CreateDeliveryStream), C(firehose:UpdateDestination),
    C(firehose:DeleteDeliveryStream), C(firehose:StartDeliveryStreamEncryption), C(firehose:StopDeliveryStreamEncryption),
    C(firehose:ListTagsForDeliveryStream), C(firehose:TagDeliveryStream), C(firehose:UntagDeliveryStream), and
    C(iam:PassRole) on O(role_arn); a customer managed key also needs C(kms:CreateGrant) and C(kms:DescribeKey) on it.
  - The destination type, O(s3_backup_mode) and O(vpc) cannot change in place; the module fails rather than delete a
    stream that may hold undelivered records.
"""

EXAMPLES = r"""
- name: Deliver WAF logs to OpenSearch through the transform Lambda
  devsecops.aws.firehose_delivery_stream:
    name: aws-waf-logs-devsecops
    role_arn: arn:aws:iam::123456789012:role/devsecops-siem-firehose
    domain_arn: arn:aws:es:us-east-1:123456789012:domain/devsecops-siem
    index_name: waf-logs
    s3_backup:
      bucket_arn: arn:aws:s3:::123456789012-devsecops-siem-backup
      prefix: waf-logs/
      error_output_prefix: waf-logs-errors/
      kms_key_arn: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
    processor:
      lambda_arn: arn:aws:lambda:us-east-1:123456789012:function:devsecops-siem-waf-transform
    encryption:
      key_type: CUSTOMER_MANAGED_CMK
      key_arn: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
    tags:
      devsecops: siem

- name: Delete it
  devsecops.aws.firehose_delivery_stream:
    name: aws-waf-logs-devsecops
    state: absent
"""

RETURN = r"""
arn:
  description: The stream's ARN; empty when it does not exist (or only would, in check mode).
  returned: always
  type: str
  sample: arn:aws:firehose:us-east-1:123456789012:deliverystream/aws-waf-logs-devsecops
delivery_stream:
  description: The settings the module manages, as they are after the task; empty when the stream does not exist.
  returned: always
  type: dict
  sample:
    destination_type: opensearch
    role_arn: arn:aws:iam::123456789012:role/devsecops-siem-firehose
    domain_arn: arn:aws:es:us-east-1:123456789012:domain/devsecops-siem
    cluster_endpoint: null
    index_name: waf-logs
    index_rotation_period: OneDay
    buffering_interval: 60
    buffering_size: 5
    retry_duration: 300
    s3_backup_mode: FailedDocumentsOnly
    s3_backup:
      bucket_arn: arn:aws:s3:::123456789012-devsecops-siem-backup
      prefix: waf-logs/
      error_output_prefix: waf-logs-errors/
      compression_format: GZIP
      kms_key_arn: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
      buffering_interval: 300
      buffering_size: 5
    processor:
      lambda_arn: arn:aws:lambda:us-east-1:123456789012:function:devsecops-siem-waf-transform
      number_of_retries: 3
      buffer_size: 1
      buffer_interval: 60
    cloudwatch_logging: null
    vpc: null
    encryption:
      key_type: CUSTOMER_MANAGED_CMK
      key_arn: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
    tags:
      devsecops: siem
"""

import time

from ansible_collections.devsecops.aws.plugins.module_utils import _firehose as firehose
from ansible_collections.devsecops.aws.plugins.module_utils._firehose import API_NAMES, normalise
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report
from ansible_collections.devsecops.aws.plugins.module_utils._tags import apply_tags, tags_after

POLL_SECONDS = 10
SETTLING = {"CREATING", "DELETING", "ENABLING", "DISABLING"}


def wanted(params, current_tags):
    encryption = params["encryption"]
    vpc = params["vpc"]
    state = {
        "destination_type": params["destination_type"],
        "role_arn": params["role_arn"],
        "domain_arn": params["domain_arn"],
        "cluster_endpoint": params["cluster_endpoint"],
        "index_name": params["index_name"],
        "index_rotation_period": params["index_rotation_period"],
        "buffering_interval": params["buffering_interval"],
        "buffering_size": params["buffering_size"],
        "retry_duration": params["retry_duration"],
        "s3_backup_mode": params["s3_backup_mode"],
        "s3_backup": dict(params["s3_backup"]),
        "processor": dict(params["processor"]) if params["processor"] else None,
        "cloudwatch_logging": dict(params["cloudwatch_logging"]) if params["cloudwatch_logging"] else None,
        "vpc": (
            {
                "subnet_ids": sorted(vpc["subnet_ids"]),
                "security_group_ids": sorted(vpc["security_group_ids"]),
                "role_arn": vpc["role_arn"] or params["role_arn"],
            }
            if vpc
            else None
        ),
        "encryption": (
            {
                "key_type": encryption["key_type"],
                "key_arn": encryption["key_arn"] if encryption["key_type"] == "CUSTOMER_MANAGED_CMK" else None,
            }
            if encryption["enabled"]
            else None
        ),
    }
    if params["tags"] is not None:
        state["tags"] = tags_after(current_tags or {}, params["tags"], params["purge_tags"])
    return state


def _s3_request(s3, role_arn):
    encryption = (
        {"KMSEncryptionConfig": {"AWSKMSKeyARN": s3["kms_key_arn"]}}
        if s3["kms_key_arn"]
        else {"NoEncryptionConfig": "NoEncryption"}
    )
    request = {
        "RoleARN": role_arn,
        "BucketARN": s3["bucket_arn"],
        "BufferingHints": {"IntervalInSeconds": s3["buffering_interval"], "SizeInMBs": s3["buffering_size"]},
        "CompressionFormat": s3["compression_format"],
        "EncryptionConfiguration": encryption,
    }
    if s3["prefix"]:
        request["Prefix"] = s3["prefix"]
    if s3["error_output_prefix"]:
        request["ErrorOutputPrefix"] = s3["error_output_prefix"]
    return request


def _processing_request(processor):
    if processor is None:
        return {"Enabled": False, "Processors": []}
    parameters = [
        ("LambdaArn", processor["lambda_arn"]),
        ("NumberOfRetries", str(processor["number_of_retries"])),
        ("BufferSizeInMBs", str(processor["buffer_size"])),
        ("BufferIntervalInSeconds", str(processor["buffer_interval"])),
    ]
    return {
        "Enabled": True,
        "Processors": [
            {"Type": "Lambda", "Parameters": [{"ParameterName": k, "ParameterValue": v} for k, v in parameters]}
        ],
    }


def destination_request(state, creating):
    """The <Type>DestinationConfiguration (creating) or <Type>DestinationUpdate for `state`."""
    logging = state["cloudwatch_logging"]
    request = {
        "RoleARN": state["role_arn"],
        "IndexName": state["index_name"],
        "IndexRotationPeriod": state["index_rotation_period"],
        "BufferingHints": {"IntervalInSeconds": state["buffering_interval"], "SizeInMBs": state["buffering_size"]},
        "RetryOptions": {"DurationInSeconds": state["retry_duration"]},
        "ProcessingConfiguration": _processing_request(state["processor"]),
        "CloudWatchLoggingOptions": (
            {"Enabled": True, "LogGroupName": logging["log_group_name"], "LogStreamName": logging["log_stream_name"]}
            if logging
            else {"Enabled": False}
        ),
    }
    if state["domain_arn"]:
        request["DomainARN"] = state["domain_arn"]
    else:
        request["ClusterEndpoint"] = state["cluster_endpoint"]
    s3 = _s3_request(state["s3_backup"], state["role_arn"])
    if creating:
        request["S3BackupMode"] = state["s3_backup_mode"]
        request["S3Configuration"] = s3
        if state["vpc"]:
            vpc = state["vpc"]
            request["VpcConfiguration"] = {
                "SubnetIds": vpc["subnet_ids"],
                "SecurityGroupIds": vpc["security_group_ids"],
                "RoleARN": vpc["role_arn"],
            }
    else:
        request["S3Update"] = s3
    return request


def encryption_request(encryption):
    request = {"KeyType": encryption["key_type"]}
    if encryption["key_arn"]:
        request["KeyARN"] = encryption["key_arn"]
    return request


def wait_until_settled(module, client, name, gone=False):
    """Poll until the stream is ACTIVE with its encryption settled (or, with `gone`, no longer exists)."""
    if not module.params["wait"]:
        return
    deadline = time.monotonic() + module.params["wait_timeout"]
    while True:
        stream = firehose.describe_delivery_stream(client, name)
        if stream is None:
            if gone:
                return
            module.fail_json(msg=f"delivery stream {name} disappeared while waiting for it to become ACTIVE")
        status = stream["DeliveryStreamStatus"]
        encryption = stream.get("DeliveryStreamEncryptionConfiguration", {}).get("Status")
        if status.endswith("_FAILED") or (encryption or "").endswith("_FAILED"):
            failure = stream.get("FailureDescription") or stream["DeliveryStreamEncryptionConfiguration"].get(
                "FailureDescription", {}
            )
            module.fail_json(msg=f"delivery stream {name} is {status} (encryption {encryption}): {failure}")
        if not gone and status not in SETTLING and encryption not in SETTLING:
            return
        if time.monotonic() >= deadline:
            module.fail_json(msg=f"timed out waiting for delivery stream {name}: {status}, encryption {encryption}")
        time.sleep(POLL_SECONDS)


def check_unchangeable(module, before, after):
    for key, what in (("destination_type", "destination type"), ("s3_backup_mode", "S3 backup mode"), ("vpc", "VPC")):
        if before[key] != after[key]:
            module.fail_json(
                msg=f"the {what} of delivery stream {module.params['name']} cannot change in place "
                f"({before[key]!r} to {after[key]!r}): delete the stream and create it again",
                before=before,
                after=after,
            )


def create(module, client, after):
    name = module.params["name"]
    api = API_NAMES[after["destination_type"]]
    request = {
        "DeliveryStreamName": name,
        "DeliveryStreamType": "DirectPut",
        f"{api}DestinationConfiguration": destination_request(after, creating=True),
    }
    if after["encryption"]:
        request["DeliveryStreamEncryptionConfigurationInput"] = encryption_request(after["encryption"])
    if after.get("tags"):
        request["Tags"] = [{"Key": k, "Value": v} for k, v in sorted(after["tags"].items())]
    arn = firehose.create_delivery_stream(client, **request)
    wait_until_settled(module, client, name)
    return arn


def update(module, client, stream, before, after):
    name = module.params["name"]
    check_unchangeable(module, before, after)
    managed = [key for key in after if key not in ("encryption", "tags")]
    if any(before[key] != after[key] for key in managed):
        api = API_NAMES[after["destination_type"]]
        firehose.update_destination(
            client,
            DeliveryStreamName=name,
            CurrentDeliveryStreamVersionId=stream["VersionId"],
            DestinationId=stream["Destinations"][0]["DestinationId"],
            **{f"{api}DestinationUpdate": destination_request(after, creating=False)},
        )
    if before["encryption"] != after["encryption"]:
        if after["encryption"]:
            firehose.start_encryption(client, name, encryption_request(after["encryption"]))
        else:
            firehose.stop_encryption(client, name)
    if "tags" in after and before["tags"] != after["tags"]:
        apply_tags(
            before["tags"],
            after["tags"],
            tag=lambda tags: firehose.tag(client, name, tags),
            untag=lambda keys: firehose.untag(client, name, keys),
        )
    wait_until_settled(module, client, name)


def ensure_present(module, client, stream, before):
    after = wanted(module.params, before.get("tags"))
    if before:
        check_unchangeable(module, before, after)
    if before == after or module.check_mode:
        return (stream or {}).get("DeliveryStreamARN", ""), after
    if stream is None:
        return create(module, client, after), after
    update(module, client, stream, before, after)
    return stream["DeliveryStreamARN"], after


def ensure_absent(module, client, stream, before):
    if stream is not None and not module.check_mode:
        firehose.delete_delivery_stream(client, module.params["name"])
        wait_until_settled(module, client, module.params["name"], gone=True)
    return "", {}


def validate(module):
    params = module.params
    if params["state"] != "present":
        return
    encryption = params["encryption"]
    if encryption["enabled"] and encryption["key_type"] == "CUSTOMER_MANAGED_CMK" and not encryption["key_arn"]:
        module.fail_json(msg="encryption.key_arn is required with encryption.key_type=CUSTOMER_MANAGED_CMK")


def main():
    argument_spec = dict(
        name=dict(type="str", required=True),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        destination_type=dict(type="str", choices=["opensearch", "elasticsearch"], default="opensearch"),
        role_arn=dict(type="str"),
        domain_arn=dict(type="str"),
        cluster_endpoint=dict(type="str"),
        index_name=dict(type="str"),
        index_rotation_period=dict(
            type="str", choices=["NoRotation", "OneHour", "OneDay", "OneWeek", "OneMonth"], default="OneDay"
        ),
        buffering_interval=dict(type="int", default=60),
        buffering_size=dict(type="int", default=5),
        retry_duration=dict(type="int", default=300),
        s3_backup_mode=dict(type="str", choices=["FailedDocumentsOnly", "AllDocuments"], default="FailedDocumentsOnly"),
        s3_backup=dict(
            type="dict",
            options=dict(
                bucket_arn=dict(type="str", required=True),
                prefix=dict(type="str", default=""),
                error_output_prefix=dict(type="str", default=""),
                compression_format=dict(
                    type="str", choices=["UNCOMPRESSED", "GZIP", "ZIP", "Snappy", "HADOOP_SNAPPY"], default="GZIP"
                ),
                kms_key_arn=dict(type="str", no_log=False),
                buffering_interval=dict(type="int", default=300),
                buffering_size=dict(type="int", default=5),
            ),
        ),
        processor=dict(
            type="dict",
            options=dict(
                lambda_arn=dict(type="str", required=True),
                number_of_retries=dict(type="int", default=3),
                buffer_size=dict(type="int", default=1),
                buffer_interval=dict(type="int", default=60),
            ),
        ),
        cloudwatch_logging=dict(
            type="dict",
            options=dict(
                log_group_name=dict(type="str", required=True),
                log_stream_name=dict(type="str", required=True),
            ),
        ),
        vpc=dict(
            type="dict",
            options=dict(
                subnet_ids=dict(type="list", elements="str", required=True),
                security_group_ids=dict(type="list", elements="str", required=True),
                role_arn=dict(type="str"),
            ),
        ),
        encryption=dict(
            type="dict",
            default={},
            options=dict(
                enabled=dict(type="bool", default=True),
                key_type=dict(type="str", choices=["AWS_OWNED_CMK", "CUSTOMER_MANAGED_CMK"], default="AWS_OWNED_CMK"),
                key_arn=dict(type="str", no_log=False),
            ),
        ),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=900),
    )
    module = DevSecOpsAWSModule(
        argument_spec=argument_spec,
        required_if=[("state", "present", ("role_arn", "index_name", "s3_backup"))],
        mutually_exclusive=[("domain_arn", "cluster_endpoint")],
        supports_check_mode=True,
    )
    params = module.params
    if params["state"] == "present" and not (params["domain_arn"] or params["cluster_endpoint"]):
        module.fail_json(msg="one of domain_arn or cluster_endpoint is required with state=present")
    validate(module)
    client = module.client("firehose")
    name = params["name"]
    try:
        stream = firehose.describe_delivery_stream(client, name)
        before = {}
        if stream is not None:
            tags = firehose.list_tags(client, name) if params["tags"] is not None else None
            try:
                before = normalise(name, stream, tags)
            except ValueError as e:
                module.fail_json(msg=str(e))
        ensure = ensure_present if params["state"] == "present" else ensure_absent
        arn, after = ensure(module, client, stream, before)
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(**report(module, before, after, arn=arn, delivery_stream=after))


if __name__ == "__main__":
    main()
