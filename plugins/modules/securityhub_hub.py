# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: securityhub_hub
short_description: Enable or disable AWS Security Hub in a region
version_added: 0.1.0
description:
  - Enables Security Hub in the region (C(EnableSecurityHub)) without the default standards, so that
    the standards are chosen with M(devsecops.aws.securityhub_standards), and keeps its control
    settings (C(UpdateSecurityHubConfiguration)).
  - With O(state=absent), disables Security Hub in the region (C(DisableSecurityHub)), which ends
    every standards subscription and integration in that region.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  state:
    description: Whether Security Hub is enabled in the region.
    type: str
    choices: [present, absent]
    default: present
  enable_default_standards:
    description:
      - Subscribe the standards AWS picks when the hub is first enabled.
      - Only read when Security Hub is enabled by this module; later changes are made with
        M(devsecops.aws.securityhub_standards).
    type: bool
    default: false
  control_finding_generator:
    description:
      - C(SECURITY_CONTROL) gives one finding per control across standards (consolidated control
        findings); C(STANDARD_CONTROL) one finding per control in each standard.
    type: str
    choices: [SECURITY_CONTROL, STANDARD_CONTROL]
    default: SECURITY_CONTROL
  auto_enable_controls:
    description: Turn on new controls of subscribed standards as AWS adds them.
    type: bool
    default: true
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(securityhub:DescribeHub), C(securityhub:EnableSecurityHub),
    C(securityhub:UpdateSecurityHubConfiguration) and C(securityhub:DisableSecurityHub).
  - Security Hub needs AWS Config recording in the region for most controls (the
    C(devsecops.aws.aws_config) role does that).
"""

EXAMPLES = r"""
- name: Enable Security Hub with consolidated control findings and no default standards
  devsecops.aws.securityhub_hub:
    state: present

- name: Disable Security Hub in eu-west-1
  devsecops.aws.securityhub_hub:
    region: eu-west-1
    state: absent
"""

RETURN = r"""
enabled:
  description: Whether Security Hub is enabled in the region after the task.
  returned: always
  type: bool
  sample: true
hub:
  description: The hub's settings; empty when Security Hub is not enabled (or only about to be, in check mode).
  returned: always
  type: dict
  contains:
    hub_arn:
      description: The hub's ARN.
      returned: when enabled
      type: str
      sample: arn:aws:securityhub:us-east-1:123456789012:hub/default
    subscribed_at:
      description: When Security Hub was enabled.
      returned: when enabled
      type: str
      sample: "2026-11-29T01:02:03.000Z"
    auto_enable_controls:
      description: Whether new controls are turned on automatically.
      returned: when enabled
      type: bool
      sample: true
    control_finding_generator:
      description: How control findings are generated.
      returned: when enabled
      type: str
      sample: SECURITY_CONTROL
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _securityhub as securityhub
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report

SETTINGS = {"auto_enable_controls": "AutoEnableControls", "control_finding_generator": "ControlFindingGenerator"}


def compared(hub):
    """What the module manages: on or off, and the control settings when on."""
    if hub is None:
        return {"enabled": False}
    return dict({"enabled": True}, **{key: hub[key] for key in SETTINGS})


def ensure_present(module, client, existing):
    params = module.params
    settings = {key: params[key] for key in SETTINGS}
    wanted = dict({"enabled": True}, **settings)
    if compared(existing) == wanted:
        return wanted, existing
    if module.check_mode:
        # A hub that does not exist yet has no ARN to predict.
        return wanted, dict(existing, **settings) if existing else None
    if existing is None:
        securityhub.enable_security_hub(client, params["enable_default_standards"], params["control_finding_generator"])
        existing = securityhub.hub_state(client)
    updates = {SETTINGS[key]: value for key, value in settings.items() if existing[key] != value}
    if updates:
        securityhub.update_security_hub_configuration(client, **updates)
        existing = securityhub.hub_state(client)
    return wanted, existing


def ensure_absent(module, client, existing):
    if existing is not None and not module.check_mode:
        securityhub.disable_security_hub(client)
    return {"enabled": False}, None


def main():
    argument_spec = dict(
        state=dict(type="str", choices=["present", "absent"], default="present"),
        enable_default_standards=dict(type="bool", default=False),
        control_finding_generator=dict(
            type="str", choices=["SECURITY_CONTROL", "STANDARD_CONTROL"], default="SECURITY_CONTROL"
        ),
        auto_enable_controls=dict(type="bool", default=True),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    client = module.client("securityhub")
    try:
        existing = securityhub.hub_state(client)
        ensure = ensure_present if module.params["state"] == "present" else ensure_absent
        after, hub = ensure(module, client, existing)
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(**report(module, compared(existing), after, enabled=after["enabled"], hub=hub or {}))


if __name__ == "__main__":
    main()
