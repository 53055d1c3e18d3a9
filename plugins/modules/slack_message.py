# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: slack_message
short_description: Post a message to a Slack incoming webhook kept in AWS Secrets Manager
version_added: 0.1.0
description:
  - Reads the webhook URL from Secrets Manager (O(webhook_secret_id)) when the module runs, so that it
    never passes through task variables or output, and posts O(text) to it.
  - The URL is validated as the C(devsecops.aws.security_alerts) notifier validates it before any
    request (https, a host exactly in O(allowed_hosts), no user information, no port but 443, a webhook
    path); redirects are never followed, and no error message holds the URL.
  - community.general.slack takes the webhook's token as a task argument, which is what this module avoids.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  webhook_secret_id:
    description: The Secrets Manager secret (name or ARN) whose string value is the Slack incoming-webhook URL.
    type: str
    required: true
  text:
    description: The message, in Slack's mrkdwn (C(<https://...|label>) makes a link).
    type: str
    required: true
  allowed_hosts:
    description: The hosts the webhook URL may name.
    type: list
    elements: str
    default: [hooks.slack.com]
  timeout:
    description: Seconds to wait for Slack.
    type: int
    default: 10
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
attributes:
  check_mode:
    support: full
    details: Reads and validates the webhook URL, and posts nothing.
  diff_mode:
    support: none
notes:
  - Needs C(secretsmanager:GetSecretValue) on the secret.
  - C(changed) is true when a message was posted (or, in check mode, would be).
"""

EXAMPLES = r"""
- name: Post the risk report's summary
  devsecops.aws.slack_message:
    webhook_secret_id: devsecops/security-alerts/slack-webhook
    text: "{{ risk.summary }}\n<{{ report_url }}|Full report>"
"""

RETURN = r"""
status:
  description: The HTTP status Slack answered; null in check mode.
  returned: always
  type: int
  sample: 200
"""

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._secret_value import read_secret
from ansible_collections.devsecops.aws.plugins.module_utils._slack import SlackError, post, url_problem


def main():
    argument_spec = dict(
        webhook_secret_id=dict(type="str", required=True, no_log=False),
        text=dict(type="str", required=True),
        allowed_hosts=dict(type="list", elements="str", default=["hooks.slack.com"]),
        timeout=dict(type="int", default=10),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    where = f"secret {params['webhook_secret_id']}"
    try:
        url = read_secret(module, params["webhook_secret_id"], "the Slack webhook").strip()
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.no_log_values.add(url)
    problem = url_problem(url, [host.lower() for host in params["allowed_hosts"]])
    if problem:
        module.fail_json(msg=f"the Slack webhook in {where} is refused: {problem}")
    if module.check_mode:
        module.exit_json(changed=True, status=None)
    try:
        status = post(url, {"text": params["text"]}, where, timeout=params["timeout"])
    except SlackError as e:
        module.fail_json(msg=str(e))
    module.exit_json(changed=True, status=status)


if __name__ == "__main__":
    main()
