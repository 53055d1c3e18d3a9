# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: eks_nodegroup
short_description: Manage an Amazon EKS managed node group that runs from a launch template
version_added: 1.0.0
description:
  - Creates a managed node group in the given (private) subnets from a launch template (where
    IMDSv2 is required), or brings an existing one to the scaling, labels, taints, update
    settings, launch template version and tags given.
  - Written because C(community.aws.eks_nodegroup) fails on its second run when DescribeNodegroup
    answers without C(updateConfig) (KeyError), and cannot move a group to a new launch template
    version. Here a missing C(updateConfig) reads as EKS's default (one node unavailable at a time).
  - Subnets, node role, instance types, AMI and capacity type are set at creation and not compared
    afterwards (EKS cannot change them; replace the group instead).
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  cluster_name:
    description: The cluster the group belongs to.
    type: str
    required: true
  name:
    description: The node group's name.
    type: str
    required: true
  state:
    description: Whether the node group exists.
    type: str
    choices: [present, absent]
    default: present
  node_role_arn:
    description: The IAM role of the nodes; required to create the group.
    type: str
  subnets:
    description: Subnet ids of the nodes (private subnets); required to create the group.
    type: list
    elements: str
    default: []
  scaling:
    description: Number of nodes.
    type: dict
    default: {}
    suboptions:
      min_size:
        description: Fewest nodes.
        type: int
        default: 1
      max_size:
        description: Most nodes.
        type: int
        default: 3
      desired_size:
        description: Nodes wanted now.
        type: int
        default: 2
  instance_types:
    description: EC2 instance types (with a launch template that sets none).
    type: list
    elements: str
    default: [t3.medium]
  ami_type:
    description: The AMI family EKS picks the image from.
    type: str
    default: AL2023_x86_64_STANDARD
  capacity_type:
    description: On-demand or spot capacity.
    type: str
    choices: [ON_DEMAND, SPOT]
    default: ON_DEMAND
  launch_template:
    description: The launch template the nodes start from (by id or name), and its version.
    type: dict
    suboptions:
      id:
        description: The launch template's id.
        type: str
      name:
        description: The launch template's name.
        type: str
      version:
        description: The version to run.
        type: str
        required: true
  labels:
    description: Kubernetes labels of the nodes.
    type: dict
    default: {}
  taints:
    description: Kubernetes taints of the nodes.
    type: list
    elements: dict
    default: []
    suboptions:
      key:
        description: The taint's key.
        type: str
        required: true
      value:
        description: The taint's value.
        type: str
        default: ""
      effect:
        description: What the taint does.
        type: str
        required: true
        choices: [NO_SCHEDULE, NO_EXECUTE, PREFER_NO_SCHEDULE]
  max_unavailable:
    description: Nodes that may be unavailable at once during an update.
    type: int
    default: 1
  wait:
    description: Wait until the group is C(ACTIVE) after a change, or gone after a deletion.
    type: bool
    default: true
  wait_timeout:
    description: Seconds to wait.
    type: int
    default: 1200
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.tags
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(eks:DescribeNodegroup), C(eks:CreateNodegroup), C(eks:UpdateNodegroupConfig),
    C(eks:UpdateNodegroupVersion), C(eks:DeleteNodegroup), C(eks:TagResource), C(eks:UntagResource),
    C(iam:PassRole) on the node role, and C(ec2:RunInstances) on the launch template.
"""

EXAMPLES = r"""
- name: Two to four nodes in private subnets from a launch template that requires IMDSv2
  devsecops.aws.eks_nodegroup:
    cluster_name: devsecops
    name: devsecops-default
    node_role_arn: arn:aws:iam::123456789012:role/devsecops-eks-node
    subnets: [subnet-0a1b2c3d4e5f60718, subnet-0f1e2d3c4b5a69788]
    launch_template:
      name: devsecops-eks-node
      version: "1"
    scaling: {min_size: 2, max_size: 4, desired_size: 2}
"""

RETURN = r"""
nodegroup:
  description: The managed settings of the node group after the task; empty when absent.
  returned: always
  type: dict
  contains:
    arn:
      description: The node group's ARN.
      returned: when the group exists (not in check mode before creation)
      type: str
      sample: arn:aws:eks:eu-west-1:123456789012:nodegroup/devsecops/devsecops-default/0a1b2c3d
    status:
      description: The group's status.
      returned: when the group exists
      type: str
      sample: ACTIVE
    scaling:
      description: Fewest, most and desired nodes.
      returned: when the group exists
      type: dict
      sample: {"min_size": 2, "max_size": 4, "desired_size": 2}
    labels:
      description: Kubernetes labels of the nodes.
      returned: when the group exists
      type: dict
      sample: {"role": "app"}
    taints:
      description: Kubernetes taints of the nodes.
      returned: when the group exists
      type: list
      elements: dict
      sample: []
    max_unavailable:
      description: Nodes that may be unavailable at once during an update.
      returned: when the group exists
      type: int
      sample: 1
    launch_template_version:
      description: The launch template version the nodes run.
      returned: when the group exists
      type: str
      sample: "1"
    tags:
      description: Tags of the node group.
      returned: when the group exists
      type: dict
      sample: {"Project": "devsecops"}
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _eks as eks
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report, wanted_tags


def wanted_state(params, before):
    template = params["launch_template"] or {}
    return {
        "scaling": dict(params["scaling"]),
        "labels": params["labels"],
        "taints": eks.sorted_taints(params["taints"]),
        "max_unavailable": params["max_unavailable"],
        "launch_template_version": template.get("version", ""),
        "tags": wanted_tags(before.get("tags", {}), params["tags"], params["purge_tags"]),
    }


def scaling_request(wanted):
    scaling = wanted["scaling"]
    return {"minSize": scaling["min_size"], "maxSize": scaling["max_size"], "desiredSize": scaling["desired_size"]}


def taint_request(taints):
    return [{"key": t["key"], "value": t["value"], "effect": t["effect"]} for t in taints]


def launch_template_request(template):
    request = {"version": template["version"]}
    if template.get("id"):
        request["id"] = template["id"]
    else:
        request["name"] = template["name"]
    return request


def create_request(params, wanted):
    if not params["node_role_arn"] or not params["subnets"]:
        raise ValueError("node_role_arn and subnets are required to create a node group")
    request = {
        "clusterName": params["cluster_name"],
        "nodegroupName": params["name"],
        "nodeRole": params["node_role_arn"],
        "subnets": params["subnets"],
        "scalingConfig": scaling_request(wanted),
        "instanceTypes": params["instance_types"],
        "amiType": params["ami_type"],
        "capacityType": params["capacity_type"],
        "labels": wanted["labels"],
        "updateConfig": {"maxUnavailable": wanted["max_unavailable"]},
    }
    if wanted["taints"]:
        request["taints"] = taint_request(wanted["taints"])
    if params["launch_template"]:
        request["launchTemplate"] = launch_template_request(params["launch_template"])
    if wanted["tags"]:
        request["tags"] = wanted["tags"]
    return request


def config_request(before, wanted):
    """UpdateNodegroupConfig's arguments for what differs; {} when nothing does."""
    request = {}
    if before["scaling"] != wanted["scaling"]:
        request["scalingConfig"] = scaling_request(wanted)
    if before["labels"] != wanted["labels"]:
        removed = sorted(set(before["labels"]) - set(wanted["labels"]))
        request["labels"] = {"addOrUpdateLabels": wanted["labels"]}
        if removed:
            request["labels"]["removeLabels"] = removed
    if before["taints"] != wanted["taints"]:
        wanted_keys = {(t["key"], t["effect"]) for t in wanted["taints"]}
        removed = [t for t in before["taints"] if (t["key"], t["effect"]) not in wanted_keys]
        request["taints"] = {"addOrUpdateTaints": taint_request(wanted["taints"])}
        if removed:
            request["taints"]["removeTaints"] = taint_request(removed)
    if before["max_unavailable"] != wanted["max_unavailable"]:
        request["updateConfig"] = {"maxUnavailable": wanted["max_unavailable"]}
    return request


def ensure_present(module, client, group, before):
    params = module.params
    identity = {"clusterName": params["cluster_name"], "nodegroupName": params["name"]}
    wanted = wanted_state(params, before)
    if group is not None and not params["launch_template"]:
        wanted["launch_template_version"] = before["launch_template_version"]
    if before == wanted:
        return group, wanted
    request = create_request(params, wanted) if group is None else None
    if module.check_mode:
        return group, wanted
    if request:
        eks.create_nodegroup(client, **request)
    else:
        config = config_request(before, wanted)
        version_changed = before["launch_template_version"] != wanted["launch_template_version"]
        if config:
            eks.update_nodegroup_config(client, **identity, **config)
            # EKS takes one update of a group at a time.
            if params["wait"] or version_changed:
                eks.wait(client, "nodegroup_active", params["wait_timeout"], **identity)
        if version_changed:
            template = launch_template_request(params["launch_template"])
            eks.update_nodegroup_version(client, **identity, launchTemplate=template)
        eks.update_tags(client, group["nodegroupArn"], before["tags"], wanted["tags"])
    if params["wait"]:
        eks.wait(client, "nodegroup_active", params["wait_timeout"], **identity)
    return eks.describe_nodegroup(client, params["cluster_name"], params["name"]), wanted


def ensure_absent(module, client, group, before):
    params = module.params
    if group is not None and not module.check_mode:
        eks.delete_nodegroup(client, params["cluster_name"], params["name"])
        if params["wait"]:
            eks.wait(
                client,
                "nodegroup_deleted",
                params["wait_timeout"],
                clusterName=params["cluster_name"],
                nodegroupName=params["name"],
            )
    return None, {}


def main():
    argument_spec = dict(
        cluster_name=dict(type="str", required=True),
        name=dict(type="str", required=True),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        node_role_arn=dict(type="str"),
        subnets=dict(type="list", elements="str", default=[]),
        scaling=dict(
            type="dict",
            default={},
            options=dict(
                min_size=dict(type="int", default=1),
                max_size=dict(type="int", default=3),
                desired_size=dict(type="int", default=2),
            ),
        ),
        instance_types=dict(type="list", elements="str", default=["t3.medium"]),
        ami_type=dict(type="str", default="AL2023_x86_64_STANDARD"),
        capacity_type=dict(type="str", choices=["ON_DEMAND", "SPOT"], default="ON_DEMAND"),
        launch_template=dict(
            type="dict",
            options=dict(id=dict(type="str"), name=dict(type="str"), version=dict(type="str", required=True)),
            required_one_of=[("id", "name")],
            mutually_exclusive=[("id", "name")],
        ),
        labels=dict(type="dict", default={}),
        taints=dict(
            type="list",
            elements="dict",
            default=[],
            options=dict(
                key=dict(type="str", required=True, no_log=False),
                value=dict(type="str", default=""),
                effect=dict(type="str", required=True, choices=["NO_SCHEDULE", "NO_EXECUTE", "PREFER_NO_SCHEDULE"]),
            ),
        ),
        max_unavailable=dict(type="int", default=1),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
        wait=dict(type="bool", default=True),
        wait_timeout=dict(type="int", default=1200),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    client = module.client("eks")
    try:
        group = eks.describe_nodegroup(client, module.params["cluster_name"], module.params["name"])
        before = eks.nodegroup_state(group)
        ensure = ensure_present if module.params["state"] == "present" else ensure_absent
        group, after = ensure(module, client, group, before)
    except ValueError as e:
        module.fail_json(msg=f"node group {module.params['name']}: {e}")
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    result = (
        dict(after, arn=(group or {}).get("nodegroupArn", ""), status=(group or {}).get("status", "")) if after else {}
    )
    module.exit_json(**report(module, before, after, nodegroup=result))


if __name__ == "__main__":
    main()
