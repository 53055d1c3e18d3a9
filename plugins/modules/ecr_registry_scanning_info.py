# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ecr_registry_scanning_info
short_description: Read the scanning configuration of the Amazon ECR registry
version_added: 0.1.0
description:
  - Reads the registry's scanning configuration with C(GetRegistryScanningConfiguration), that is basic
    or enhanced (Inspector) scanning and its rules, in the form M(devsecops.aws.ecr_registry_scanning) takes.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options: {}
extends_documentation_fragment:
  - devsecops.aws.attributes.info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(ecr:GetRegistryScanningConfiguration).
"""

EXAMPLES = r"""
- name: Read the registry's scanning configuration
  devsecops.aws.ecr_registry_scanning_info:
  register: ecr_scanning

- name: Stop unless images are scanned by Inspector
  ansible.builtin.assert:
    that: ecr_scanning.scanning_configuration.scan_type == 'ENHANCED'
"""

RETURN = r"""
scanning_configuration:
  description: The registry's scanning configuration, rules and filters sorted.
  returned: always
  type: dict
  contains:
    scan_type:
      description: C(ENHANCED) or C(BASIC).
      returned: always
      type: str
      sample: ENHANCED
    rules:
      description: The scanning rules.
      returned: always
      type: list
      elements: dict
      sample: [{"scan_frequency": "CONTINUOUS_SCAN", "repository_filters": ["*"]}]
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _ecr as ecr
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError


def main():
    module = DevSecOpsAWSModule(argument_spec={}, supports_check_mode=True)
    client = module.client("ecr")
    try:
        configuration = ecr.found_state(ecr.get_registry_scanning_configuration(client))
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, scanning_configuration=configuration)


if __name__ == "__main__":
    main()
