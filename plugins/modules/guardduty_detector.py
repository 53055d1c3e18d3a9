# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: guardduty_detector
short_description: Manage the Amazon GuardDuty detector of a region
version_added: 0.1.0
description:
  - Creates the region's GuardDuty detector (an account has at most one a region), or updates its
    status, finding publishing frequency and protection plans through the C(Features) API (not the
    deprecated C(DataSources)).
  - Only the O(features) listed are compared and set; features AWS adds later keep their own state.
  - With O(state=absent), deletes the detector, which also removes its publishing destinations,
    filters and findings.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  state:
    description: Whether the region has a detector.
    type: str
    choices: [present, absent]
    default: present
  enabled:
    description: Whether the detector runs (C(false) suspends it without deleting it).
    type: bool
    default: true
  finding_publishing_frequency:
    description: How often updates to existing findings are sent to EventBridge and S3.
    type: str
    choices: [FIFTEEN_MINUTES, ONE_HOUR, SIX_HOURS]
    default: FIFTEEN_MINUTES
  features:
    description:
      - Protection plans to set, for example C(S3_DATA_EVENTS), C(EKS_AUDIT_LOGS),
        C(EBS_MALWARE_PROTECTION), C(RUNTIME_MONITORING) (with C(EKS_ADDON_MANAGEMENT) so that
        GuardDuty manages its EKS agent), C(RDS_LOGIN_EVENTS), C(LAMBDA_NETWORK_LOGS).
      - Do not list both C(RUNTIME_MONITORING) and C(EKS_RUNTIME_MONITORING); the first replaces the second.
    type: list
    elements: dict
    default: []
    suboptions:
      name:
        description: The feature.
        type: str
        required: true
        choices: [S3_DATA_EVENTS, EKS_AUDIT_LOGS, EBS_MALWARE_PROTECTION, RDS_LOGIN_EVENTS, LAMBDA_NETWORK_LOGS,
                  EKS_RUNTIME_MONITORING, RUNTIME_MONITORING, AI_PROTECTION, AI_ANALYST]
      status:
        description: Whether the feature is on.
        type: str
        choices: [ENABLED, DISABLED]
        default: ENABLED
      additional_configuration:
        description: Settings of the feature, such as the agents GuardDuty manages for runtime monitoring.
        type: list
        elements: dict
        default: []
        suboptions:
          name:
            description: The setting.
            type: str
            required: true
            choices: [EKS_ADDON_MANAGEMENT, ECS_FARGATE_AGENT_MANAGEMENT, EC2_AGENT_MANAGEMENT, RDS_DATA_RISK]
          status:
            description: Whether the setting is on.
            type: str
            choices: [ENABLED, DISABLED]
            default: ENABLED
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(guardduty:ListDetectors), C(guardduty:GetDetector), C(guardduty:CreateDetector),
    C(guardduty:UpdateDetector), C(guardduty:DeleteDetector), and C(iam:CreateServiceLinkedRole) the first time.
"""

EXAMPLES = r"""
- name: Turn GuardDuty on with S3, EKS, runtime and malware protection
  devsecops.aws.guardduty_detector:
    finding_publishing_frequency: FIFTEEN_MINUTES
    features:
      - name: S3_DATA_EVENTS
      - name: EKS_AUDIT_LOGS
      - name: EBS_MALWARE_PROTECTION
      - name: RUNTIME_MONITORING
        additional_configuration:
          - name: EKS_ADDON_MANAGEMENT

- name: Remove the detector of eu-west-1
  devsecops.aws.guardduty_detector:
    region: eu-west-1
    state: absent
"""

RETURN = r"""
detector_id:
  description: The detector's id; empty when there is none (or only about to be one, in check mode).
  returned: always
  type: str
  sample: 12abc34d567e8fa901bc2d34e56789f0
detector:
  description: The managed settings of the detector after the task; empty when there is none.
  returned: always
  type: dict
  contains:
    status:
      description: C(ENABLED) or C(DISABLED).
      returned: when there is a detector
      type: str
      sample: ENABLED
    finding_publishing_frequency:
      description: How often updated findings are published.
      returned: when there is a detector
      type: str
      sample: FIFTEEN_MINUTES
    features:
      description: The O(features) listed, by name, with their status and additional configuration.
      returned: when there is a detector
      type: dict
      sample: {"RUNTIME_MONITORING": {"status": "ENABLED", "additional_configuration": {"EKS_ADDON_MANAGEMENT": "ENABLED"}}}
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _guardduty as guardduty
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report

FEATURE_NAMES = [
    "S3_DATA_EVENTS",
    "EKS_AUDIT_LOGS",
    "EBS_MALWARE_PROTECTION",
    "RDS_LOGIN_EVENTS",
    "LAMBDA_NETWORK_LOGS",
    "EKS_RUNTIME_MONITORING",
    "RUNTIME_MONITORING",
    "AI_PROTECTION",
    "AI_ANALYST",
]
ADDITIONAL_CONFIGURATION_NAMES = [
    "EKS_ADDON_MANAGEMENT",
    "ECS_FARGATE_AGENT_MANAGEMENT",
    "EC2_AGENT_MANAGEMENT",
    "RDS_DATA_RISK",
]
STATUS = dict(type="str", choices=["ENABLED", "DISABLED"], default="ENABLED")


def wanted_state(params):
    return {
        "status": "ENABLED" if params["enabled"] else "DISABLED",
        "finding_publishing_frequency": params["finding_publishing_frequency"],
        "features": {
            feature["name"]: {
                "status": feature["status"],
                "additional_configuration": {
                    extra["name"]: extra["status"] for extra in feature["additional_configuration"]
                },
            }
            for feature in params["features"]
        },
    }


def found_state(detector, wanted):
    """The detector's settings, its features reduced to those (and the settings) in `wanted`."""
    if detector is None:
        return {}
    features = {}
    for feature in detector.get("Features") or []:
        if feature["Name"] not in wanted["features"]:
            continue
        extra_wanted = wanted["features"][feature["Name"]]["additional_configuration"]
        features[feature["Name"]] = {
            "status": feature["Status"],
            "additional_configuration": {
                extra["Name"]: extra["Status"]
                for extra in feature.get("AdditionalConfiguration") or []
                if extra["Name"] in extra_wanted
            },
        }
    return {
        "status": detector["Status"],
        "finding_publishing_frequency": detector["FindingPublishingFrequency"],
        "features": features,
    }


def features_request(wanted):
    request = []
    for name, feature in wanted["features"].items():
        item = {"Name": name, "Status": feature["status"]}
        if feature["additional_configuration"]:
            item["AdditionalConfiguration"] = [
                {"Name": extra, "Status": status} for extra, status in feature["additional_configuration"].items()
            ]
        request.append(item)
    return request


def ensure_present(module, client, detector_id, before):
    wanted = wanted_state(module.params)
    if before == wanted or module.check_mode:
        return detector_id, wanted
    settings = dict(Enable=module.params["enabled"], FindingPublishingFrequency=wanted["finding_publishing_frequency"])
    if wanted["features"]:
        settings["Features"] = features_request(wanted)
    if detector_id is None:
        return guardduty.create_detector(client, **settings), wanted
    guardduty.update_detector(client, detector_id, **settings)
    return detector_id, wanted


def ensure_absent(module, client, detector_id, before):
    if detector_id and not module.check_mode:
        guardduty.delete_detector(client, detector_id)
    return None, {}


def main():
    argument_spec = dict(
        state=dict(type="str", choices=["present", "absent"], default="present"),
        enabled=dict(type="bool", default=True),
        finding_publishing_frequency=dict(
            type="str", choices=["FIFTEEN_MINUTES", "ONE_HOUR", "SIX_HOURS"], default="FIFTEEN_MINUTES"
        ),
        features=dict(
            type="list",
            elements="dict",
            default=[],
            options=dict(
                name=dict(type="str", required=True, choices=FEATURE_NAMES),
                status=dict(STATUS),
                additional_configuration=dict(
                    type="list",
                    elements="dict",
                    default=[],
                    options=dict(
                        name=dict(type="str", required=True, choices=ADDITIONAL_CONFIGURATION_NAMES),
                        status=dict(STATUS),
                    ),
                ),
            ),
        ),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    client = module.client("guardduty")
    try:
        detector_id, detector = guardduty.find_detector(client)
        before = found_state(detector, wanted_state(module.params))
        ensure = ensure_present if module.params["state"] == "present" else ensure_absent
        detector_id, after = ensure(module, client, detector_id, before)
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(**report(module, before, after, detector_id=detector_id or "", detector=after))


if __name__ == "__main__":
    main()
