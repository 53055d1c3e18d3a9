# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: eks_addon
short_description: Manage an Amazon EKS add-on pinned to a version
version_added: 1.0.0
description:
  - Installs an EKS add-on (C(vpc-cni), C(coredns), C(kube-proxy), C(aws-ebs-csi-driver),
    C(aws-guardduty-agent), ...) at the version given, or moves an installed one to that version,
    service account role and configuration.
  - Neither amazon.aws nor community.aws has an add-on module.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  cluster_name:
    description: The cluster.
    type: str
    required: true
  name:
    description: The add-on's name.
    type: str
    required: true
  version:
    description: The add-on version (C(v1.19.2-eksbuild.1)); pinned, so that an upgrade is a change in code.
    type: str
    required: true
  service_account_role_arn:
    description: IAM role (IRSA) of the add-on's service account; unset leaves the node role's permissions.
    type: str
  configuration_values:
    description: The add-on's configuration (its JSON schema comes from DescribeAddonConfiguration).
    type: dict
    default: {}
  resolve_conflicts:
    description: What to do with fields changed in the cluster outside EKS.
    type: str
    choices: [OVERWRITE, NONE, PRESERVE]
    default: OVERWRITE
  state:
    description: Whether the add-on is installed.
    type: str
    choices: [present, absent]
    default: present
  preserve:
    description: With O(state=absent), leave the add-on's Kubernetes objects running in the cluster.
    type: bool
    default: false
  wait:
    description: Wait until the add-on is C(ACTIVE), or gone.
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait.
    type: int
    default: 900
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.tags
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(eks:DescribeAddon), C(eks:CreateAddon), C(eks:UpdateAddon), C(eks:DeleteAddon), C(eks:TagResource),
    C(eks:UntagResource), and C(iam:PassRole) on O(service_account_role_arn).
"""

EXAMPLES = r"""
- name: Pin the VPC CNI with its own IRSA role
  devsecops.aws.eks_addon:
    cluster_name: devsecops
    name: vpc-cni
    version: v1.19.2-eksbuild.1
    service_account_role_arn: arn:aws:iam::123456789012:role/devsecops-vpc-cni
    configuration_values:
      enableNetworkPolicy: "true"
"""

RETURN = r"""
addon:
  description: The managed settings of the add-on after the task; empty when absent.
  returned: always
  type: dict
  contains:
    version:
      description: The add-on version.
      returned: when installed
      type: str
      sample: v1.19.2-eksbuild.1
    service_account_role_arn:
      description: The IRSA role; empty when none.
      returned: when installed
      type: str
      sample: arn:aws:iam::123456789012:role/devsecops-vpc-cni
    configuration_values:
      description: The add-on's configuration.
      returned: when installed
      type: dict
      sample: {"enableNetworkPolicy": "true"}
    tags:
      description: Tags of the add-on.
      returned: when installed
      type: dict
      sample: {}
"""

import json

from ansible_collections.devsecops.aws.plugins.module_utils import _eks as eks
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report, wanted_tags


def found_state(addon):
    if addon is None:
        return {}
    return {
        "version": addon.get("addonVersion", ""),
        "service_account_role_arn": addon.get("serviceAccountRoleArn", ""),
        "configuration_values": json.loads(addon.get("configurationValues") or "{}"),
        "tags": addon.get("tags") or {},
    }


def wanted_state(params, before):
    return {
        "version": params["version"],
        "service_account_role_arn": params["service_account_role_arn"] or "",
        "configuration_values": params["configuration_values"],
        "tags": wanted_tags(before.get("tags", {}), params["tags"], params["purge_tags"]),
    }


def addon_request(params, wanted):
    request = {
        "clusterName": params["cluster_name"],
        "addonName": params["name"],
        "addonVersion": wanted["version"],
        "resolveConflicts": params["resolve_conflicts"],
    }
    if wanted["service_account_role_arn"]:
        request["serviceAccountRoleArn"] = wanted["service_account_role_arn"]
    if wanted["configuration_values"]:
        request["configurationValues"] = json.dumps(wanted["configuration_values"], sort_keys=True)
    return request


def ensure_present(module, client, addon, before):
    params = module.params
    wanted = wanted_state(params, before)
    if before == wanted or module.check_mode:
        return addon, wanted
    request = addon_request(params, wanted)
    if addon is None:
        if wanted["tags"]:
            request["tags"] = wanted["tags"]
        eks.create_addon(client, **request)
    else:
        if {k: v for k, v in before.items() if k != "tags"} != {k: v for k, v in wanted.items() if k != "tags"}:
            eks.update_addon(client, **request)
        eks.update_tags(client, addon["addonArn"], before["tags"], wanted["tags"])
    if params["wait"]:
        eks.wait(
            client, "addon_active", params["wait_timeout"], clusterName=params["cluster_name"], addonName=params["name"]
        )
    return eks.describe_addon(client, params["cluster_name"], params["name"]), wanted


def ensure_absent(module, client, addon, before):
    params = module.params
    if addon is not None and not module.check_mode:
        eks.delete_addon(client, params["cluster_name"], params["name"], params["preserve"])
        if params["wait"]:
            eks.wait(
                client,
                "addon_deleted",
                params["wait_timeout"],
                clusterName=params["cluster_name"],
                addonName=params["name"],
            )
    return None, {}


def main():
    argument_spec = dict(
        cluster_name=dict(type="str", required=True),
        name=dict(type="str", required=True),
        version=dict(type="str", required=True),
        service_account_role_arn=dict(type="str"),
        configuration_values=dict(type="dict", default={}),
        resolve_conflicts=dict(type="str", choices=["OVERWRITE", "NONE", "PRESERVE"], default="OVERWRITE"),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        preserve=dict(type="bool", default=False),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=900),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    client = module.client("eks")
    try:
        addon = eks.describe_addon(client, module.params["cluster_name"], module.params["name"])
        before = found_state(addon)
        ensure = ensure_present if module.params["state"] == "present" else ensure_absent
        addon, after = ensure(module, client, addon, before)
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(**report(module, before, after, addon=after))


if __name__ == "__main__":
    main()
