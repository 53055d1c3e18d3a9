# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: eks_cluster
short_description: Manage an Amazon EKS cluster with a private endpoint, control-plane logging and secrets encryption
version_added: 1.0.0
description:
  - Creates an EKS control plane, or brings an existing one to the endpoint access, control-plane
    logging, authentication mode, secrets encryption, Kubernetes version and tags given.
  - Written because C(community.aws.eks_cluster) has no options for endpoint access, logging,
    encryption or the authentication mode, and cannot change a cluster once created.
  - EKS accepts one update of a cluster at a time, so changes are applied one after another
    (endpoint access, logging, authentication mode, encryption, version), each waiting until the
    cluster is C(ACTIVE) again.
  - Subnets and security groups are set when the cluster is created and not compared afterwards.
  - Secrets encryption can be turned on for a cluster that has none, never changed or removed;
    a different O(encryption_key_arn) on an encrypted cluster fails.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description: The cluster's name.
    type: str
    required: true
  state:
    description: Whether the cluster exists.
    type: str
    choices: [present, absent]
    default: present
  version:
    description: Kubernetes version (C(1.33)); when unset, EKS's default on creation and not compared afterwards.
    type: str
  role_arn:
    description: The IAM role the control plane uses; required to create the cluster.
    type: str
  subnets:
    description: Subnet ids for the control plane's network interfaces (private subnets in two or more zones).
    type: list
    elements: str
    default: []
  security_groups:
    description: Security group ids added to the control plane's network interfaces.
    type: list
    elements: str
    default: []
  endpoint_private_access:
    description: Whether the API server is reachable from inside the VPC.
    type: bool
    default: true
  endpoint_public_access:
    description: Whether the API server is reachable from the internet (limited to O(public_access_cidrs)).
    type: bool
    default: false
  public_access_cidrs:
    description: CIDR blocks allowed to reach the public endpoint; compared only when O(endpoint_public_access=true).
    type: list
    elements: str
    default: []
  logging_types:
    description: Control-plane log types sent to CloudWatch Logs; the others are turned off.
    type: list
    elements: str
    choices: [api, audit, authenticator, controllerManager, scheduler]
    default: [api, audit, authenticator, controllerManager, scheduler]
  encryption_key_arn:
    description: KMS key that envelope-encrypts Kubernetes secrets; unset leaves encryption as it is.
    type: str
  authentication_mode:
    description: How IAM principals are mapped to Kubernetes identities; unset leaves it as it is.
    type: str
    choices: [CONFIG_MAP, API_AND_CONFIG_MAP, API]
  wait:
    description: Wait until the cluster is C(ACTIVE) after a creation or an update, or gone after a deletion.
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait.
    type: int
    default: 1800
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.tags
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(eks:DescribeCluster), C(eks:CreateCluster), C(eks:UpdateClusterConfig), C(eks:UpdateClusterVersion),
    C(eks:AssociateEncryptionConfig), C(eks:TagResource), C(eks:UntagResource), C(eks:DeleteCluster),
    C(iam:PassRole) on O(role_arn), and C(kms:DescribeKey) and C(kms:CreateGrant) on the key.
"""

EXAMPLES = r"""
- name: Create a cluster with a private endpoint, all control-plane logs and encrypted secrets
  devsecops.aws.eks_cluster:
    name: devsecops
    version: "1.33"
    role_arn: arn:aws:iam::123456789012:role/devsecops-eks-cluster
    subnets: [subnet-0a1b2c3d4e5f60718, subnet-0f1e2d3c4b5a69788]
    encryption_key_arn: arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
    authentication_mode: API_AND_CONFIG_MAP

- name: Open the public endpoint to the office only
  devsecops.aws.eks_cluster:
    name: devsecops
    endpoint_public_access: true
    public_access_cidrs: [203.0.113.0/24]
"""

RETURN = r"""
cluster:
  description: The managed settings of the cluster after the task, and what EKS reports about it; empty when absent.
  returned: always
  type: dict
  contains:
    arn:
      description: The cluster's ARN.
      returned: when the cluster exists
      type: str
      sample: arn:aws:eks:eu-west-1:123456789012:cluster/devsecops
    endpoint:
      description: The API server's URL.
      returned: when the cluster exists
      type: str
      sample: https://ABCDEF0123456789.gr7.eu-west-1.eks.amazonaws.com
    certificate_authority:
      description: The cluster CA certificate, base64-encoded.
      returned: when the cluster exists
      type: str
      sample: LS0tLS1CRUdJTi...
    oidc_issuer:
      description: The OIDC issuer URL that IRSA trusts.
      returned: when the cluster exists
      type: str
      sample: https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE
    status:
      description: The cluster's status.
      returned: when the cluster exists
      type: str
      sample: ACTIVE
    version:
      description: Kubernetes version.
      returned: when the cluster exists
      type: str
      sample: "1.33"
    endpoint_private_access:
      description: Whether the API server is reachable inside the VPC.
      returned: when the cluster exists
      type: bool
      sample: true
    endpoint_public_access:
      description: Whether the API server is reachable from the internet.
      returned: when the cluster exists
      type: bool
      sample: false
    public_access_cidrs:
      description: CIDR blocks allowed to the public endpoint (empty when it is off).
      returned: when the cluster exists
      type: list
      elements: str
      sample: []
    logging_types:
      description: Control-plane log types turned on.
      returned: when the cluster exists
      type: list
      elements: str
      sample: [api, audit, authenticator, controllerManager, scheduler]
    encryption_key_arn:
      description: KMS key that encrypts secrets; empty when none.
      returned: when the cluster exists
      type: str
      sample: arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab
    authentication_mode:
      description: The authentication mode; empty when EKS does not report it.
      returned: when the cluster exists
      type: str
      sample: API_AND_CONFIG_MAP
    tags:
      description: Tags of the cluster.
      returned: when the cluster exists
      type: dict
      sample: {"Project": "devsecops"}
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _eks as eks
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report, wanted_tags

LOG_TYPES = ["api", "audit", "authenticator", "controllerManager", "scheduler"]


def wanted_state(params, before):
    """The state asked for; settings left unset keep what the cluster has."""
    public = params["endpoint_public_access"]
    return {
        "version": params["version"] or before.get("version"),
        "endpoint_private_access": params["endpoint_private_access"],
        "endpoint_public_access": public,
        "public_access_cidrs": sorted(params["public_access_cidrs"]) if public else [],
        "logging_types": sorted(params["logging_types"]),
        "encryption_key_arn": params["encryption_key_arn"] or before.get("encryption_key_arn", ""),
        "authentication_mode": params["authentication_mode"] or before.get("authentication_mode", ""),
        "tags": wanted_tags(before.get("tags", {}), params["tags"], params["purge_tags"]),
    }


def vpc_access(wanted):
    access = {
        "endpointPrivateAccess": wanted["endpoint_private_access"],
        "endpointPublicAccess": wanted["endpoint_public_access"],
    }
    if wanted["endpoint_public_access"] and wanted["public_access_cidrs"]:
        access["publicAccessCidrs"] = wanted["public_access_cidrs"]
    return access


def logging_request(wanted):
    on = wanted["logging_types"]
    setups = [{"types": on, "enabled": True}] if on else []
    off = [log_type for log_type in LOG_TYPES if log_type not in on]
    if off:
        setups.append({"types": off, "enabled": False})
    return {"clusterLogging": setups}


def encryption_request(key_arn):
    return [{"resources": ["secrets"], "provider": {"keyArn": key_arn}}]


def create_request(params, wanted):
    if not params["role_arn"] or not params["subnets"]:
        raise ValueError("role_arn and subnets are required to create a cluster")
    request = {
        "name": params["name"],
        "roleArn": params["role_arn"],
        "resourcesVpcConfig": dict(
            vpc_access(wanted), subnetIds=params["subnets"], securityGroupIds=params["security_groups"]
        ),
        "logging": logging_request(wanted),
    }
    if wanted["version"]:
        request["version"] = wanted["version"]
    if wanted["encryption_key_arn"]:
        request["encryptionConfig"] = encryption_request(wanted["encryption_key_arn"])
    if wanted["authentication_mode"]:
        request["accessConfig"] = {"authenticationMode": wanted["authentication_mode"]}
    if wanted["tags"]:
        request["tags"] = wanted["tags"]
    return request


def updates(before, wanted):
    """The (function, arguments) of each update EKS needs, in the order they are applied."""
    steps = []
    access = ("endpoint_private_access", "endpoint_public_access", "public_access_cidrs")
    if any(before[key] != wanted[key] for key in access):
        steps.append((eks.update_cluster_config, {"resourcesVpcConfig": vpc_access(wanted)}))
    if before["logging_types"] != wanted["logging_types"]:
        steps.append((eks.update_cluster_config, {"logging": logging_request(wanted)}))
    if before["authentication_mode"] != wanted["authentication_mode"]:
        steps.append(
            (eks.update_cluster_config, {"accessConfig": {"authenticationMode": wanted["authentication_mode"]}})
        )
    if before["encryption_key_arn"] != wanted["encryption_key_arn"]:
        if before["encryption_key_arn"]:
            raise ValueError(
                f"the cluster's secrets are encrypted with {before['encryption_key_arn']}; EKS cannot change the key"
            )
        steps.append(
            (eks.associate_encryption_config, {"encryption_config": encryption_request(wanted["encryption_key_arn"])})
        )
    if before["version"] != wanted["version"]:
        steps.append((eks.update_cluster_version, {"version": wanted["version"]}))
    return steps


def ensure_present(module, client, cluster, before):
    params = module.params
    wanted = wanted_state(params, before)
    if before == wanted:
        return cluster, wanted
    request = create_request(params, wanted) if cluster is None else None
    steps = [] if cluster is None else updates(before, wanted)
    if module.check_mode:
        return cluster, wanted
    if request:
        eks.create_cluster(client, **request)
    for index, (update, arguments) in enumerate(steps):
        update(client, params["name"], **arguments)
        # EKS takes one update at a time: the next one waits for this one to finish.
        if params["wait"] or index < len(steps) - 1:
            eks.wait(client, "cluster_active", params["wait_timeout"], name=params["name"])
    if cluster is not None:
        eks.update_tags(client, cluster["arn"], before["tags"], wanted["tags"])
    if params["wait"]:
        eks.wait(client, "cluster_active", params["wait_timeout"], name=params["name"])
    return eks.describe_cluster(client, params["name"]), wanted


def ensure_absent(module, client, cluster, before):
    if cluster is not None and not module.check_mode:
        eks.delete_cluster(client, module.params["name"])
        if module.params["wait"]:
            eks.wait(client, "cluster_deleted", module.params["wait_timeout"], name=module.params["name"])
    return None, {}


def main():
    argument_spec = dict(
        name=dict(type="str", required=True),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        version=dict(type="str"),
        role_arn=dict(type="str"),
        subnets=dict(type="list", elements="str", default=[]),
        security_groups=dict(type="list", elements="str", default=[]),
        endpoint_private_access=dict(type="bool", default=True),
        endpoint_public_access=dict(type="bool", default=False),
        public_access_cidrs=dict(type="list", elements="str", default=[]),
        logging_types=dict(type="list", elements="str", choices=LOG_TYPES, default=LOG_TYPES),
        encryption_key_arn=dict(type="str", no_log=False),
        authentication_mode=dict(type="str", choices=["CONFIG_MAP", "API_AND_CONFIG_MAP", "API"]),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=1800),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    if not module.params["endpoint_private_access"] and not module.params["endpoint_public_access"]:
        module.fail_json(msg="endpoint_private_access and endpoint_public_access cannot both be false")
    client = module.client("eks")
    try:
        cluster = eks.describe_cluster(client, module.params["name"])
        before = eks.cluster_state(cluster)
        ensure = ensure_present if module.params["state"] == "present" else ensure_absent
        cluster, after = ensure(module, client, cluster, before)
    except ValueError as e:
        module.fail_json(msg=f"cluster {module.params['name']}: {e}")
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(**report(module, before, after, cluster=eks.cluster_result(cluster, after)))


if __name__ == "__main__":
    main()
