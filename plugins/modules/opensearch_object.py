# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

DOCUMENTATION = r"""
module: opensearch_object
short_description: Apply an object to an OpenSearch domain's REST API idempotently
version_added: 0.1.0
description:
  - Reads an object from an OpenSearch domain, compares it with O(body) and writes it only when they differ, or
    deletes it with O(state=absent). The kinds are index templates, Index State Management policies, security
    roles and role mappings (fine-grained access control), alerting monitors and OpenSearch Dashboards saved
    objects; Slack channels of the Notifications plugin have their own module,
    M(devsecops.aws.opensearch_notification_channel), because their webhook is a secret.
  - The object is up to date when everything O(body) says, the domain says too; what the server adds on its own
    (ISM retry defaults, trigger ids, the security plugin's C(reserved) flag, the mapping's type defaults) does
    not count as a difference. Index settings compare as the domain reports them with C(flat_settings).
  - Neither amazon.aws nor community.aws reaches the OpenSearch REST API; this module does, signing with SigV4.
author:
  - devsecops.aws maintainers (!UNKNOWN)
options:
  kind:
    description:
      - V(index_template) is C(/_index_template/<name>) (O(body) as that API takes it).
      - V(ism_policy) is C(/_plugins/_ism/policies/<name>) (O(body) is the C(policy) object); updates carry
        C(if_seq_no) and C(if_primary_term).
      - V(security_role) is C(/_plugins/_security/api/roles/<name>).
      - V(role_mapping) is C(/_plugins/_security/api/rolesmapping/<name>); the C(backend_roles), C(hosts), C(users)
        and C(and_backend_roles) in O(body) are added to the mapping's members (with O(state=absent), removed),
        keeping members the task does not name, such as the master user.
      - V(monitor) is an alerting monitor found by its name (C(/_plugins/_alerting/monitors/_search)), created with
        C(POST /_plugins/_alerting/monitors) and updated by id.
      - V(saved_object) is a Dashboards saved object named C(<type>/<id>) (C(/_dashboards/api/saved_objects/...));
        O(body) has C(attributes) and C(references). Attributes Dashboards keeps as JSON text (C(visState),
        C(uiStateJSON), C(panelsJSON), C(optionsJSON), C(kibanaSavedObjectMeta.searchSourceJSON)) may be given as
        objects; they are sent, and compared, as JSON text with sorted keys.
    type: str
    required: true
    choices: [index_template, ism_policy, security_role, role_mapping, monitor, saved_object]
  name:
    description: The object's name (a monitor's name; C(<type>/<id>) for a saved object).
    type: str
    required: true
  body:
    description: The object. Required with O(state=present), and for a role mapping also with O(state=absent).
    type: dict
  tenant:
    description: The Dashboards tenant a saved object belongs to (C(securitytenant) header).
    type: str
    default: global
  state:
    description: Whether the object exists (for a role mapping, whether the members in O(body) belong to it).
    type: str
    choices: [present, absent]
    default: present
extends_documentation_fragment:
  - devsecops.aws.opensearch
  - devsecops.aws.attributes
  - amazon.aws.common.modules
  - amazon.aws.region.modules
  - amazon.aws.boto3
"""

EXAMPLES = r"""
- name: Keep WAF log indices for 90 days
  devsecops.aws.opensearch_object:
    endpoint: "{{ domain.endpoint }}"
    kind: ism_policy
    name: devsecops-siem-retention
    body:
      description: Delete SIEM indices after 90 days
      default_state: hot
      states:
        - name: hot
          actions: []
          transitions: [{state_name: delete, conditions: {min_index_age: 90d}}]
        - name: delete
          actions: [{delete: {}}]
          transitions: []
      ism_template: [{index_patterns: ["waf-logs-*"], priority: 100}]

- name: Let the Firehose role write through fine-grained access control
  devsecops.aws.opensearch_object:
    endpoint: "{{ domain.endpoint }}"
    kind: role_mapping
    name: devsecops_firehose
    body:
      backend_roles: [arn:aws:iam::123456789012:role/devsecops-siem-firehose]
"""

RETURN = r"""
object:
  description: The object as the domain holds it after the task (as it would, in check mode); empty when it does not exist.
  returned: always
  type: dict
  sample: {index_patterns: ["waf-logs-*"], priority: 100}
"""

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsAWSModule
from ansible_collections.devsecops.aws.plugins.module_utils._opensearch_objects import (
    DATA_PLANE_EXCLUSIVE,
    DATA_PLANE_OPTIONS,
    apply_from_module,
)

# Every kind but notification_channel, which has a module of its own for its secret.
OBJECT_KINDS = ["index_template", "ism_policy", "security_role", "role_mapping", "monitor", "saved_object"]


def main():
    argument_spec = dict(
        DATA_PLANE_OPTIONS,
        kind=dict(type="str", required=True, choices=OBJECT_KINDS),
        name=dict(type="str", required=True),
        body=dict(type="dict"),
        tenant=dict(type="str", default="global"),
        state=dict(type="str", choices=["present", "absent"], default="present"),
    )
    module = DevSecOpsAWSModule(
        argument_spec=argument_spec,
        required_if=[("state", "present", ("body",)), ("kind", "role_mapping", ("body",))],
        mutually_exclusive=DATA_PLANE_EXCLUSIVE,
        supports_check_mode=True,
    )
    params = module.params
    headers = {"securitytenant": params["tenant"]} if params["kind"] == "saved_object" else None
    apply_from_module(module, params["kind"], params["name"], params["body"] or {}, headers=headers)


if __name__ == "__main__":
    main()
