# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: securityhub_standards
short_description: Subscribe AWS Security Hub to security standards
version_added: 0.1.0
description:
  - Subscribes Security Hub in the region to the O(standards) it is not yet subscribed to, in one
    C(BatchEnableStandards) call (the API allows one call a second).
  - With O(state=absent), unsubscribes only the O(standards) listed, in one C(BatchDisableStandards)
    call. Standards subscribed by someone else are left alone unless O(purge=true).
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  standards:
    description:
      - The standards, each a standards ARN or the part of it after C(standards/), for example
        C(aws-foundational-security-best-practices/v/1.0.0), C(cis-aws-foundations-benchmark/v/3.0.0),
        C(nist-800-53/v/5.0.0) or C(pci-dss/v/4.0.1). A name is made into the ARN for the
        module's region and partition.
      - CIS 1.2.0's ARN has another form (C(arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0)); give it whole.
    type: list
    elements: str
    required: true
  state:
    description: Whether the O(standards) are subscribed.
    type: str
    choices: [present, absent]
    default: present
  purge:
    description: With O(state=present), also unsubscribe standards that are not in O(standards).
    type: bool
    default: false
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(securityhub:GetEnabledStandards), C(securityhub:BatchEnableStandards) and
    C(securityhub:BatchDisableStandards), and Security Hub enabled (M(devsecops.aws.securityhub_hub)).
  - A new subscription is C(PENDING) for a few minutes; it counts as subscribed from the start.
"""

EXAMPLES = r"""
- name: Subscribe to AWS Foundational Security Best Practices and CIS 3.0
  devsecops.aws.securityhub_standards:
    standards:
      - aws-foundational-security-best-practices/v/1.0.0
      - cis-aws-foundations-benchmark/v/3.0.0

- name: Unsubscribe from CIS 3.0 only
  devsecops.aws.securityhub_standards:
    standards:
      - cis-aws-foundations-benchmark/v/3.0.0
    state: absent
"""

RETURN = r"""
standards_arns:
  description: ARNs of the standards subscribed (or being subscribed) after the task.
  returned: always
  type: list
  elements: str
  sample: ["arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0"]
subscribed:
  description: ARNs of the standards this task subscribed (or would, in check mode).
  returned: always
  type: list
  elements: str
  sample: ["arn:aws:securityhub:us-east-1::standards/cis-aws-foundations-benchmark/v/3.0.0"]
unsubscribed:
  description: ARNs of the standards this task unsubscribed (or would, in check mode).
  returned: always
  type: list
  elements: str
  sample: []
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _securityhub as securityhub
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report


def plan(params, wanted, active):
    """(standards ARNs to subscribe, standards ARNs to unsubscribe)."""
    if params["state"] == "absent":
        return [], sorted(wanted & set(active))
    to_remove = set(active) - wanted if params["purge"] else set()
    return sorted(wanted - set(active)), sorted(to_remove)


def main():
    argument_spec = dict(
        standards=dict(type="list", elements="str", required=True),
        state=dict(type="str", choices=["present", "absent"], default="present"),
        purge=dict(type="bool", default=False),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    client = module.client("securityhub")
    wanted = {
        securityhub.standards_arn(name, client.meta.partition, module.region) for name in module.params["standards"]
    }
    try:
        active = securityhub.active_standards(client)
        subscribe, unsubscribe = plan(module.params, wanted, active)
        if not module.check_mode:
            if subscribe:
                securityhub.batch_enable_standards(client, subscribe)
            if unsubscribe:
                securityhub.batch_disable_standards(client, [active[arn] for arn in unsubscribe])
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    before = {"standards_arns": sorted(active)}
    after = {"standards_arns": sorted((set(active) | set(subscribe)) - set(unsubscribe))}
    module.exit_json(**report(module, before, after, subscribed=subscribe, unsubscribed=unsubscribe, **after))


if __name__ == "__main__":
    main()
