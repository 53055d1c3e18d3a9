# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: config_conformance_pack
short_description: Deploy an AWS Config conformance pack from a template
version_added: 0.1.0
description:
  - Deploys or updates a conformance pack (C(PutConformancePack)) from a template, or deletes it
    (C(DeleteConformancePack)) with O(state=absent).
  - AWS Config does not give a pack's template back, so the module tags the pack with the template's
    SHA-256 (C(devsecops:template-sha256)) and redeploys only when the template, the delivery bucket or the
    input parameters differ.
  - A template over 51,200 bytes (C(TemplateBody)'s limit) is uploaded to O(template_s3_bucket) and passed
    as C(TemplateS3Uri).
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  name:
    description: The conformance pack's name.
    type: str
    required: true
  template_body:
    description: The template (YAML or JSON), for example from C(lookup('ansible.builtin.file', path)). Required with O(state=present).
    type: str
  template_s3_bucket:
    description: Bucket that large templates are uploaded to; required for a template over 51,200 bytes.
    type: str
  template_s3_key_prefix:
    description: Prefix of the uploaded template's key (C(<prefix><name>.yaml)).
    type: str
    default: conformance-packs/
  delivery_s3_bucket:
    description: Bucket AWS Config delivers the pack's evaluation results to; unset means none.
    type: str
  delivery_s3_key_prefix:
    description: Prefix of the delivered results.
    type: str
  input_parameters:
    description: Values for the template's parameters.
    type: dict
    default: {}
  state:
    description: Whether the conformance pack is deployed.
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
notes:
  - Needs C(config:DescribeConformancePacks), C(config:PutConformancePack), C(config:DeleteConformancePack),
    C(config:ListTagsForResource), C(config:TagResource), and C(s3:PutObject) on O(template_s3_bucket) for large templates.
  - The account needs a configuration recorder first.
"""

EXAMPLES = r"""
- name: Deploy the K-ISMS conformance pack the collection ships
  devsecops.aws.config_conformance_pack:
    name: devsecops-k-isms-part-1
    template_body: "{{ lookup('ansible.builtin.file', 'conformance_packs/k-isms-part-1.yaml') }}"
    template_s3_bucket: 123456789012-config
    delivery_s3_bucket: 123456789012-config

- name: Remove it
  devsecops.aws.config_conformance_pack:
    name: devsecops-k-isms-part-1
    state: absent
"""

RETURN = r"""
arn:
  description: The pack's ARN; empty when it does not exist (or only would, in check mode).
  returned: always
  type: str
  sample: arn:aws:config:us-east-1:123456789012:conformance-pack/devsecops-k-isms-part-1/conformance-pack-abcdefghi
conformance_pack:
  description: The pack after the task; empty when it does not exist.
  returned: always
  type: dict
  sample:
    name: devsecops-k-isms-part-1
    template_sha256: 3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b
    delivery_s3_bucket: 123456789012-config
    delivery_s3_key_prefix: null
    input_parameters: {}
"""

import hashlib

from ansible_collections.devsecops.aws.plugins.module_utils import _config as config
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule, DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._state import report

HASH_TAG = "devsecops:template-sha256"
TEMPLATE_BODY_LIMIT = 51200


def find(client, name):
    """(ARN, normalised pack) or (None, {})."""
    pack = config.get_conformance_pack(client, name)
    if pack is None:
        return None, {}
    tags = {tag["Key"]: tag["Value"] for tag in config.list_tags(client, pack["ConformancePackArn"])}
    return pack["ConformancePackArn"], {
        "name": pack["ConformancePackName"],
        "template_sha256": tags.get(HASH_TAG),
        "delivery_s3_bucket": pack.get("DeliveryS3Bucket") or None,
        "delivery_s3_key_prefix": pack.get("DeliveryS3KeyPrefix") or None,
        "input_parameters": config.pack_input_parameters(pack),
    }


def wanted(params):
    return {
        "name": params["name"],
        "template_sha256": hashlib.sha256(params["template_body"].encode("utf-8")).hexdigest(),
        "delivery_s3_bucket": params["delivery_s3_bucket"] or None,
        "delivery_s3_key_prefix": params["delivery_s3_key_prefix"] or None,
        "input_parameters": {key: str(value) for key, value in params["input_parameters"].items()},
    }


def template_source(module, after):
    """TemplateBody, or TemplateS3Uri after uploading a template too large to send inline."""
    params = module.params
    body = params["template_body"]
    if len(body.encode("utf-8")) <= TEMPLATE_BODY_LIMIT:
        return {"TemplateBody": body}
    if not params["template_s3_bucket"]:
        module.fail_json(
            msg=f"the template of conformance pack {after['name']} is over {TEMPLATE_BODY_LIMIT} bytes: "
            "set template_s3_bucket so it can go through S3"
        )
    key = f"{params['template_s3_key_prefix']}{after['name']}.yaml"
    config.upload_template(module.client("s3"), params["template_s3_bucket"], key, body)
    return {"TemplateS3Uri": f"s3://{params['template_s3_bucket']}/{key}"}


def ensure_present(module, client, arn, before):
    after = wanted(module.params)
    if before == after or module.check_mode:
        return arn, after
    request = dict(template_source(module, after), ConformancePackName=after["name"])
    if after["delivery_s3_bucket"]:
        request["DeliveryS3Bucket"] = after["delivery_s3_bucket"]
    if after["delivery_s3_key_prefix"]:
        request["DeliveryS3KeyPrefix"] = after["delivery_s3_key_prefix"]
    if after["input_parameters"]:
        request["ConformancePackInputParameters"] = [
            {"ParameterName": key, "ParameterValue": value} for key, value in sorted(after["input_parameters"].items())
        ]
    arn = config.put_conformance_pack(client, **request)
    # Tags passed to PutConformancePack apply only when the pack is created; TagResource also updates them.
    config.tag_resource(client, arn, [{"Key": HASH_TAG, "Value": after["template_sha256"]}])
    return arn, after


def ensure_absent(module, client, arn, before):
    if before and not module.check_mode:
        config.delete_conformance_pack(client, module.params["name"])
    return None, {}


def main():
    argument_spec = dict(
        name=dict(type="str", required=True),
        template_body=dict(type="str"),
        template_s3_bucket=dict(type="str"),
        template_s3_key_prefix=dict(type="str", default="conformance-packs/", no_log=False),
        delivery_s3_bucket=dict(type="str"),
        delivery_s3_key_prefix=dict(type="str", no_log=False),
        input_parameters=dict(type="dict", default={}),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = DevSecOpsAWSModule(
        argument_spec=argument_spec, required_if=[("state", "present", ("template_body",))], supports_check_mode=True
    )
    client = module.client("config")
    try:
        arn, before = find(client, module.params["name"])
        ensure = ensure_present if module.params["state"] == "present" else ensure_absent
        arn, after = ensure(module, client, arn, before)
    except DevSecOpsError as e:
        module.fail_json_aws_error(e)
    module.exit_json(**report(module, before, after, arn=arn or "", conformance_pack=after))


if __name__ == "__main__":
    main()
