# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ecr_registry_scanning
short_description: Set how Amazon ECR scans the images of a registry
version_added: 0.1.0
description:
  - Sets the registry's scanning configuration with C(PutRegistryScanningConfiguration), that is the scan
    type and the rules that say which repositories are scanned and how often.
  - C(ENHANCED) scanning is done by Amazon Inspector (turn its ECR scanning on with
    M(devsecops.aws.inspector2)); C(BASIC) is ECR's own.
  - With O(state=absent), returns the registry to C(BASIC) scanning with no rules, ECR's default.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  scan_type:
    description: Who scans the images.
    type: str
    choices: [ENHANCED, BASIC]
    default: ENHANCED
  rules:
    description:
      - Which repositories are scanned, and how often. With C(ENHANCED), frequencies are
        C(SCAN_ON_PUSH) or C(CONTINUOUS_SCAN); with C(BASIC), C(SCAN_ON_PUSH) or C(MANUAL).
    type: list
    elements: dict
    default: [{"scan_frequency": "SCAN_ON_PUSH", "repository_filters": ["*"]}]
    suboptions:
      scan_frequency:
        description: When images are scanned.
        type: str
        choices: [SCAN_ON_PUSH, CONTINUOUS_SCAN, MANUAL]
        required: true
      repository_filters:
        description: Repository name patterns, C(*) as a wildcard.
        type: list
        elements: str
        required: true
  state:
    description: Whether the registry is set as asked (C(present)) or back to ECR's default (C(absent)).
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(ecr:GetRegistryScanningConfiguration), C(ecr:PutRegistryScanningConfiguration) and,
    for C(ENHANCED), C(inspector2:Enable) and C(iam:CreateServiceLinkedRole).
"""

EXAMPLES = r"""
- name: Scan every image when it is pushed, with Inspector
  devsecops.aws.ecr_registry_scanning:
    scan_type: ENHANCED
    rules:
      - scan_frequency: SCAN_ON_PUSH
        repository_filters: ["*"]

- name: Scan production images continuously
  devsecops.aws.ecr_registry_scanning:
    rules:
      - scan_frequency: CONTINUOUS_SCAN
        repository_filters: ["prod-*"]
      - scan_frequency: SCAN_ON_PUSH
        repository_filters: ["*"]
"""

RETURN = r"""
scanning_configuration:
  description: The registry's scanning configuration after the task.
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
      sample: [{"scan_frequency": "SCAN_ON_PUSH", "repository_filters": ["*"]}]
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _ecr as ecr
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report


def rules_request(rules):
    return [
        {
            "scanFrequency": rule["scan_frequency"],
            "repositoryFilters": [{"filter": name, "filterType": "WILDCARD"} for name in rule["repository_filters"]],
        }
        for rule in rules
    ]


def main():
    argument_spec = dict(
        scan_type=dict(type="str", choices=["ENHANCED", "BASIC"], default="ENHANCED"),
        rules=dict(
            type="list",
            elements="dict",
            default=[{"scan_frequency": "SCAN_ON_PUSH", "repository_filters": ["*"]}],
            options=dict(
                scan_frequency=dict(type="str", required=True, choices=["SCAN_ON_PUSH", "CONTINUOUS_SCAN", "MANUAL"]),
                repository_filters=dict(type="list", elements="str", required=True),
            ),
        ),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    client = module.client("ecr")
    if module.params["state"] == "present":
        after = ecr.normalised(module.params["scan_type"], module.params["rules"])
    else:
        after = ecr.DEFAULT_CONFIGURATION
    try:
        before = ecr.found_state(ecr.get_registry_scanning_configuration(client))
        if before != after and not module.check_mode:
            ecr.put_registry_scanning_configuration(client, after["scan_type"], rules_request(after["rules"]))
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(**report(module, before, after, scanning_configuration=after))


if __name__ == "__main__":
    main()
