# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: opensearch_domain
short_description: Manage an Amazon OpenSearch Service domain that is secure by default
version_added: 0.1.0
description:
  - Creates an OpenSearch Service domain (C(CreateDomain)) or changes the settings of an existing one
    (C(UpdateDomainConfig), sending only the sections that differ, so that no needless blue/green deployment starts),
    or deletes it (C(DeleteDomain)) with O(state=absent).
  - Secure by default, as the K-ISMS conformance pack checks it (C(OPENSEARCH_ENCRYPTED_AT_REST),
    C(OPENSEARCH_NODE_TO_NODE_ENCRYPTION_CHECK), C(OPENSEARCH_IN_VPC_ONLY), C(OPENSEARCH_LOGS_TO_CLOUDWATCH)) -
    encryption at rest, node-to-node encryption, HTTPS only with a current TLS policy, fine-grained access control,
    automatic service software updates.
  - Audit, application and slow logs go to CloudWatch Logs log groups (O(log_publishing)); their resource policy must
    let C(es.amazonaws.com) write to them.
  - Waits until the domain has finished processing and has an endpoint (RV(endpoint)), which is what the data plane
    needs next; creating a domain takes 15 to 30 minutes on AWS.
  - Why not C(community.aws.opensearch) (10.0.0) - it has no option for log publishing at all, so audit,
    application and slow logs cannot be sent to CloudWatch; and because C(DescribeDomainConfig) never returns the
    master user, a task that gives C(master_user_options) differs from the domain on every run and calls
    C(UpdateDomainConfig) every time on AWS. Its C(KeyError 'MaintenanceSchedules') on the second run against moto is
    moto's omission (moto puts C(DescribeDomain)'s C(AutoTuneOptions) shape into C(DescribeDomainConfig)), not a fault
    AWS shows; this module reads C(DescribeDomain) only.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description: The domain's name (3 to 28 lower-case letters, digits and hyphens).
    type: str
    required: true
  state:
    description: Whether the domain exists.
    type: str
    choices: [present, absent]
    default: present
  engine_version:
    description:
      - The engine, C(OpenSearch_X.Y). The module does not upgrade a domain; it fails when the version differs.
    type: str
    default: OpenSearch_2.19
  cluster:
    description: The data nodes and, optionally, dedicated master nodes.
    type: dict
    default: {}
    suboptions:
      instance_type:
        description: The data nodes' instance type.
        type: str
        default: m7g.large.search
      instance_count:
        description: How many data nodes.
        type: int
        default: 2
      zone_awareness:
        description: Spread the nodes (and replicas) over O(cluster.availability_zone_count) Availability Zones.
        type: bool
        default: true
      availability_zone_count:
        description: 2 or 3 zones; with a VPC, as many subnets in different zones.
        type: int
        default: 2
      dedicated_master_type:
        description: The instance type of dedicated master nodes; unset means none.
        type: str
      dedicated_master_count:
        description: How many dedicated master nodes (3 recommended).
        type: int
        default: 3
  ebs:
    description: The nodes' EBS volumes.
    type: dict
    default: {}
    suboptions:
      volume_type:
        description: The volume type.
        type: str
        choices: [gp3, gp2, io1, standard]
        default: gp3
      volume_size:
        description: GiB per node.
        type: int
        default: 20
      iops:
        description: Provisioned IOPS (gp3, io1); unset leaves the AWS default.
        type: int
      throughput:
        description: MiB/s (gp3); unset leaves the AWS default.
        type: int
  vpc:
    description:
      - Put the domain in a VPC, reachable only through network interfaces in these subnets. Unset makes a public
        endpoint, which O(access_policy) must then restrict.
      - A domain cannot move between public and VPC access.
    type: dict
    suboptions:
      subnet_ids:
        description: One subnet per Availability Zone.
        type: list
        elements: str
        required: true
      security_group_ids:
        description: The security groups of the domain's interfaces.
        type: list
        elements: str
        required: true
  access_policy:
    description:
      - The domain's resource-based policy (a dict), compared with the domain's as IAM compares policies.
      - Required with O(state=present); a policy allowing C(*) without a condition fails the task.
    type: dict
  encryption_at_rest:
    description: Encryption of the data at rest. Cannot be turned off, and its key cannot change once set.
    type: dict
    default: {}
    suboptions:
      enabled:
        description: Encrypt the data at rest.
        type: bool
        default: true
      kms_key_id:
        description: The ARN (or key ID) of a customer managed key; unset means the AWS managed key.
        type: str
  node_to_node_encryption:
    description: TLS between the nodes. Cannot be turned off once on.
    type: bool
    default: true
  enforce_https:
    description: Refuse plain HTTP on the endpoint.
    type: bool
    default: true
  tls_security_policy:
    description: The TLS policy of the HTTPS endpoint.
    type: str
    choices: [Policy-Min-TLS-1-2-PFS-2023-10, Policy-Min-TLS-1-2-2019-07, Policy-Min-TLS-1-2-RFC9151-FIPS-2024-08]
    default: Policy-Min-TLS-1-2-PFS-2023-10
  fine_grained_access_control:
    description:
      - Fine-grained access control (the OpenSearch security plugin). Needs encryption at rest, node-to-node
        encryption and HTTPS.
      - The master user is either an IAM principal (O(fine_grained_access_control.master_user_arn)) or a user of the
        internal database (O(fine_grained_access_control.master_user_name) and
        O(fine_grained_access_control.master_user_password)).
      - AWS never reports the master user back, so it is sent when the domain is created (or when this turns on),
        and again on every run only with O(fine_grained_access_control.update_password=always).
    type: dict
    default: {}
    suboptions:
      enabled:
        description: Turn fine-grained access control on. It cannot be turned off again.
        type: bool
        default: true
      internal_user_database:
        description: Keep users in the security plugin's internal database.
        type: bool
        default: true
      master_user_arn:
        description: An IAM user or role as master user.
        type: str
      master_user_name:
        description: The internal master user's name.
        type: str
      master_user_password:
        description: The internal master user's password (8 to 128 characters with upper and lower case, a digit and a symbol).
        type: str
      master_user_password_secret_id:
        description:
          - Instead of O(fine_grained_access_control.master_user_password), the Secrets Manager secret (name or ARN)
            whose string value is the password; the module reads it only when it sends the master user, so the
            password never passes through task variables.
        type: str
      update_password:
        description: V(on_create) sends the master user only when it is first set up; V(always) sends it on every run (and reports a change).
        type: str
        choices: [on_create, always]
        default: on_create
  log_publishing:
    description:
      - The CloudWatch Logs log group (ARN) each kind of log goes to; a kind not given is not published.
      - Audit logs need fine-grained access control.
    type: dict
    default: {}
    suboptions:
      audit:
        description: Audit logs (C(AUDIT_LOGS)).
        type: str
      application:
        description: Error logs (C(ES_APPLICATION_LOGS)).
        type: str
      index_slow:
        description: Slow indexing logs (C(INDEX_SLOW_LOGS)).
        type: str
      search_slow:
        description: Slow search logs (C(SEARCH_SLOW_LOGS)).
        type: str
  auto_software_update:
    description: Let AWS install service software updates in the off-peak window.
    type: bool
    default: true
  wait:
    description: Wait until the domain has finished processing and has an endpoint (or is gone).
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait.
    type: int
    default: 3600
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.tags
  - amazon.aws.boto3
notes:
  - Needs C(es:DescribeDomain), C(es:CreateDomain), C(es:UpdateDomainConfig), C(es:DeleteDomain), C(es:ListTags),
    C(es:AddTags), C(es:RemoveTags); with a customer managed key, C(kms:CreateGrant) and C(kms:DescribeKey) on it;
    with O(fine_grained_access_control.master_user_password_secret_id), C(secretsmanager:GetSecretValue) on the secret.
"""

EXAMPLES = r"""
- name: A SIEM domain with fine-grained access control and its logs in CloudWatch
  devsecops.aws.opensearch_domain:
    name: devsecops-siem
    access_policy:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Principal: {AWS: "arn:aws:iam::123456789012:root"}
          Action: es:ESHttp*
          Resource: arn:aws:es:us-east-1:123456789012:domain/devsecops-siem/*
    encryption_at_rest:
      kms_key_id: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
    fine_grained_access_control:
      master_user_name: siem-admin
      master_user_password: "{{ lookup('amazon.aws.aws_secret', 'devsecops/siem/master-user') }}"
    log_publishing:
      audit: arn:aws:logs:us-east-1:123456789012:log-group:/aws/opensearch/devsecops-siem/audit
      application: arn:aws:logs:us-east-1:123456789012:log-group:/aws/opensearch/devsecops-siem/application
      index_slow: arn:aws:logs:us-east-1:123456789012:log-group:/aws/opensearch/devsecops-siem/index-slow
      search_slow: arn:aws:logs:us-east-1:123456789012:log-group:/aws/opensearch/devsecops-siem/search-slow
  register: siem_domain

- name: Remove it
  devsecops.aws.opensearch_domain:
    name: devsecops-siem
    state: absent
"""

RETURN = r"""
arn:
  description: The domain's ARN; empty when it does not exist (or only would, in check mode).
  returned: always
  type: str
  sample: arn:aws:es:us-east-1:123456789012:domain/devsecops-siem
endpoint:
  description: The host name of the domain's HTTPS endpoint (public or VPC); empty while it has none.
  returned: always
  type: str
  sample: search-devsecops-siem-abcdefghijklmnopqrstuvwxyz.us-east-1.es.amazonaws.com
domain:
  description: The settings the module manages, as they are after the task; empty when the domain does not exist.
  returned: always
  type: dict
  sample:
    engine_version: OpenSearch_2.19
    cluster: {instance_type: m7g.large.search, instance_count: 2, zone_awareness: true, availability_zone_count: 2,
              dedicated_master_type: null, dedicated_master_count: null}
    ebs: {volume_type: gp3, volume_size: 20}
    vpc: null
    access_policy: {Version: "2012-10-17", Statement: []}
    encryption_at_rest: {enabled: true, kms_key_id: arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab}
    node_to_node_encryption: true
    enforce_https: true
    tls_security_policy: Policy-Min-TLS-1-2-PFS-2023-10
    fine_grained_access_control: {enabled: true, internal_user_database: true, anonymous_auth: false}
    log_publishing: {audit: arn:aws:logs:us-east-1:123456789012:log-group:/aws/opensearch/devsecops-siem/audit}
    auto_software_update: true
    tags: {devsecops: siem}
"""

import json
import time

from ansible_collections.amazon.aws.plugins.module_utils.policy import compare_policies

from ansible_collections.devsecops.aws.plugins.module_utils import _opensearch as opensearch
from ansible_collections.devsecops.aws.plugins.module_utils._opensearch import LOG_TYPES, key_id, endpoint_of, normalise
from ansible_collections.devsecops.aws.plugins.module_utils._secret_value import read_secret
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report
from ansible_collections.devsecops.aws.plugins.module_utils._tags import apply_tags, tags_after

POLL_SECONDS = 30
# Sections of the normalised state and the UpdateDomainConfig parameter that sets each.
SECTIONS = {
    "cluster": "ClusterConfig",
    "ebs": "EBSOptions",
    "vpc": "VPCOptions",
    "access_policy": "AccessPolicies",
    "encryption_at_rest": "EncryptionAtRestOptions",
    "node_to_node_encryption": "NodeToNodeEncryptionOptions",
    "enforce_https": "DomainEndpointOptions",
    "tls_security_policy": "DomainEndpointOptions",
    "fine_grained_access_control": "AdvancedSecurityOptions",
    "log_publishing": "LogPublishingOptions",
    "auto_software_update": "SoftwareUpdateOptions",
}


def wanted(params, current_tags):
    cluster, ebs, fgac = params["cluster"], params["ebs"], params["fine_grained_access_control"]
    state = {
        "engine_version": params["engine_version"],
        "cluster": {
            "instance_type": cluster["instance_type"],
            "instance_count": cluster["instance_count"],
            "zone_awareness": cluster["zone_awareness"],
            "availability_zone_count": cluster["availability_zone_count"] if cluster["zone_awareness"] else None,
            "dedicated_master_type": cluster["dedicated_master_type"],
            "dedicated_master_count": cluster["dedicated_master_count"] if cluster["dedicated_master_type"] else None,
        },
        "ebs": {
            "volume_type": ebs["volume_type"],
            "volume_size": ebs["volume_size"],
            **{key: ebs[key] for key in ("iops", "throughput") if ebs[key] is not None},
        },
        "vpc": (
            {
                "subnet_ids": sorted(params["vpc"]["subnet_ids"]),
                "security_group_ids": sorted(params["vpc"]["security_group_ids"]),
            }
            if params["vpc"]
            else None
        ),
        "access_policy": params["access_policy"],
        "encryption_at_rest": {
            "enabled": params["encryption_at_rest"]["enabled"],
            "kms_key_id": params["encryption_at_rest"]["kms_key_id"] if params["encryption_at_rest"]["enabled"] else None,
        },
        "node_to_node_encryption": params["node_to_node_encryption"],
        "enforce_https": params["enforce_https"],
        "tls_security_policy": params["tls_security_policy"],
        "fine_grained_access_control": {
            "enabled": fgac["enabled"],
            "internal_user_database": fgac["internal_user_database"] if fgac["enabled"] else False,
            "anonymous_auth": False,
        },
        "log_publishing": {name: arn for name, arn in params["log_publishing"].items() if arn},
        "auto_software_update": params["auto_software_update"],
    }
    if params["tags"] is not None:
        state["tags"] = tags_after(current_tags or {}, params["tags"], params["purge_tags"])
    return state


def same(key, before, after):
    if key == "access_policy":
        return not compare_policies(before[key] or {}, after[key] or {})
    if key == "encryption_at_rest":
        return before[key]["enabled"] == after[key]["enabled"] and (
            after[key]["kms_key_id"] is None or key_id(before[key]["kms_key_id"]) == key_id(after[key]["kms_key_id"])
        )
    return before.get(key) == after.get(key)


def master_user(module, fgac):
    if fgac["master_user_arn"]:
        return {"MasterUserARN": fgac["master_user_arn"]}
    password = fgac["master_user_password"]
    if fgac["master_user_password_secret_id"]:
        password = read_secret(module, fgac["master_user_password_secret_id"], "the master user's password")
    return {"MasterUserName": fgac["master_user_name"], "MasterUserPassword": password}


def section_request(key, state, module, with_master_user):
    """The request parameter (name, value) that sets section `key` of `state`."""
    if key == "cluster":
        cluster = state["cluster"]
        value = {
            "InstanceType": cluster["instance_type"],
            "InstanceCount": cluster["instance_count"],
            "ZoneAwarenessEnabled": cluster["zone_awareness"],
            "DedicatedMasterEnabled": cluster["dedicated_master_type"] is not None,
        }
        if cluster["zone_awareness"]:
            value["ZoneAwarenessConfig"] = {"AvailabilityZoneCount": cluster["availability_zone_count"]}
        if cluster["dedicated_master_type"]:
            value.update(DedicatedMasterType=cluster["dedicated_master_type"], DedicatedMasterCount=cluster["dedicated_master_count"])
    elif key == "ebs":
        ebs = state["ebs"]
        value = {"EBSEnabled": True, "VolumeType": ebs["volume_type"], "VolumeSize": ebs["volume_size"]}
        value.update({api: ebs[k] for k, api in (("iops", "Iops"), ("throughput", "Throughput")) if k in ebs})
    elif key == "vpc":
        value = {"SubnetIds": state["vpc"]["subnet_ids"], "SecurityGroupIds": state["vpc"]["security_group_ids"]}
    elif key == "access_policy":
        value = json.dumps(state["access_policy"], sort_keys=True)
    elif key == "encryption_at_rest":
        value = {"Enabled": state[key]["enabled"]}
        if state[key]["kms_key_id"]:
            value["KmsKeyId"] = state[key]["kms_key_id"]
    elif key == "node_to_node_encryption":
        value = {"Enabled": state[key]}
    elif key in ("enforce_https", "tls_security_policy"):
        value = {"EnforceHTTPS": state["enforce_https"], "TLSSecurityPolicy": state["tls_security_policy"]}
    elif key == "fine_grained_access_control":
        fgac = state[key]
        value = {"Enabled": fgac["enabled"], "InternalUserDatabaseEnabled": fgac["internal_user_database"], "AnonymousAuthEnabled": False}
        if fgac["enabled"] and with_master_user:
            value["MasterUserOptions"] = master_user(module, module.params["fine_grained_access_control"])
    elif key == "log_publishing":
        value = {
            log_type: ({"Enabled": True, "CloudWatchLogsLogGroupArn": state[key][name]} if name in state[key] else {"Enabled": False})
            for name, log_type in LOG_TYPES.items()
        }
    else:  # auto_software_update
        value = {"AutoSoftwareUpdateEnabled": state[key]}
    return SECTIONS[key], value


def check_update(module, before, after):
    """Fail, before anything is written, on what AWS does not change in place."""
    name = module.params["name"]
    if before["engine_version"] != after["engine_version"]:
        module.fail_json(
            msg=f"domain {name} runs {before['engine_version']}, not {after['engine_version']}: this module does not "
            "upgrade domains (use UpgradeDomain, then set engine_version)"
        )
    if (before["vpc"] is None) != (after["vpc"] is None):
        module.fail_json(msg=f"domain {name} cannot move between public and VPC access: delete it and create it again")
    turned_off = [
        what
        for what, was, now in (
            ("encryption at rest", before["encryption_at_rest"]["enabled"], after["encryption_at_rest"]["enabled"]),
            ("node-to-node encryption", before["node_to_node_encryption"], after["node_to_node_encryption"]),
            ("fine-grained access control", before["fine_grained_access_control"]["enabled"], after["fine_grained_access_control"]["enabled"]),
        )
        if was and not now
    ]
    if turned_off:
        module.fail_json(msg=f"domain {name}: {', '.join(turned_off)} cannot be turned off once on")
    wanted_key, held_key = after["encryption_at_rest"]["kms_key_id"], before["encryption_at_rest"]["kms_key_id"]
    if before["encryption_at_rest"]["enabled"] and wanted_key and key_id(held_key) != key_id(wanted_key):
        module.fail_json(msg=f"domain {name} is encrypted with {held_key}: the key of a domain cannot change")


def wait_until_ready(module, client, name, gone=False):
    if not module.params["wait"]:
        return opensearch.describe_domain(client, name)
    deadline = time.monotonic() + module.params["wait_timeout"]
    while True:
        domain = opensearch.describe_domain(client, name)
        if gone and (domain is None or domain.get("Deleted") and not domain.get("Processing")):
            return None
        if not gone:
            if domain is None:
                module.fail_json(msg=f"domain {name} disappeared while waiting for it")
            if domain.get("Created") and not domain.get("Processing") and not domain.get("UpgradeProcessing") and endpoint_of(domain):
                return domain
        if time.monotonic() >= deadline:
            module.fail_json(msg=f"timed out after {module.params['wait_timeout']} s waiting for domain {name}")
        time.sleep(POLL_SECONDS)


def create(module, client, after):
    params = module.params
    request = {"DomainName": params["name"], "EngineVersion": after["engine_version"]}
    for key in after:
        if key in SECTIONS and (key != "vpc" or after["vpc"]):
            parameter, value = section_request(key, after, module, with_master_user=True)
            request[parameter] = value
    if after.get("tags"):
        request["TagList"] = [{"Key": k, "Value": v} for k, v in sorted(after["tags"].items())]
    opensearch.create_domain(client, **request)
    return wait_until_ready(module, client, params["name"])


def update(module, client, domain, before, after):
    params = module.params
    keys = [key for key in after if before.get(key) != after[key]]
    fgac = params["fine_grained_access_control"]
    send_master = fgac["enabled"] and (fgac["update_password"] == "always" or not before["fine_grained_access_control"]["enabled"])
    if send_master and "fine_grained_access_control" not in keys:
        keys.append("fine_grained_access_control")
    request = dict(
        section_request(key, after, module, with_master_user=send_master) for key in keys if key in SECTIONS
    )
    if request:
        opensearch.update_domain_config(client, DomainName=params["name"], **request)
    if "tags" in keys:
        arn = domain["ARN"]
        apply_tags(
            before["tags"],
            after["tags"],
            tag=lambda tags: opensearch.add_tags(client, arn, tags),
            untag=lambda names: opensearch.remove_tags(client, arn, names),
        )
    return (wait_until_ready(module, client, params["name"]), after)


def ensure_present(module, client, domain, before):
    after = wanted(module.params, before.get("tags"))
    if not before:
        if module.check_mode:
            return None, after, False
        return create(module, client, after), after, False
    check_update(module, before, after)
    # Sections equal in meaning (a policy written differently, a key ID for its ARN) read as the domain has them.
    after.update({key: before[key] for key in after if same(key, before, after)})
    forced = module.params["fine_grained_access_control"]["update_password"] == "always" and after["fine_grained_access_control"]["enabled"]
    if (before == after and not forced) or module.check_mode:
        return domain, after, forced
    return update(module, client, domain, before, after) + (forced,)


def ensure_absent(module, client, domain, before):
    if before and not module.check_mode:
        opensearch.delete_domain(client, module.params["name"])
        wait_until_ready(module, client, module.params["name"], gone=True)
    return None, {}, False


def validate(module):
    params = module.params
    if params["state"] != "present":
        return
    if not params["access_policy"]:
        module.fail_json(msg="access_policy is required with state=present")
    open_statements = [
        statement
        for statement in params["access_policy"].get("Statement", [])
        if statement.get("Effect") == "Allow"
        and statement.get("Principal") in ("*", {"AWS": "*"}, {"AWS": ["*"]})
        and not statement.get("Condition")
    ]
    if open_statements:
        module.fail_json(msg="access_policy allows any principal without a condition: the domain would be open to anyone")
    fgac = params["fine_grained_access_control"]
    if fgac["enabled"]:
        if not (fgac["master_user_arn"] or (fgac["master_user_name"] and (fgac["master_user_password"] or fgac["master_user_password_secret_id"]))):
            module.fail_json(
                msg="fine_grained_access_control needs master_user_arn, or master_user_name and master_user_password "
                "(or master_user_password_secret_id)"
            )
        if not (params["encryption_at_rest"]["enabled"] and params["node_to_node_encryption"] and params["enforce_https"]):
            module.fail_json(msg="fine_grained_access_control needs encryption_at_rest, node_to_node_encryption and enforce_https")
    if params["log_publishing"]["audit"] and not fgac["enabled"]:
        module.fail_json(msg="log_publishing.audit needs fine_grained_access_control")


def main():
    argument_spec = dict(
        name=dict(type="str", required=True),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        engine_version=dict(type="str", default="OpenSearch_2.19"),
        cluster=dict(
            type="dict",
            default={},
            options=dict(
                instance_type=dict(type="str", default="m7g.large.search"),
                instance_count=dict(type="int", default=2),
                zone_awareness=dict(type="bool", default=True),
                availability_zone_count=dict(type="int", default=2),
                dedicated_master_type=dict(type="str"),
                dedicated_master_count=dict(type="int", default=3),
            ),
        ),
        ebs=dict(
            type="dict",
            default={},
            options=dict(
                volume_type=dict(type="str", choices=["gp3", "gp2", "io1", "standard"], default="gp3"),
                volume_size=dict(type="int", default=20),
                iops=dict(type="int"),
                throughput=dict(type="int"),
            ),
        ),
        vpc=dict(
            type="dict",
            options=dict(
                subnet_ids=dict(type="list", elements="str", required=True),
                security_group_ids=dict(type="list", elements="str", required=True),
            ),
        ),
        access_policy=dict(type="dict"),
        encryption_at_rest=dict(
            type="dict",
            default={},
            options=dict(enabled=dict(type="bool", default=True), kms_key_id=dict(type="str", no_log=False)),
        ),
        node_to_node_encryption=dict(type="bool", default=True),
        enforce_https=dict(type="bool", default=True),
        tls_security_policy=dict(
            type="str",
            choices=["Policy-Min-TLS-1-2-PFS-2023-10", "Policy-Min-TLS-1-2-2019-07", "Policy-Min-TLS-1-2-RFC9151-FIPS-2024-08"],
            default="Policy-Min-TLS-1-2-PFS-2023-10",
        ),
        fine_grained_access_control=dict(
            type="dict",
            default={},
            options=dict(
                enabled=dict(type="bool", default=True),
                internal_user_database=dict(type="bool", default=True),
                master_user_arn=dict(type="str"),
                master_user_name=dict(type="str"),
                master_user_password=dict(type="str", no_log=True),
                master_user_password_secret_id=dict(type="str", no_log=False),
                update_password=dict(type="str", choices=["on_create", "always"], default="on_create", no_log=False),
            ),
            mutually_exclusive=[("master_user_arn", "master_user_name"), ("master_user_password", "master_user_password_secret_id")],
        ),
        log_publishing=dict(
            type="dict",
            default={},
            options={name: dict(type="str") for name in LOG_TYPES},
        ),
        auto_software_update=dict(type="bool", default=True),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=3600),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    validate(module)
    params = module.params
    client = module.client("opensearch")
    try:
        domain = opensearch.describe_domain(client, params["name"])
        if domain is not None and domain.get("Deleted"):
            domain = None  # still being deleted: gone, as far as this task is concerned
        before = {}
        if domain is not None:
            tags = opensearch.list_tags(client, domain["ARN"]) if params["tags"] is not None else None
            before = normalise(domain, tags, [key for key in ("iops", "throughput") if params["ebs"][key] is not None])
        ensure = ensure_present if params["state"] == "present" else ensure_absent
        domain, after, forced = ensure(module, client, domain, before)
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    result = report(module, before, after, arn=(domain or {}).get("ARN", ""), endpoint=endpoint_of(domain or {}), domain=after)
    result["changed"] = result["changed"] or forced
    module.exit_json(**result)


if __name__ == "__main__":
    main()
