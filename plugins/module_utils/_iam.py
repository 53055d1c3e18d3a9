# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

IAM service-linked roles, which amazon.aws.iam_role cannot create (AWS makes them only through
CreateServiceLinkedRole, under /aws-service-role/<service>/).
"""

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsErrorHandler, paginate


class IAMErrorHandler(DevSecOpsErrorHandler):
    pass


def service_role_path(service_name):
    return f"/aws-service-role/{service_name}/"


@IAMErrorHandler.common_error_handler("list the service-linked roles")
def list_service_roles(client, service_name):
    return paginate(client, "list_roles", PathPrefix=service_role_path(service_name))["Roles"]


@IAMErrorHandler.common_error_handler("create the service-linked role")
def create_service_linked_role(client, service_name, description, suffix):
    params = {"AWSServiceName": service_name}
    if description:
        params["Description"] = description
    if suffix:
        params["CustomSuffix"] = suffix
    return client.create_service_linked_role(aws_retry=True, **params)["Role"]


@IAMErrorHandler.common_error_handler("delete the service-linked role")
def delete_service_linked_role(client, role_name):
    return client.delete_service_linked_role(RoleName=role_name, aws_retry=True)["DeletionTaskId"]


@IAMErrorHandler.common_error_handler("read the deletion status of the service-linked role")
def deletion_status(client, task_id):
    return client.get_service_linked_role_deletion_status(DeletionTaskId=task_id, aws_retry=True)
