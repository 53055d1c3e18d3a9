# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: opensearch_domain_info
short_description: Read an OpenSearch Service domain's settings
version_added: 0.1.0
description:
  - Reads a domain with C(DescribeDomain) and returns the settings M(devsecops.aws.opensearch_domain) manages, its
    endpoint and whether it is still processing a change.
  - Also returns the connection's region, so a role can name ARNs without reading another variable.
  - C(community.aws.opensearch_info) reads C(DescribeDomainConfig) too; this module does not need it.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description: The domain's name.
    type: str
    required: true
extends_documentation_fragment:
  - devsecops.aws.attributes.info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(es:DescribeDomain) and C(es:ListTags).
"""

EXAMPLES = r"""
- name: Find the SIEM domain's endpoint
  devsecops.aws.opensearch_domain_info:
    name: devsecops-siem
  register: siem_domain
"""

RETURN = r"""
region:
  description: The region the module asked.
  returned: always
  type: str
  sample: us-east-1
exists:
  description: Whether the domain exists (one being deleted does not).
  returned: always
  type: bool
  sample: true
arn:
  description: The domain's ARN; empty when it does not exist.
  returned: always
  type: str
  sample: arn:aws:es:us-east-1:123456789012:domain/devsecops-siem
endpoint:
  description: The host name of its HTTPS endpoint (public or VPC); empty while it has none.
  returned: always
  type: str
  sample: search-devsecops-siem-abcdefghijklmnopqrstuvwxyz.us-east-1.es.amazonaws.com
processing:
  description: Whether a change is being applied.
  returned: always
  type: bool
  sample: false
domain:
  description: The settings, as RV(devsecops.aws.opensearch_domain#module:domain) names them, with its tags; empty when it does not exist.
  returned: always
  type: dict
  sample: {engine_version: OpenSearch_2.19, node_to_node_encryption: true, enforce_https: true, tags: {}}
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _opensearch as opensearch
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError


def main():
    module = DevSecOpsAWSModule(argument_spec=dict(name=dict(type="str", required=True)), supports_check_mode=True)
    client = module.client("opensearch")
    try:
        domain = opensearch.describe_domain(client, module.params["name"])
        if domain is not None and domain.get("Deleted"):
            domain = None
        state = opensearch.normalise(domain, opensearch.list_tags(client, domain["ARN"])) if domain else {}
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    domain = domain or {}
    module.exit_json(
        changed=False,
        region=module.region,
        exists=bool(state),
        arn=domain.get("ARN", ""),
        endpoint=opensearch.endpoint_of(domain),
        processing=bool(domain.get("Processing") or domain.get("UpgradeProcessing")),
        domain=state,
    )


if __name__ == "__main__":
    main()
