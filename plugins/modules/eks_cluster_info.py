# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: eks_cluster_info
short_description: Read an Amazon EKS cluster and its managed node groups
version_added: 1.0.0
description:
  - Reads a cluster by name (endpoint access, logging, secrets encryption, authentication mode,
    OIDC issuer, endpoint and CA) and its managed node groups, as M(devsecops.aws.eks_cluster) and
    M(devsecops.aws.eks_nodegroup) return them, and the ARN of the IAM OIDC provider for its issuer
    (what IRSA roles trust). Use it to run against an existing cluster, or to check one.
  - amazon.aws and community.aws have no EKS info module.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description: The cluster's name.
    type: str
    required: true
extends_documentation_fragment:
  - devsecops.aws.attributes.info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(eks:DescribeCluster), C(eks:ListNodegroups), C(eks:DescribeNodegroup),
    C(iam:ListOpenIDConnectProviders), C(iam:GetOpenIDConnectProvider).
"""

EXAMPLES = r"""
- name: Read the cluster
  devsecops.aws.eks_cluster_info:
    name: devsecops
  register: cluster

- name: Stop unless the API endpoint is private
  ansible.builtin.assert:
    that: cluster.exists and not cluster.cluster.endpoint_public_access
"""

RETURN = r"""
exists:
  description: Whether the cluster exists.
  returned: always
  type: bool
  sample: true
cluster:
  description: The cluster as M(devsecops.aws.eks_cluster) returns it; empty when it does not exist.
  returned: always
  type: dict
  sample: {"arn": "arn:aws:eks:eu-west-1:123456789012:cluster/devsecops", "endpoint_public_access": false, "logging_types": ["api", "audit"]}
oidc_provider_arn:
  description: The IAM OIDC provider for the cluster's issuer; empty when there is none.
  returned: always
  type: str
  sample: arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE
nodegroups:
  description: The cluster's managed node groups by name, as M(devsecops.aws.eks_nodegroup) returns them.
  returned: always
  type: dict
  sample: {"devsecops-default": {"scaling": {"min_size": 2, "max_size": 4, "desired_size": 2}, "status": "ACTIVE"}}
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _eks as eks
from ansible_collections.devsecops.aws.plugins.module_utils import _iam_oidc as oidc
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError


def main():
    module = DevSecOpsAWSModule(argument_spec=dict(name=dict(type="str", required=True)), supports_check_mode=True)
    client = module.client("eks")
    name = module.params["name"]
    try:
        cluster = eks.describe_cluster(client, name)
        nodegroups = {}
        for group_name in eks.list_nodegroups(client, name) if cluster else []:
            group = eks.describe_nodegroup(client, name, group_name)
            if group is not None:
                nodegroups[group_name] = dict(
                    eks.nodegroup_state(group), arn=group.get("nodegroupArn", ""), status=group.get("status", "")
                )
        result = eks.cluster_result(cluster, eks.cluster_state(cluster))
        provider_arn = None
        if result.get("oidc_issuer"):
            provider_arn, _provider = oidc.find_provider(module.client("iam"), result["oidc_issuer"])
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(
        changed=False,
        exists=cluster is not None,
        oidc_provider_arn=provider_arn or "",
        cluster=result,
        nodegroups=nodegroups,
    )


if __name__ == "__main__":
    main()
