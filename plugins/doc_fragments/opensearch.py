# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)


class ModuleDocFragment:
    # Options of the modules that talk to an OpenSearch domain's REST API (DATA_PLANE_OPTIONS in
    # module_utils/_opensearch_objects.py).
    DOCUMENTATION = r"""
options:
  endpoint:
    description:
      - The domain's endpoint, as a host name (RV(devsecops.aws.opensearch_domain#module:endpoint)) or an
        C(https://host[:port]) URL (for example a tunnel to a domain in a VPC). Plain HTTP is refused.
    type: str
    required: true
  username:
    description:
      - Authenticate as this internal user of the security plugin (HTTP basic over TLS) instead of signing
        requests with SigV4 as the AWS identity the module runs as.
    type: str
  password:
    description: The internal user's password.
    type: str
  password_secret_id:
    description:
      - Instead of O(password), the Secrets Manager secret (name or ARN) whose string value is the password; the
        module reads it itself, so it never passes through task variables.
    type: str
notes:
  - Requests are signed with SigV4 for the C(es) service using the module's AWS credentials and region, unless
    O(username) is given; O(validate_certs) and O(aws_ca_bundle) apply to the domain's certificate too.
  - Throttling (HTTP 429) and passing failures (502, 503, 504, dropped connections) are retried with jittered
    exponential backoff.
  - With fine-grained access control the AWS identity must be mapped to a security role that may do what the
    task asks (the C(devsecops.aws.siem) role maps it into C(all_access) and C(security_manager) first).
"""
