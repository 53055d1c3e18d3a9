# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: ssm_document
short_description: Manage an AWS Systems Manager document and its default version
version_added: 0.1.0
description:
  - Creates a Systems Manager document (C(CreateDocument)), for example the Command document
    (schema 2.2) the C(devsecops.aws.scanner_instance) role ships to run a scan on the scanner host.
  - When the content of the document's default version differs from O(content), adds a new version
    (C(UpdateDocument)) and makes it the default (C(UpdateDocumentDefaultVersion)), so
    C(SendCommand) without a version runs the new content. Content is compared as data, so
    formatting and key order make no difference; a version that already holds the content (an
    earlier run that stopped before setting the default) is made the default without adding another.
  - Neither amazon.aws nor community.aws has a module for SSM documents, hence this one.
  - With O(state=absent), deletes the document and all its versions (C(DeleteDocument)).
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description: The document's name (letters, digits, C(_), C(-) and C(.); not starting with C(AWS) or C(Amazon)).
    type: str
    required: true
  content:
    description:
      - The document's content, as data (a dict) or as JSON or YAML text. It must have a C(schemaVersion).
      - Required with O(state=present).
    type: raw
  document_type:
    description: The document's type. It cannot change once the document exists.
    type: str
    choices: [Command, Automation, Session, Policy, ApplicationConfigurationSchema]
    default: Command
  target_type:
    description: The resource type the document may run on, such as C(/AWS::EC2::Instance); omitted, any.
    type: str
  tags:
    description: Tags of the document.
    type: dict
    aliases: [resource_tags]
  purge_tags:
    description: Remove tags not listed in O(tags). Ignored when O(tags) is not given.
    type: bool
    default: true
  state:
    description: Whether the document exists.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(ssm:DescribeDocument), C(ssm:GetDocument), C(ssm:CreateDocument), C(ssm:UpdateDocument),
    C(ssm:UpdateDocumentDefaultVersion), C(ssm:DeleteDocument), C(ssm:ListTagsForResource),
    C(ssm:AddTagsToResource) and C(ssm:RemoveTagsFromResource).
  - The content is sent as JSON; a document is at most 64 KB.
"""

EXAMPLES = r"""
- name: Ship the scan document
  devsecops.aws.ssm_document:
    name: devsecops-scan
    content: "{{ lookup('ansible.builtin.file', 'scan-document.yml') | ansible.builtin.from_yaml }}"
    target_type: /AWS::EC2::Instance
    tags:
      devsecops:component: scanner

- name: Remove it
  devsecops.aws.ssm_document:
    name: devsecops-scan
    state: absent
"""

RETURN = r"""
document:
  description: The document after the task; empty when it does not exist (or is only about to, in check mode).
  returned: always
  type: dict
  contains:
    name:
      description: The document's name.
      returned: when it exists
      type: str
      sample: devsecops-scan
    document_type:
      description: The document's type.
      returned: when it exists
      type: str
      sample: Command
    default_version:
      description: The version C(SendCommand) runs when given none.
      returned: when it exists
      type: str
      sample: "2"
    latest_version:
      description: The newest version.
      returned: when it exists
      type: str
      sample: "2"
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
"""

import json

from ansible.module_utils.common.text.converters import to_text
from ansible.module_utils.six import string_types

from ansible_collections.amazon.aws.plugins.module_utils.tagging import ansible_dict_to_boto3_tag_list
from ansible_collections.amazon.aws.plugins.module_utils.tagging import compare_aws_tags

from ansible_collections.devsecops.aws.plugins.module_utils import _ssm as ssm
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report

try:
    import yaml
except ImportError:  # ansible-core requires PyYAML; only a broken install lacks it
    yaml = None


def parse_content(module, content):
    """The content as data, or fail naming what is wrong with it."""
    if isinstance(content, string_types):
        try:
            content = json.loads(content)
        except ValueError:
            try:
                content = yaml.safe_load(content)
            except yaml.YAMLError as e:
                module.fail_json(msg=f"content of SSM document {module.params['name']} is neither JSON nor YAML: {e}")
    if not isinstance(content, dict) or "schemaVersion" not in content:
        module.fail_json(msg=f"content of SSM document {module.params['name']} must be a mapping with a schemaVersion")
    # Ansible may hand over its own string types; JSON round-tripping leaves plain data to compare.
    return json.loads(json.dumps(content, default=to_text))


def wanted_tags(params, current):
    if params["tags"] is None:
        return current
    if params["purge_tags"]:
        return params["tags"]
    return dict(current, **params["tags"])


def new_version(module, client, described, content):
    """Make a version holding `content` the default; return (default, latest) versions after."""
    name = module.params["name"]
    latest = described["LatestVersion"]
    if latest == described["DefaultVersion"] or ssm.content_of(client, name, latest) != content:
        settings = {"TargetType": module.params["target_type"]} if module.params["target_type"] else {}
        latest = ssm.update_document(client, name, json.dumps(content), **settings)["DocumentVersion"]
    ssm.set_default_version(client, name, latest)
    return latest, latest


def apply_tags(client, name, before, after):
    to_add, to_remove = compare_aws_tags(before, after, purge_tags=True)
    if to_remove:
        ssm.remove_tags(client, name, to_remove)
    if to_add:
        ssm.add_tags(client, name, ansible_dict_to_boto3_tag_list(to_add))


def ensure_present(module, client, described, before):
    params = module.params
    content = parse_content(module, params["content"])
    if described and described["DocumentType"] != params["document_type"]:
        module.fail_json(
            msg=f"SSM document {params['name']} is a {described['DocumentType']} document; "
            f"its type cannot change to {params['document_type']} (delete it first)"
        )
    after = {
        "content": content,
        "document_type": params["document_type"],
        "target_type": params["target_type"] or before.get("target_type"),
        "tags": wanted_tags(params, before.get("tags", {})),
    }
    if module.check_mode or before == after:
        return described, after, None
    name = params["name"]
    if described is None:
        settings = {"TargetType": params["target_type"]} if params["target_type"] else {}
        if after["tags"]:
            settings["Tags"] = ansible_dict_to_boto3_tag_list(after["tags"])
        created = ssm.create_document(
            client, Name=name, Content=json.dumps(content), DocumentType=params["document_type"], **settings
        )
        return created, after, (created["DefaultVersion"], created["LatestVersion"])
    versions = None
    if (before["content"], before["target_type"]) != (after["content"], after["target_type"]):
        versions = new_version(module, client, described, content)
    apply_tags(client, name, before["tags"], after["tags"])
    return described, after, versions


def ensure_absent(module, client, described, before):
    if described and not module.check_mode:
        ssm.delete_document(client, module.params["name"])
    return None, {}, None


def main():
    argument_spec = dict(
        name=dict(type="str", required=True),
        content=dict(type="raw"),
        document_type=dict(
            type="str",
            default="Command",
            choices=["Command", "Automation", "Session", "Policy", "ApplicationConfigurationSchema"],
        ),
        target_type=dict(type="str"),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = DevSecOpsAWSModule(
        argument_spec=argument_spec,
        required_if=[("state", "present", ("content",))],
        supports_check_mode=True,
    )
    if yaml is None:
        module.fail_json(msg="PyYAML is needed to read the document's content")
    client = module.client("ssm")
    name = module.params["name"]
    try:
        described, before = ssm.find_document(client, name)
        ensure = ensure_present if module.params["state"] == "present" else ensure_absent
        described, after, versions = ensure(module, client, described, before)
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(**report(module, before, after, document=ssm.describe_state(name, described, after, versions)))


if __name__ == "__main__":
    main()
