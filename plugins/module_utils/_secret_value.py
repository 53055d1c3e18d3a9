# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

A secret's value, for the modules that need one to do their work (a master user's password, a Slack
webhook): read by the module itself, so it never passes through task variables, and registered with
no_log so it never lands in output. _secretsmanager.py reads only metadata.
"""

from ansible_collections.devsecops.aws.plugins.module_utils._aws import ResourceNotFoundErrorHandler


@ResourceNotFoundErrorHandler.list_error_handler("read the secret")
def secret_string(client, secret_id):
    """The secret's string value, or None when there is no such secret."""
    return client.get_secret_value(SecretId=secret_id, aws_retry=True).get("SecretString", "")


def read_secret(module, secret_id, what):
    """The secret's value, registered with no_log; a missing secret fails the task, or in check mode (where
    an earlier task would have created it) ends it with the change predicted."""
    value = secret_string(module.client("secretsmanager"), secret_id)
    if value is None:
        if module.check_mode:
            module.warn(f"secret {secret_id} ({what}) does not exist yet: assuming it will, and a change")
            module.exit_json(changed=True)
        module.fail_json(msg=f"secret {secret_id} ({what}) does not exist")
    module.no_log_values.add(value)
    return value
