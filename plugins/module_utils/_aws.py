# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

The one place where our AWS modules get their clients, their retries and their error handling,
on top of amazon.aws's AnsibleAWSModule (credentials, region, endpoint_url, no_log and
fail_json_aws all come from there).
"""

import functools

try:
    import botocore.session
    from botocore.paginate import Paginator
except ImportError:
    pass  # AnsibleAWSModule reports a missing botocore

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code
from ansible_collections.amazon.aws.plugins.module_utils.common import set_collection_info
from ansible_collections.amazon.aws.plugins.module_utils.errors import AWSErrorHandler
from ansible_collections.amazon.aws.plugins.module_utils.exceptions import AnsibleAWSError
from ansible_collections.amazon.aws.plugins.module_utils.modules import AnsibleAWSModule
from ansible_collections.amazon.aws.plugins.module_utils.retries import AWSRetry

COLLECTION_NAME = "devsecops.aws"
COLLECTION_VERSION = "0.1.0"

# Throttling codes that AWSRetry does not already retry: Inspector2, GuardDuty and Config say
# "ThrottlingException", S3 says "SlowDown"; Security Hub's TooManyRequestsException is known.
EXTRA_THROTTLING_CODES = ["ThrottlingException", "ThrottledException", "SlowDown", "RequestThrottled"]


def jittered_retry(retries=10, delay=1, max_delay=30):
    """Retry throttling and transient errors with full-jitter exponential backoff."""
    return AWSRetry.jittered_backoff(
        retries=retries, delay=delay, max_delay=max_delay, catch_extra_error_codes=EXTRA_THROTTLING_CODES
    )


class DevSecOpsError(AnsibleAWSError):
    """Raised by our module_utils wrappers; modules turn it into fail_json_aws_error."""


class DevSecOpsErrorHandler(AWSErrorHandler):
    """Base of the per-service error handlers: 'Failed to <description>' plus the AWS error."""

    _CUSTOM_EXCEPTION = DevSecOpsError


class ResourceNotFoundErrorHandler(DevSecOpsErrorHandler):
    """For the services that answer a missing resource with ResourceNotFoundException."""

    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("ResourceNotFoundException")


class DevSecOpsAWSModule(AnsibleAWSModule):
    """AnsibleAWSModule whose clients retry throttling by default."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        set_collection_info(collection_name=COLLECTION_NAME, collection_version=COLLECTION_VERSION)

    def client(self, service, retry_decorator=None, **extra_params):
        return super().client(service, retry_decorator=retry_decorator or jittered_retry(), **extra_params)


def found_by_name(read_one, client, names, **params):
    """What read_one(client, name) finds for each of `names` (once each), without the names not found (None)."""
    found = (read_one(client, name, **params) for name in dict.fromkeys(names))
    return [item for item in found if item is not None]


@functools.lru_cache(maxsize=None)
def _paginator_model(service_name, api_version):
    return botocore.session.get_session().get_paginator_model(service_name, api_version)


def paginate(client, operation, **params):
    """Every page of a paginated read, merged as botocore's build_full_result() merges them.

    The paginators of client.get_paginator() call the bare botocore client, so the retries of
    DevSecOpsAWSModule.client() never reach their pages. Here each page is a call through the
    retrying client (aws_retry=True): a throttled page is asked for again, as a single call is,
    without reading the listing again from its first page.
    """
    model = client.meta.service_model
    api_name = client.meta.method_to_api_mapping[operation]
    config = _paginator_model(model.service_name, model.api_version).get_paginator(api_name)
    page = functools.partial(getattr(client, operation), aws_retry=True)
    return Paginator(page, config, model.operation_model(api_name)).paginate(**params).build_full_result()
