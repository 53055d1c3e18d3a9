# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: opensearch_notification_channel
short_description: A Slack channel of an OpenSearch domain's Notifications plugin, its webhook read from Secrets Manager
version_added: 0.1.0
description:
  - Creates or updates a Slack channel of the Notifications plugin (C(/_plugins/_notifications/configs)), which
    alerting monitors send to, or deletes it with O(state=absent); written only when it differs from the channel
    the domain holds.
  - The webhook URL is read from Secrets Manager (O(webhook_secret_id)) when the module runs, so it never passes
    through task variables; results, diffs and errors show it as C(********).
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  channel_id:
    description: The channel's id, which monitors' actions name as C(destination_id).
    type: str
    required: true
  name:
    description: The channel's display name. Required with O(state=present).
    type: str
  description:
    description: What the channel is for.
    type: str
    default: ""
  webhook_secret_id:
    description:
      - The Secrets Manager secret (name or ARN) whose string value is the Slack incoming-webhook URL
        (C(https://hooks.slack.com/...)). Required with O(state=present).
    type: str
  enabled:
    description: Whether the channel sends.
    type: bool
    default: true
  state:
    description: Whether the channel exists.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - devsecops.aws.opensearch
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(secretsmanager:GetSecretValue) on the secret (and C(kms:Decrypt) on its key).
"""

EXAMPLES = r"""
- name: Send SIEM alerts to Slack
  devsecops.aws.opensearch_notification_channel:
    endpoint: "{{ domain.endpoint }}"
    channel_id: devsecops-siem-slack
    name: SIEM alerts
    webhook_secret_id: devsecops/security-alerts/slack-webhook
"""

RETURN = r"""
object:
  description: The channel after the task, its webhook URL masked; empty when it does not exist.
  returned: always
  type: dict
  sample: {name: SIEM alerts, description: "", config_type: slack, is_enabled: true, slack: {url: "********"}}
"""

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._opensearch_objects import (
    DATA_PLANE_EXCLUSIVE,
    DATA_PLANE_OPTIONS,
    apply_from_module,
)
from ansible_collections.devsecops.aws.plugins.module_utils._secret_value import read_secret

MASK = "********"


def masked(channel):
    if not channel.get("slack"):
        return channel
    return dict(channel, slack=dict(channel["slack"], url=MASK))


def main():
    argument_spec = dict(
        DATA_PLANE_OPTIONS,
        channel_id=dict(type="str", required=True),
        name=dict(type="str"),
        description=dict(type="str", default=""),
        webhook_secret_id=dict(type="str", no_log=False),
        enabled=dict(type="bool", default=True),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = DevSecOpsAWSModule(
        argument_spec=argument_spec,
        required_if=[("state", "present", ("name", "webhook_secret_id"))],
        mutually_exclusive=DATA_PLANE_EXCLUSIVE,
        supports_check_mode=True,
    )
    params = module.params
    body = {}
    if params["state"] == "present":
        try:
            url = read_secret(module, params["webhook_secret_id"], "the Slack webhook").strip()
        except DevSecOpsError as e:
            module.fail_json_aws_error(e)
        if not url.startswith("https://"):
            module.fail_json(msg=f"secret {params['webhook_secret_id']} does not hold an https:// Slack webhook URL")
        body = {
            "name": params["name"],
            "description": params["description"],
            "config_type": "slack",
            "is_enabled": params["enabled"],
            "slack": {"url": url},
        }
    apply_from_module(module, "notification_channel", params["channel_id"], body, redact=masked)


if __name__ == "__main__":
    main()
