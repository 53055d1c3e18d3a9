# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

CodeBuild projects. One small function per API call.
"""

from ansible_collections.devsecops.aws.plugins.module_utils._aws import ResourceNotFoundErrorHandler


# BatchGetProjects answers a missing project in projectsNotFound, not with an error.
@ResourceNotFoundErrorHandler.common_error_handler("read the CodeBuild project")
def get_project(client, name):
    projects = client.batch_get_projects(names=[name], aws_retry=True)["projects"]
    return projects[0] if projects else None


@ResourceNotFoundErrorHandler.common_error_handler("create the CodeBuild project")
def create_project(client, project):
    return client.create_project(aws_retry=True, **project)["project"]


@ResourceNotFoundErrorHandler.common_error_handler("update the CodeBuild project")
def update_project(client, project):
    return client.update_project(aws_retry=True, **project)["project"]


@ResourceNotFoundErrorHandler.deletion_error_handler("delete the CodeBuild project")
def delete_project(client, name):
    return client.delete_project(name=name, aws_retry=True)
