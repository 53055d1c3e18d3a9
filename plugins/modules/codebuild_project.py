# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: codebuild_project
short_description: Create, update or delete a CodeBuild project
version_added: 0.1.0
description:
  - Makes a CodeBuild project match the settings given (C(CreateProject), C(UpdateProject)) or deletes it
    (C(DeleteProject)) with O(state=absent).
  - The project is read with C(BatchGetProjects) and compared with what is given; the module updates it and
    reports a change only when a given setting differs. Settings not given are left as they are.
  - C(community.aws.codebuild_project) calls C(UpdateProject) on every run of an existing project and reports
    it changed each time; this module exists for that reason.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description: The project's name.
    type: str
    required: true
  description:
    description: What the project does.
    type: str
  source:
    description:
      - The project's source, with the keys of the CreateProject API (C(type), C(buildspec), C(location), ...).
      - A C(CODEPIPELINE) source takes its input from the pipeline; C(buildspec) may be the buildspec's text.
    type: dict
  artifacts:
    description: The project's artifacts, with the keys of the CreateProject API (C(type), C(location), ...).
    type: dict
  environment:
    description:
      - The build environment, with the keys of the CreateProject API (C(type), C(image), C(computeType),
        C(privilegedMode), C(environmentVariables)).
      - Give secrets as C(PARAMETER_STORE) or C(SECRETS_MANAGER) environment variables (their value is the
        parameter's or secret's name); a C(PLAINTEXT) value is shown in the console and the API.
    type: dict
  service_role:
    description: The ARN of the role the builds run with. Required to create a project.
    type: str
  timeout_in_minutes:
    description: How long a build may run.
    type: int
  queued_timeout_in_minutes:
    description: How long a build may wait in the queue.
    type: int
  encryption_key:
    description: The ARN of the KMS key that encrypts the build's artifacts.
    type: str
  logs_config:
    description: Where builds log, with the keys of the CreateProject API (C(cloudWatchLogs), C(s3Logs)).
    type: dict
  tags:
    description: The project's tags. Unset leaves them as they are.
    type: dict
    aliases: [resource_tags]
  purge_tags:
    description: Remove the tags not in O(tags).
    type: bool
    default: true
  state:
    description: Whether the project exists.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(codebuild:BatchGetProjects), C(codebuild:CreateProject), C(codebuild:UpdateProject),
    C(codebuild:DeleteProject) and C(iam:PassRole) on the service role.
"""

EXAMPLES = r"""
- name: The pipeline's deploy project
  devsecops.aws.codebuild_project:
    name: devsecops-deploy
    description: Runs devsecops.aws.deploy for the image the build pushed
    service_role: arn:aws:iam::123456789012:role/devsecops-deploy
    source:
      type: CODEPIPELINE
      buildspec: "{{ lookup('ansible.builtin.file', 'buildspecs/deploy.yml') }}"
    artifacts:
      type: CODEPIPELINE
    environment:
      type: LINUX_CONTAINER
      image: aws/codebuild/standard:7.0
      computeType: BUILD_GENERAL1_SMALL
      privilegedMode: false
      environmentVariables:
        - {name: SLACK_WEBHOOK, value: /devsecops/slack-webhook, type: PARAMETER_STORE}
    logs_config:
      cloudWatchLogs: {status: ENABLED, groupName: /aws/codebuild/devsecops-deploy}
"""

RETURN = r"""
project:
  description: The settings the module manages after the task (predicted in check mode), in snake_case; empty when absent.
  returned: always
  type: dict
  sample:
    name: devsecops-deploy
    service_role: arn:aws:iam::123456789012:role/devsecops-deploy
    environment: {type: LINUX_CONTAINER, image: aws/codebuild/standard:7.0, privileged_mode: false}
    tags: {Project: devsecops}
"""

from ansible_collections.amazon.aws.plugins.module_utils.tagging import ansible_dict_to_boto3_tag_list
from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_list_to_ansible_dict
from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.devsecops.aws.plugins.module_utils import _codebuild as codebuild
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._opensearch_objects import contains
from ansible_collections.devsecops.aws.plugins.module_utils._state import report, wanted_tags

# Option name -> the API's key; the dict options are given in the API's own shape.
SETTINGS = {
    "description": "description",
    "source": "source",
    "artifacts": "artifacts",
    "environment": "environment",
    "service_role": "serviceRole",
    "timeout_in_minutes": "timeoutInMinutes",
    "queued_timeout_in_minutes": "queuedTimeoutInMinutes",
    "encryption_key": "encryptionKey",
    "logs_config": "logsConfig",
}


def normalise(project):
    """What the module compares: the settings it manages, tags as a dict."""
    if not project:
        return {}
    state = {key: project[key] for key in SETTINGS.values() if key in project}
    state["tags"] = boto3_tag_list_to_ansible_dict(project.get("tags", []), "key", "value")
    return state


def desired(params, found):
    wanted = {api: params[option] for option, api in SETTINGS.items() if params[option] is not None}
    wanted["tags"] = wanted_tags(found.get("tags", {}), params["tags"], params["purge_tags"])
    return wanted


def request(name, wanted):
    settings = {key: value for key, value in wanted.items() if key != "tags"}
    return dict(settings, name=name, tags=ansible_dict_to_boto3_tag_list(wanted["tags"], "key", "value"))


def ensure_present(module, client, name, found):
    """The project's state after the task (the state predicted in check mode)."""
    wanted = desired(module.params, found)
    if found and contains(found, wanted) and found["tags"] == wanted["tags"]:
        return found
    if not found and not module.params["service_role"]:
        module.fail_json(msg=f"CodeBuild project {name} does not exist: give service_role to create it")
    if module.check_mode:
        return dict(found, **wanted)
    write = codebuild.update_project if found else codebuild.create_project
    return normalise(write(client, request(name, wanted)))


def main():
    argument_spec = dict(
        name=dict(type="str", required=True),
        description=dict(type="str"),
        source=dict(type="dict"),
        artifacts=dict(type="dict"),
        environment=dict(type="dict"),
        service_role=dict(type="str"),
        timeout_in_minutes=dict(type="int"),
        queued_timeout_in_minutes=dict(type="int"),
        encryption_key=dict(type="str", no_log=False),
        logs_config=dict(type="dict"),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    name = module.params["name"]
    client = module.client("codebuild")
    try:
        found = normalise(codebuild.get_project(client, name))
        if module.params["state"] == "absent":
            after = {}
            if found and not module.check_mode:
                codebuild.delete_project(client, name)
        else:
            after = ensure_present(module, client, name, found)
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    project = dict(camel_dict_to_snake_dict({k: v for k, v in after.items() if k != "tags"}), tags=after.get("tags", {})) if after else {}
    module.exit_json(**report(module, found, after, project=project))


if __name__ == "__main__":
    main()
