# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

Amazon Inspector (Inspector2) scanning by account and resource type. One small function per API call.
"""

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsError
from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsErrorHandler

# Resource types as Enable/Disable name them, and as BatchGetAccountStatus's resourceState keys them.
RESOURCE_STATE_KEYS = {
    "EC2": "ec2",
    "ECR": "ecr",
    "LAMBDA": "lambda",
    "LAMBDA_CODE": "lambdaCode",
    "CODE_REPOSITORY": "codeRepository",
}
# ENABLING is on its way to ENABLED: asking again would not make it sooner.
ON_STATUSES = ("ENABLED", "ENABLING")


class Inspector2ErrorHandler(DevSecOpsErrorHandler):
    pass


@Inspector2ErrorHandler.common_error_handler("read the Inspector account status")
def batch_get_account_status(client, account_ids):
    return client.batch_get_account_status(accountIds=account_ids, aws_retry=True)


@Inspector2ErrorHandler.common_error_handler("enable Inspector scanning")
def enable(client, account_ids, resource_types):
    return client.enable(accountIds=account_ids, resourceTypes=resource_types, aws_retry=True)


@Inspector2ErrorHandler.common_error_handler("disable Inspector scanning")
def disable(client, account_ids, resource_types):
    return client.disable(accountIds=account_ids, resourceTypes=resource_types, aws_retry=True)


def enabled_resource_types(client, account_ids):
    """{account id: sorted resource types on}; an account Inspector has never seen has none."""
    response = batch_get_account_status(client, account_ids)
    raise_failed_accounts(response)
    result = {account_id: [] for account_id in account_ids}
    for account in response["accounts"]:
        state = account.get("resourceState") or {}
        result[account["accountId"]] = sorted(
            resource_type
            for resource_type, key in RESOURCE_STATE_KEYS.items()
            if (state.get(key) or {}).get("status") in ON_STATUSES
        )
    return result


def raise_failed_accounts(response, action="read the Inspector account status"):
    """Inspector answers 200 even when it could not act for some accounts (failedAccounts)."""
    failed = response.get("failedAccounts") or []
    if failed:
        details = "; ".join(f"{f['accountId']}: {f.get('errorCode')} {f.get('errorMessage')}" for f in failed)
        raise DevSecOpsError(message=f"Failed to {action} of {details}")
