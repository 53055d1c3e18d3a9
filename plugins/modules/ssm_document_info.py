# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ssm_document_info
short_description: Read an AWS Systems Manager document and the content of its default version
version_added: 0.1.0
description:
  - Reads a Systems Manager document (C(DescribeDocument)), the content of its default version
    (C(GetDocument)) and its tags (C(ListTagsForResource)), if it exists.
  - Neither amazon.aws nor community.aws reads SSM documents; see M(devsecops.aws.ssm_document).
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description: The document's name.
    type: str
    required: true
extends_documentation_fragment:
  - devsecops.aws.attributes.info
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(ssm:DescribeDocument), C(ssm:GetDocument) and C(ssm:ListTagsForResource).
"""

EXAMPLES = r"""
- name: Read the scan document
  devsecops.aws.ssm_document_info:
    name: devsecops-scanner-scan
  register: scan_document

- name: Stop when it is missing
  ansible.builtin.assert:
    that: scan_document.document | length > 0
    fail_msg: run the devsecops.aws.scanner_instance role first
"""

RETURN = r"""
document:
  description: The document; empty when it does not exist.
  returned: always
  type: dict
  contains:
    name:
      description: The document's name.
      returned: when it exists
      type: str
      sample: devsecops-scanner-scan
    document_type:
      description: The document's type.
      returned: when it exists
      type: str
      sample: Command
    default_version:
      description: The version C(SendCommand) runs when given none.
      returned: when it exists
      type: str
      sample: "1"
    latest_version:
      description: The newest version.
      returned: when it exists
      type: str
      sample: "1"
    schema_version:
      description: The content's schema version.
      returned: when it exists
      type: str
      sample: "2.2"
    target_type:
      description: The resource type it may run on.
      returned: when it exists and has one
      type: str
      sample: /AWS::EC2::Instance
    tags:
      description: The document's tags.
      returned: when it exists
      type: dict
      sample: {"devsecops:component": "scanner"}
    content:
      description: The default version's content, as data.
      returned: when it exists
      type: dict
      sample: {"schemaVersion": "2.2", "mainSteps": []}
"""

from ansible_collections.devsecops.aws.plugins.module_utils import _ssm as ssm
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError


def main():
    module = DevSecOpsAWSModule(argument_spec=dict(name=dict(type="str", required=True)), supports_check_mode=True)
    client = module.client("ssm")
    name = module.params["name"]
    try:
        described, state = ssm.find_document(client, name)
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    document = ssm.describe_state(name, described, state)
    if state:
        document["content"] = state["content"]
    module.exit_json(changed=False, document=document)


if __name__ == "__main__":
    main()
