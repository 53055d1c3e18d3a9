# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: codepipeline
short_description: Create, update or delete a CodePipeline pipeline
version_added: 0.1.0
description:
  - Makes a pipeline match the structure given (C(CreatePipeline), C(UpdatePipeline)) or deletes it
    (C(DeletePipeline)) with O(state=absent).
  - The pipeline is read (C(GetPipeline)) and compared with what is given, the defaults AWS fills in
    (an action's C(runOrder) 1, empty artifact lists) taken into account; it is updated only when they differ.
  - C(community.aws.codepipeline) calls C(UpdatePipeline) on every run and reports a change each time; on AWS
    each call makes a new pipeline version. This module exists for that reason.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description: The pipeline's name.
    type: str
    required: true
  role_arn:
    description: The ARN of the role CodePipeline runs the pipeline with. Required with O(state=present).
    type: str
  artifact_store:
    description: Where artifacts go, with the keys of the CreatePipeline API (C(type), C(location), C(encryptionKey)).
    type: dict
  stages:
    description: The stages, in order, with the keys of the CreatePipeline API (C(name), C(actions)).
    type: list
    elements: dict
  pipeline_type:
    description: The pipeline type.
    type: str
    choices: [V1, V2]
    default: V2
  execution_mode:
    description: How runs of the pipeline are handled when one is already running.
    type: str
    choices: [QUEUED, SUPERSEDED, PARALLEL]
    default: QUEUED
  tags:
    description: The pipeline's tags. Unset leaves them as they are (and does not read them).
    type: dict
    aliases: [resource_tags]
  purge_tags:
    description: Remove the tags not in O(tags).
    type: bool
    default: true
  state:
    description: Whether the pipeline exists.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(codepipeline:GetPipeline), C(codepipeline:CreatePipeline), C(codepipeline:UpdatePipeline),
    C(codepipeline:DeletePipeline), C(iam:PassRole) on the role and, with O(tags),
    C(codepipeline:ListTagsForResource), C(codepipeline:TagResource) and C(codepipeline:UntagResource).
"""

EXAMPLES = r"""
- name: Build every commit of main
  devsecops.aws.codepipeline:
    name: devsecops
    role_arn: arn:aws:iam::123456789012:role/devsecops-pipeline
    artifact_store:
      type: S3
      location: 123456789012-devsecops-pipeline-artifacts
      encryptionKey: {id: "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab", type: KMS}
    stages:
      - name: Source
        actions:
          - name: Source
            actionTypeId: {category: Source, owner: AWS, provider: CodeCommit, version: "1"}
            configuration: {RepositoryName: webgoat, BranchName: main, PollForSourceChanges: "false"}
            outputArtifacts: [{name: source}]
      - name: Build
        actions:
          - name: Build
            actionTypeId: {category: Build, owner: AWS, provider: CodeBuild, version: "1"}
            configuration: {ProjectName: devsecops-build}
            inputArtifacts: [{name: source}]
"""

RETURN = r"""
pipeline:
  description: The pipeline's structure after the task (predicted in check mode), as the API shapes it; empty when absent.
  returned: always
  type: dict
  sample:
    name: devsecops
    roleArn: arn:aws:iam::123456789012:role/devsecops-pipeline
    version: 2
    stages: [{name: Source, actions: []}]
arn:
  description: The pipeline's ARN; empty when absent or not created yet.
  returned: always
  type: str
  sample: arn:aws:codepipeline:us-east-1:123456789012:devsecops
"""

from ansible_collections.amazon.aws.plugins.module_utils.tagging import ansible_dict_to_boto3_tag_list
from ansible_collections.amazon.aws.plugins.module_utils.tagging import boto3_tag_list_to_ansible_dict

from ansible_collections.devsecops.aws.plugins.module_utils import _codepipeline as codepipeline
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._opensearch_objects import contains
from ansible_collections.devsecops.aws.plugins.module_utils._state import apply_tags, report, wanted_tags

# What GetPipeline answers for an action that did not say.
ACTION_DEFAULTS = {"runOrder": 1, "inputArtifacts": [], "outputArtifacts": []}


def structure(params):
    """The pipeline as CreatePipeline takes it, with the defaults AWS fills in."""
    stages = [
        dict(stage, actions=[dict(ACTION_DEFAULTS, **action) for action in stage.get("actions", [])]) for stage in params["stages"]
    ]
    return {
        "name": params["name"],
        "roleArn": params["role_arn"],
        "artifactStore": params["artifact_store"],
        "stages": stages,
        "pipelineType": params["pipeline_type"],
        "executionMode": params["execution_mode"],
    }


def without_empty_configuration(stages):
    # An action without configuration (a manual approval) may come back with an empty one.
    return [
        dict(stage, actions=[{k: v for k, v in action.items() if k != "configuration" or v} for action in stage.get("actions", [])])
        for stage in stages or []
    ]


def matches(found, wanted):
    """The stages exactly (an action removed or a key dropped is a change), the rest as far as given:
    GetPipeline also answers what AWS keeps about the pipeline (its version, V2 defaults)."""
    rest = {key: value for key, value in wanted.items() if key != "stages"}
    return without_empty_configuration(found.get("stages")) == without_empty_configuration(wanted["stages"]) and contains(found, rest)


def main():
    argument_spec = dict(
        name=dict(type="str", required=True),
        role_arn=dict(type="str"),
        artifact_store=dict(type="dict"),
        stages=dict(type="list", elements="dict"),
        pipeline_type=dict(type="str", choices=["V1", "V2"], default="V2"),
        execution_mode=dict(type="str", choices=["QUEUED", "SUPERSEDED", "PARALLEL"], default="QUEUED"),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = DevSecOpsAWSModule(
        argument_spec=argument_spec,
        required_if=[("state", "present", ("role_arn", "artifact_store", "stages"))],
        supports_check_mode=True,
    )
    params = module.params
    client = module.client("codepipeline")
    try:
        found = codepipeline.get_pipeline(client, params["name"])
        arn = found["metadata"]["pipelineArn"] if found else ""
        held_tags = None
        if found and params["tags"] is not None:
            held_tags = boto3_tag_list_to_ansible_dict(codepipeline.list_tags(client, arn), "key", "value")
        before = {"pipeline": found["pipeline"]} if found else {}
        if held_tags is not None:
            before["tags"] = held_tags
        if params["state"] == "absent":
            after, pipeline = {}, {}
            if found and not module.check_mode:
                codepipeline.delete_pipeline(client, params["name"])
            arn = ""
        else:
            pipeline = structure(params)
            # Unchanged, the pipeline reads as found (the diff shows no difference).
            after = {"pipeline": found["pipeline"] if found and matches(found["pipeline"], pipeline) else pipeline}
            if params["tags"] is not None:
                after["tags"] = wanted_tags(held_tags or {}, params["tags"], params["purge_tags"])
            if not module.check_mode:
                if not found:
                    pipeline = codepipeline.create_pipeline(
                        client, pipeline, ansible_dict_to_boto3_tag_list(after.get("tags") or {}, "key", "value")
                    )
                    arn = codepipeline.get_pipeline(client, params["name"])["metadata"]["pipelineArn"]
                else:
                    pipeline = after["pipeline"]
                    if pipeline is not found["pipeline"]:
                        pipeline = codepipeline.update_pipeline(client, pipeline)
                    if "tags" in after:
                        apply_tags(
                            held_tags,
                            after["tags"],
                            lambda tags: codepipeline.tag(client, arn, ansible_dict_to_boto3_tag_list(tags, "key", "value")),
                            lambda keys: codepipeline.untag(client, arn, keys),
                        )
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(**report(module, before, after, pipeline=pipeline, arn=arn))


if __name__ == "__main__":
    main()
