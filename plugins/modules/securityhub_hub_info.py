# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: securityhub_hub_info
short_description: Read whether AWS Security Hub is enabled in a region, and its settings
version_added: 0.1.0
description:
  - Reads whether Security Hub is enabled in the region and its settings (C(DescribeHub)), for
    pre-flight checks and for plays that need Security Hub on before they send findings.
author:
  - devsecops.aws maintainers
options: {}
extends_documentation_fragment:
  - devsecops.aws.attributes.info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(securityhub:DescribeHub).
"""

EXAMPLES = r"""
- name: Read Security Hub's state
  devsecops.aws.securityhub_hub_info:
  register: securityhub

- name: Stop when Security Hub is off
  ansible.builtin.assert:
    that: securityhub.enabled
    fail_msg: Security Hub is not enabled in this region; run the devsecops.aws.securityhub role first.
"""

RETURN = r"""
enabled:
  description: Whether Security Hub is enabled in the region.
  returned: always
  type: bool
  sample: true
hub:
  description: The hub's settings, as M(devsecops.aws.securityhub_hub) returns them; empty when not enabled.
  returned: always
  type: dict
  sample: {"hub_arn": "arn:aws:securityhub:us-east-1:123456789012:hub/default", "subscribed_at": "2026-11-29T01:02:03.000Z",
           "auto_enable_controls": true, "control_finding_generator": "SECURITY_CONTROL"}
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _securityhub as securityhub
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError


def main():
    module = DevSecOpsAWSModule(argument_spec={}, supports_check_mode=True)
    client = module.client("securityhub")
    try:
        hub = securityhub.hub_state(client)
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(changed=False, enabled=hub is not None, hub=hub or {})


if __name__ == "__main__":
    main()
