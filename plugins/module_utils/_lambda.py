# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

AWS Lambda function settings that amazon.aws.lambda and lambda_info do not manage or read. One small function per API call.
"""

from ansible_collections.devsecops.aws.plugins.module_utils._aws import ResourceNotFoundErrorHandler


@ResourceNotFoundErrorHandler.list_error_handler("read the function's configuration")
def get_function_configuration(client, name):
    return client.get_function_configuration(FunctionName=name, aws_retry=True)


# A function without reserved concurrency answers {}.
@ResourceNotFoundErrorHandler.list_error_handler("read the function's reserved concurrency")
def get_function_concurrency(client, name):
    return client.get_function_concurrency(FunctionName=name, aws_retry=True)


# ResourceNotFoundException is also the answer of a function without asynchronous invocation settings.
@ResourceNotFoundErrorHandler.list_error_handler("read the function's asynchronous invocation settings", {})
def get_function_event_invoke_config(client, name):
    return client.get_function_event_invoke_config(FunctionName=name, aws_retry=True)


@ResourceNotFoundErrorHandler.common_error_handler("reserve concurrency for the function")
def put_function_concurrency(client, name, executions):
    return client.put_function_concurrency(FunctionName=name, ReservedConcurrentExecutions=executions, aws_retry=True)


@ResourceNotFoundErrorHandler.deletion_error_handler("remove the function's reserved concurrency")
def delete_function_concurrency(client, name):
    return client.delete_function_concurrency(FunctionName=name, aws_retry=True)
