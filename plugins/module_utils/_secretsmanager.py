# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

AWS Secrets Manager metadata and resource policies. Nothing here reads a secret's value
(GetSecretValue): the _info module shows only what may land in a log.
"""

from ansible_collections.devsecops.aws.plugins.module_utils._aws import ResourceNotFoundErrorHandler


@ResourceNotFoundErrorHandler.list_error_handler("describe the secret")
def describe_secret(client, secret_id):
    return client.describe_secret(SecretId=secret_id, aws_retry=True)


@ResourceNotFoundErrorHandler.list_error_handler("read the secret's resource policy")
def get_resource_policy(client, secret_id):
    """The policy's JSON text, or None when the secret has none."""
    return client.get_resource_policy(SecretId=secret_id, aws_retry=True).get("ResourcePolicy")
