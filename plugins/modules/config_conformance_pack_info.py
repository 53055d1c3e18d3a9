# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: config_conformance_pack_info
short_description: Read AWS Config conformance packs and the rules they deployed
version_added: 0.1.0
description:
  - Reads the conformance packs named in O(names), or all of them (C(DescribeConformancePacks)), and
    for each the names of the Config rules it deployed (C(DescribeConformancePackCompliance)).
  - A name that does not exist is left out of the result. AWS answers an unknown name with
    C(NoSuchConformancePackException), which fails the whole request, so each name is read on its own.
  - amazon.aws and community.aws have no module for conformance packs.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  names:
    description: The conformance packs to read; unset or empty reads every pack.
    type: list
    elements: str
extends_documentation_fragment:
  - devsecops.aws.attributes.info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(config:DescribeConformancePacks) and C(config:DescribeConformancePackCompliance).
"""

EXAMPLES = r"""
- name: Read the K-ISMS conformance pack
  devsecops.aws.config_conformance_pack_info:
    names: [devsecops-k-isms]
  register: packs

- name: Check that it is deployed with its rules
  ansible.builtin.assert:
    that:
      - packs.conformance_packs | length == 1
      - packs.conformance_packs[0].rule_names | length > 0
"""

RETURN = r"""
conformance_packs:
  description: The packs found, by name, in snake_case. Keys AWS does not return are left out.
  returned: always
  type: list
  elements: dict
  contains:
    conformance_pack_name:
      description: The pack's name.
      returned: always
      type: str
      sample: devsecops-k-isms
    conformance_pack_arn:
      description: The pack's ARN.
      returned: always
      type: str
      sample: arn:aws:config:us-east-1:123456789012:conformance-pack/devsecops-k-isms/conformance-pack-abcdefghi
    conformance_pack_id:
      description: The pack's id.
      returned: always
      type: str
      sample: conformance-pack-abcdefghi
    delivery_s3_bucket:
      description: The bucket the pack's evaluation results are delivered to.
      returned: when set
      type: str
      sample: 123456789012-config
    delivery_s3_key_prefix:
      description: The prefix of the delivered results.
      returned: when set
      type: str
      sample: conformance-packs
    conformance_pack_input_parameters:
      description:
        - The values given for the template's parameters, as a dict of parameter name to value, the way
          M(devsecops.aws.config_conformance_pack) takes them (AWS lists C(ParameterName)/C(ParameterValue) pairs).
      returned: always
      type: dict
      sample: {"MaxPasswordAge": "90"}
    last_update_requested_time:
      description: When the pack was last deployed or updated.
      returned: always
      type: str
      sample: "2026-11-29T01:02:03+00:00"
    rule_names:
      description: The names of the Config rules the pack deployed, sorted.
      returned: always
      type: list
      elements: str
      sample: ["iam-password-policy-conformance-pack-abcdefghi", "root-account-mfa-enabled-conformance-pack-abcdefghi"]
"""

from ansible_collections.amazon.aws.plugins.module_utils.transformation import camel_dict_to_snake_dict

from ansible_collections.devsecops.aws.plugins.module_utils import _config as config
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError, found_by_name


def pack_info(client, pack):
    info = camel_dict_to_snake_dict(pack)
    # AWS may answer an unset bucket or prefix with an empty string.
    for key in ("delivery_s3_bucket", "delivery_s3_key_prefix"):
        if not info.get(key):
            info.pop(key, None)
    info["conformance_pack_input_parameters"] = config.pack_input_parameters(pack)
    info["rule_names"] = config.conformance_pack_rule_names(client, pack["ConformancePackName"])
    return info


def main():
    argument_spec = dict(names=dict(type="list", elements="str"))
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    client = module.client("config")
    names = module.params["names"]
    try:
        if names:
            found = found_by_name(config.get_conformance_pack, client, names)
        else:
            found = config.list_conformance_packs(client)
        packs = [pack_info(client, pack) for pack in found]
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, conformance_packs=sorted(packs, key=lambda pack: pack["conformance_pack_name"]))


if __name__ == "__main__":
    main()
