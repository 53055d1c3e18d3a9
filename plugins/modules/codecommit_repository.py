# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: codecommit_repository
short_description: Create, update or delete a CodeCommit repository
version_added: 0.1.0
description:
  - Makes a CodeCommit repository exist with the description and tags given (C(CreateRepository),
    C(UpdateRepositoryDescription), C(TagResource), C(UntagResource)), or deletes it with O(state=absent)
    (C(DeleteRepository), which loses its commits).
  - The repository is read by name (C(GetRepository)); C(changed) comes from comparing what is found with
    what is given.
  - C(community.aws.codecommit_repository) finds a repository by listing every repository of the account
    (C(ListRepositories)) and does not manage tags; this module reads the one repository it is about,
    and exists for that reason.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description: The repository's name.
    type: str
    required: true
  description:
    description: The repository's description.
    type: str
    default: ""
  tags:
    description: The repository's tags. Unset leaves them as they are (and does not read them).
    type: dict
    aliases: [resource_tags]
  purge_tags:
    description: Remove the tags not in O(tags).
    type: bool
    default: true
  state:
    description: Whether the repository exists.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(codecommit:GetRepository), C(codecommit:CreateRepository), C(codecommit:UpdateRepositoryDescription),
    C(codecommit:DeleteRepository) and, with O(tags), C(codecommit:ListTagsForResource), C(codecommit:TagResource)
    and C(codecommit:UntagResource).
  - CodeCommit encrypts every repository at rest with KMS (an AWS managed key unless one was given at creation).
"""

EXAMPLES = r"""
- name: The application's repository
  devsecops.aws.codecommit_repository:
    name: webgoat
    description: The application the pipeline builds, scans and deploys
"""

RETURN = r"""
repository:
  description: The repository after the task (predicted in check mode); empty when absent.
  returned: always
  type: dict
  sample:
    repository_name: webgoat
    repository_description: The application the pipeline builds, scans and deploys
    arn: arn:aws:codecommit:us-east-1:123456789012:webgoat
    clone_url_http: https://git-codecommit.us-east-1.amazonaws.com/v1/repos/webgoat
    tags: {}
"""

from ansible.module_utils.common.dict_transformations import camel_dict_to_snake_dict

from ansible_collections.devsecops.aws.plugins.module_utils import _codecommit as codecommit
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import apply_tags, report, wanted_tags


def normalise(repository, tags):
    if not repository:
        return {}
    state = {"description": repository.get("repositoryDescription", "")}
    if tags is not None:
        state["tags"] = tags
    return state


def main():
    argument_spec = dict(
        name=dict(type="str", required=True),
        description=dict(type="str", default=""),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    params = module.params
    name = params["name"]
    client = module.client("codecommit")
    try:
        repository = codecommit.get_repository(client, name)
        held_tags = codecommit.list_tags(client, repository["Arn"]) if repository and params["tags"] is not None else None
        before = normalise(repository, held_tags)
        if params["state"] == "absent":
            after, repository = {}, None
            if before and not module.check_mode:
                codecommit.delete_repository(client, name)
        else:
            after = {"description": params["description"]}
            if params["tags"] is not None:
                after["tags"] = wanted_tags(held_tags or {}, params["tags"], params["purge_tags"])
            if not module.check_mode:
                if not repository:
                    repository = codecommit.create_repository(client, name, params["description"], after.get("tags"))
                else:
                    if before["description"] != after["description"]:
                        codecommit.update_description(client, name, params["description"])
                        repository = dict(repository, repositoryDescription=params["description"])
                    if "tags" in after:
                        apply_tags(
                            held_tags,
                            after["tags"],
                            lambda tags: codecommit.tag(client, repository["Arn"], tags),
                            lambda keys: codecommit.untag(client, repository["Arn"], keys),
                        )
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    result = {}
    if after:
        result = camel_dict_to_snake_dict(dict(repository or {}, repositoryName=name, repositoryDescription=after["description"]))
        result["tags"] = after.get("tags", {})
    module.exit_json(**report(module, before, after, repository=result))


if __name__ == "__main__":
    main()
