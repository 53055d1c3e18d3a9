# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: iam_openid_connect_provider
short_description: Manage an IAM OpenID Connect identity provider (for EKS IAM roles for service accounts)
version_added: 1.0.0
description:
  - Creates the IAM OIDC provider for an issuer (an EKS cluster's C(oidc_issuer)), or brings an
    existing one to the client ids, thumbprints and tags given. IRSA roles trust this provider.
  - amazon.aws and community.aws have no module for OIDC providers.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  url:
    description: The issuer URL (C(https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE)).
    type: str
    required: true
  client_ids:
    description: Audiences allowed; C(sts.amazonaws.com) for IRSA.
    type: list
    elements: str
    default: [sts.amazonaws.com]
  thumbprints:
    description:
      - SHA-1 thumbprints of the issuer's certificate chain. IAM no longer checks them for issuers
        it trusts by their own certificate authority (EKS among them), so none are needed there.
    type: list
    elements: str
    default: []
  state:
    description: Whether the provider exists.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.tags
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(iam:ListOpenIDConnectProviders), C(iam:GetOpenIDConnectProvider), C(iam:CreateOpenIDConnectProvider),
    C(iam:AddClientIDToOpenIDConnectProvider), C(iam:RemoveClientIDFromOpenIDConnectProvider),
    C(iam:UpdateOpenIDConnectProviderThumbprint), C(iam:TagOpenIDConnectProvider),
    C(iam:UntagOpenIDConnectProvider), C(iam:DeleteOpenIDConnectProvider).
"""

EXAMPLES = r"""
- name: Trust the cluster's service account tokens
  devsecops.aws.iam_openid_connect_provider:
    url: "{{ cluster.cluster.oidc_issuer }}"
"""

RETURN = r"""
arn:
  description: The provider's ARN; empty when there is none (or only about to be one, in check mode).
  returned: always
  type: str
  sample: arn:aws:iam::123456789012:oidc-provider/oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLE
provider:
  description: The managed settings after the task; empty when absent.
  returned: always
  type: dict
  sample: {"client_ids": ["sts.amazonaws.com"], "thumbprints": [], "tags": {}}
"""

from ansible_collections.amazon.aws.plugins.module_utils.tagging import (
    ansible_dict_to_boto3_tag_list,
    boto3_tag_list_to_ansible_dict,
)

from ansible_collections.devsecops.aws.plugins.module_utils import _iam_oidc as oidc
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import apply_tags, report, wanted_tags


def found_state(provider):
    if provider is None:
        return {}
    return {
        "client_ids": sorted(provider.get("ClientIDList") or []),
        "thumbprints": sorted(provider.get("ThumbprintList") or []),
        "tags": boto3_tag_list_to_ansible_dict(provider.get("Tags") or []),
    }


def wanted_state(params, before):
    return {
        "client_ids": sorted(params["client_ids"]),
        "thumbprints": sorted(params["thumbprints"]),
        "tags": wanted_tags(before.get("tags", {}), params["tags"], params["purge_tags"]),
    }


def ensure_present(module, client, arn, before):
    wanted = wanted_state(module.params, before)
    if before == wanted or module.check_mode:
        return arn, wanted
    if arn is None:
        request = {"Url": module.params["url"], "ClientIDList": wanted["client_ids"]}
        if wanted["thumbprints"]:
            request["ThumbprintList"] = wanted["thumbprints"]
        if wanted["tags"]:
            request["Tags"] = ansible_dict_to_boto3_tag_list(wanted["tags"])
        return oidc.create_provider(client, **request), wanted
    for client_id in sorted(set(wanted["client_ids"]) - set(before["client_ids"])):
        oidc.add_client_id(client, arn, client_id)
    for client_id in sorted(set(before["client_ids"]) - set(wanted["client_ids"])):
        oidc.remove_client_id(client, arn, client_id)
    if before["thumbprints"] != wanted["thumbprints"]:
        oidc.update_thumbprints(client, arn, wanted["thumbprints"])
    apply_tags(
        before["tags"],
        wanted["tags"],
        lambda tags: oidc.tag_provider(client, arn, tags),
        lambda keys: oidc.untag_provider(client, arn, keys),
    )
    return arn, wanted


def ensure_absent(module, client, arn, before):
    if arn and not module.check_mode:
        oidc.delete_provider(client, arn)
    return None, {}


def main():
    argument_spec = dict(
        url=dict(type="str", required=True),
        client_ids=dict(type="list", elements="str", default=["sts.amazonaws.com"]),
        thumbprints=dict(type="list", elements="str", default=[]),
        tags=dict(type="dict", aliases=["resource_tags"]),
        purge_tags=dict(type="bool", default=True),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = DevSecOpsAWSModule(argument_spec=argument_spec, supports_check_mode=True)
    if not module.params["url"].startswith("https://"):
        module.fail_json(msg=f"url must be an https:// issuer URL, got {module.params['url']!r}")
    client = module.client("iam")
    try:
        arn, provider = oidc.find_provider(client, module.params["url"])
        before = found_state(provider)
        ensure = ensure_present if module.params["state"] == "present" else ensure_absent
        arn, after = ensure(module, client, arn, before)
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(**report(module, before, after, arn=arn or "", provider=after))


if __name__ == "__main__":
    main()
