# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: dynamodb_table
short_description: Manage a hash-key DynamoDB table encrypted with a customer managed key, with point-in-time recovery and deletion protection
version_added: 0.1.0
description:
  - Creates a table keyed by one hash key (C(CreateTable)) and keeps its billing mode, server-side encryption,
    deletion protection (C(UpdateTable)), point-in-time recovery (C(UpdateContinuousBackups)), time to live
    (C(UpdateTimeToLive)) and tags as given.
  - With O(state=absent), deletes the table (C(DeleteTable)); a table with deletion protection on is deleted only with
    O(force), which turns the protection off first.
  - C(community.aws.dynamodb_table) cannot encrypt a table with a customer managed KMS key, turn on point-in-time
    recovery or manage deletion protection (and cannot delete a protected table), which the conformance packs the
    collection deploys check (C(DYNAMODB_TABLE_ENCRYPTED_KMS), C(DYNAMODB_PITR_ENABLED)); this module exists for that reason.
  - Compares the settings it manages with those the table reports, and changes only what differs.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description: The table's name.
    type: str
    required: true
  hash_key_name:
    description: The partition (hash) key's attribute name. Required with O(state=present); cannot change once the table exists.
    type: str
  hash_key_type:
    description: The hash key's type (string, number or binary); cannot change once the table exists.
    type: str
    choices: [S, N, B]
    default: S
  billing_mode:
    description: On-demand (V(PAY_PER_REQUEST)) or provisioned capacity (V(PROVISIONED), with O(read_capacity) and O(write_capacity)).
    type: str
    choices: [PAY_PER_REQUEST, PROVISIONED]
    default: PAY_PER_REQUEST
  read_capacity:
    description: Read capacity units with O(billing_mode=PROVISIONED).
    type: int
    default: 1
  write_capacity:
    description: Write capacity units with O(billing_mode=PROVISIONED).
    type: int
    default: 1
  kms_key_arn:
    description:
      - The customer managed KMS key the table is encrypted with, by ARN (AWS reports the ARN, which is what is compared).
      - Unset or empty means DynamoDB's AWS owned key.
    type: str
  point_in_time_recovery:
    description: Whether continuous backups let the table be restored to any second of the last 35 days.
    type: bool
    default: true
  ttl_attribute:
    description: The attribute whose epoch-seconds value expires an item; unset or empty turns time to live off.
    type: str
  deletion_protection:
    description: Whether DeleteTable is refused.
    type: bool
    default: true
  force:
    description: With O(state=absent), turn deletion protection off to delete a protected table (otherwise the module fails).
    type: bool
    default: false
  state:
    description: Whether the table exists.
    type: str
    choices: [present, absent]
    default: present
  wait:
    description: Wait until the table is C(ACTIVE) (or gone, with O(state=absent)).
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait.
    type: int
    default: 600
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
notes:
  - Needs C(dynamodb:DescribeTable), C(dynamodb:CreateTable), C(dynamodb:UpdateTable), C(dynamodb:DeleteTable),
    C(dynamodb:DescribeContinuousBackups), C(dynamodb:UpdateContinuousBackups), C(dynamodb:DescribeTimeToLive),
    C(dynamodb:UpdateTimeToLive), C(dynamodb:ListTagsOfResource), C(dynamodb:TagResource), C(dynamodb:UntagResource);
    a customer managed key also needs C(kms:CreateGrant), C(kms:DescribeKey) and C(kms:Decrypt) on it.
  - AWS lets a table's time-to-live attribute change only by turning it off, and allows one change an hour.
"""

EXAMPLES = r"""
- name: Keep what the notifier posted, encrypted with the alerts' key, for a week
  devsecops.aws.dynamodb_table:
    name: devsecops-security-alerts-posted
    hash_key_name: id
    kms_key_arn: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
    ttl_attribute: expires_at

- name: Delete it, protection and all
  devsecops.aws.dynamodb_table:
    name: devsecops-security-alerts-posted
    state: absent
    force: true
"""

RETURN = r"""
arn:
  description: The table's ARN; empty when it does not exist (or only would, in check mode).
  returned: always
  type: str
  sample: arn:aws:dynamodb:us-east-1:123456789012:table/devsecops-security-alerts-posted
table:
  description: The settings the module manages, as they are after the task; empty when the table does not exist.
  returned: always
  type: dict
  sample:
    hash_key_name: id
    hash_key_type: S
    billing_mode: PAY_PER_REQUEST
    read_capacity: null
    write_capacity: null
    kms_key_arn: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
    point_in_time_recovery: true
    ttl_attribute: expires_at
    deletion_protection: true
    tags: {}
"""

import time

from ansible_collections.devsecops.aws.plugins.module_utils import _dynamodb as dynamodb
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report
from ansible_collections.devsecops.aws.plugins.module_utils._tags import apply_tags, tags_after

POLL_SECONDS = 5


def wanted(params, before):
    provisioned = params["billing_mode"] == "PROVISIONED"
    state = {
        "hash_key_name": params["hash_key_name"],
        "hash_key_type": params["hash_key_type"],
        "billing_mode": params["billing_mode"],
        "read_capacity": params["read_capacity"] if provisioned else None,
        "write_capacity": params["write_capacity"] if provisioned else None,
        "kms_key_arn": params["kms_key_arn"] or None,
        "point_in_time_recovery": params["point_in_time_recovery"],
        "ttl_attribute": params["ttl_attribute"] or None,
        "deletion_protection": params["deletion_protection"],
    }
    if params["tags"] is not None:
        state["tags"] = tags_after(before.get("tags") or {}, params["tags"], params["purge_tags"])
    return state


def read(client, name, with_tags):
    table = dynamodb.describe_table(client, name)
    if table is None or table.get("TableStatus") == "DELETING":
        return None, {}
    backups = dynamodb.describe_continuous_backups(client, name)
    ttl = dynamodb.describe_time_to_live(client, name)
    tags = dynamodb.list_tags(client, table["TableArn"]) if with_tags else None
    return table, dynamodb.normalise(table, backups, ttl, tags)


def wait_for(module, client, gone=False, always=False):
    """Wait until the table is ACTIVE (its indexes too) or, with gone, no longer there."""
    if not (module.params["wait"] or always):
        return
    name = module.params["name"]
    deadline = time.time() + module.params["wait_timeout"]
    while True:
        table = dynamodb.describe_table(client, name)
        if gone and table is None:
            return
        if not gone and table is not None and table["TableStatus"] == "ACTIVE":
            if all(index.get("IndexStatus", "ACTIVE") == "ACTIVE" for index in table.get("GlobalSecondaryIndexes", [])):
                return
        if time.time() > deadline:
            status = table["TableStatus"] if table else "gone"
            module.fail_json(msg=f"table {name} is still {status} after {module.params['wait_timeout']} seconds")
        time.sleep(POLL_SECONDS)


def sse_request(kms_key_arn):
    if kms_key_arn:
        return {"Enabled": True, "SSEType": "KMS", "KMSMasterKeyId": kms_key_arn}
    return {"Enabled": False}


def billing_request(after):
    request = {"BillingMode": after["billing_mode"]}
    if after["billing_mode"] == "PROVISIONED":
        request["ProvisionedThroughput"] = {"ReadCapacityUnits": after["read_capacity"], "WriteCapacityUnits": after["write_capacity"]}
    return request


def create(module, client, after):
    name = module.params["name"]
    request = dict(
        TableName=name,
        AttributeDefinitions=[{"AttributeName": after["hash_key_name"], "AttributeType": after["hash_key_type"]}],
        KeySchema=[{"AttributeName": after["hash_key_name"], "KeyType": "HASH"}],
        DeletionProtectionEnabled=after["deletion_protection"],
        **billing_request(after),
    )
    if after["kms_key_arn"]:
        request["SSESpecification"] = sse_request(after["kms_key_arn"])
    if after.get("tags"):
        request["Tags"] = [{"Key": k, "Value": v} for k, v in sorted(after["tags"].items())]
    table = dynamodb.create_table(client, **request)
    # Backups and time to live can be set only on an ACTIVE table.
    wait_for(module, client, always=True)
    if after["point_in_time_recovery"]:
        dynamodb.update_continuous_backups(client, name, True)
    if after["ttl_attribute"]:
        dynamodb.update_time_to_live(client, name, after["ttl_attribute"], True)
    return table["TableArn"]


def update(module, client, table, before, after):
    name = module.params["name"]
    for key in ("billing_mode", "read_capacity", "write_capacity"):
        if before[key] != after[key]:
            dynamodb.update_table(client, name, **billing_request(after))
            wait_for(module, client)
            break
    if before["kms_key_arn"] != after["kms_key_arn"]:
        dynamodb.update_table(client, name, SSESpecification=sse_request(after["kms_key_arn"]))
        wait_for(module, client)
    if before["deletion_protection"] != after["deletion_protection"]:
        dynamodb.update_table(client, name, DeletionProtectionEnabled=after["deletion_protection"])
    if before["point_in_time_recovery"] != after["point_in_time_recovery"]:
        dynamodb.update_continuous_backups(client, name, after["point_in_time_recovery"])
    if before["ttl_attribute"] != after["ttl_attribute"]:
        if before["ttl_attribute"]:
            dynamodb.update_time_to_live(client, name, before["ttl_attribute"], False)
        if after["ttl_attribute"]:
            dynamodb.update_time_to_live(client, name, after["ttl_attribute"], True)
    if "tags" in after and before["tags"] != after["tags"]:
        apply_tags(
            before["tags"],
            after["tags"],
            tag=lambda tags: dynamodb.tag(client, table["TableArn"], tags),
            untag=lambda keys: dynamodb.untag(client, table["TableArn"], keys),
        )


def ensure_present(module, client, table, before):
    after = wanted(module.params, before)
    if before:
        for key, what in (("hash_key_name", "hash key"), ("hash_key_type", "hash key type")):
            if before[key] != after[key]:
                module.fail_json(
                    msg=f"the {what} of table {module.params['name']} cannot change ({before[key]!r} to {after[key]!r}): "
                    "delete the table and create it again"
                )
    if before == after or module.check_mode:
        return (table or {}).get("TableArn", ""), after
    if table is None:
        return create(module, client, after), after
    update(module, client, table, before, after)
    return table["TableArn"], after


def ensure_absent(module, client, table, before):
    name = module.params["name"]
    if table is None:
        return "", {}
    if before["deletion_protection"] and not module.params["force"]:
        module.fail_json(msg=f"table {name} has deletion protection on: set force to turn it off and delete the table")
    if not module.check_mode:
        if before["deletion_protection"]:
            dynamodb.update_table(client, name, DeletionProtectionEnabled=False)
        dynamodb.delete_table(client, name)
        wait_for(module, client, gone=True)
    return "", {}


def main():
    argument_spec = dict(
        name=dict(type="str", required=True),
        hash_key_name=dict(type="str"),
        hash_key_type=dict(type="str", choices=["S", "N", "B"], default="S"),
        billing_mode=dict(type="str", choices=["PAY_PER_REQUEST", "PROVISIONED"], default="PAY_PER_REQUEST"),
        read_capacity=dict(type="int", default=1),
        write_capacity=dict(type="int", default=1),
        kms_key_arn=dict(type="str", no_log=False),
        point_in_time_recovery=dict(type="bool", default=True),
        ttl_attribute=dict(type="str"),
        deletion_protection=dict(type="bool", default=True),
        force=dict(type="bool", default=False),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=600),
    )
    module = DevSecOpsAWSModule(
        argument_spec=argument_spec,
        required_if=[("state", "present", ("hash_key_name",))],
        supports_check_mode=True,
    )
    params = module.params
    client = module.client("dynamodb")
    try:
        table, before = read(client, params["name"], params["tags"] is not None)
        ensure = ensure_present if params["state"] == "present" else ensure_absent
        arn, after = ensure(module, client, table, before)
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(**report(module, before, after, arn=arn, table=after))


if __name__ == "__main__":
    main()
