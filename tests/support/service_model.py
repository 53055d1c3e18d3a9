"""Check AWS calls that the local endpoint cannot serve against botocore's service model.

moto lacks some APIs (see the README's test matrix). For those, tests give the code under test
a real botocore client wrapped in a Stubber: every request is validated against the AWS service
model (unknown or missing parameters, wrong types, out-of-range values fail), and the test states
the exact calls, in order, with their parameters.

    with ServiceModelStub("securityhub") as hub:
        hub.expect("batch_enable_standards", {"StandardsSubscriptionRequests": [...]}, {...})
        result = run_module(capsys, securityhub_standards, {...}, clients=[hub])
"""

import contextlib
import json
from unittest.mock import patch

import botocore.session
from botocore.stub import ANY, Stubber  # pylint: disable=unused-import  # noqa: F401  (ANY is re-exported for tests)

from ansible.module_utils.common import warnings
from ansible.module_utils.testing import patch_module_args

from ansible_collections.amazon.aws.plugins.module_utils.retries import RetryingBotoClientWrapper
from ansible_collections.devsecops.aws.plugins.module_utils import _aws


class ServiceModelStub:
    """A botocore client for one service whose every call must have been expected."""

    def __init__(self, service, region="us-east-1"):
        self.service = service
        self.client = botocore.session.get_session().create_client(
            service,
            region_name=region,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        self.stubber = Stubber(self.client)

    def expect(self, operation, params=None, response=None):
        """The next call must be `operation` with exactly `params` (None: any valid parameters)."""
        self.stubber.add_response(operation, response or {}, params)
        return self

    def expect_error(self, operation, code, message="", params=None, http_status=400):
        self.stubber.add_client_error(
            operation,
            service_error_code=code,
            service_message=message,
            http_status_code=http_status,
            expected_params=params,
        )
        return self

    def __enter__(self):
        self.stubber.activate()
        return self

    def __exit__(self, exc_type, *_):
        self.stubber.deactivate()
        if exc_type is None:
            self.stubber.assert_no_pending_responses()


def run_module(capsys, module, args, clients=None):
    """Run an Ansible module's main() in-process and return its result dict.

    With `clients` (ServiceModelStubs), its AWS clients are those stubs and asking for any other
    service fails the test; without, it talks to whatever endpoint `args` name (the local one).
    `result["failed"]` is set when the module called fail_json.
    """
    by_service = {stub.service: stub.client for stub in clients or ()}

    def stubbed_client(_self, service, retry_decorator=None, **_extra):
        if service not in by_service:
            raise AssertionError(f"module asked for an unexpected {service} client")
        return RetryingBotoClientWrapper(by_service[service], retry_decorator or _aws.jittered_retry())

    capsys.readouterr()
    # Warnings and deprecations are process-wide: those of an earlier in-process run would ride along.
    warnings._global_warnings.clear()
    warnings._global_deprecations.clear()
    with contextlib.ExitStack() as stack:
        if clients is not None:
            stack.enter_context(patch.object(_aws.DevSecOpsAWSModule, "client", stubbed_client))
        stack.enter_context(patch_module_args(dict(args)))
        try:
            module.main()
        except SystemExit:
            pass
    return json.loads(capsys.readouterr().out.strip().splitlines()[-1])
