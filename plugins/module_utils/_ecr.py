# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

Amazon ECR registry settings that community.aws.ecs_ecr (one repository) does not reach.
"""

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsErrorHandler


DEFAULT_CONFIGURATION = {"scan_type": "BASIC", "rules": []}


def normalised(scan_type, rules):
    """Rules in a stable order, so that the same configuration compares equal."""
    rules = [
        {"scan_frequency": rule["scan_frequency"], "repository_filters": sorted(rule["repository_filters"])}
        for rule in rules
    ]
    return {
        "scan_type": scan_type,
        "rules": sorted(rules, key=lambda rule: (rule["scan_frequency"], rule["repository_filters"])),
    }


def found_state(configuration):
    rules = [
        {
            "scan_frequency": rule["scanFrequency"],
            "repository_filters": [f["filter"] for f in rule["repositoryFilters"]],
        }
        for rule in configuration.get("rules") or []
    ]
    return normalised(configuration.get("scanType", "BASIC"), rules)


class ECRErrorHandler(DevSecOpsErrorHandler):
    pass


@ECRErrorHandler.common_error_handler("read the ECR registry scanning configuration")
def get_registry_scanning_configuration(client):
    return client.get_registry_scanning_configuration(aws_retry=True)["scanningConfiguration"]


@ECRErrorHandler.common_error_handler("set the ECR registry scanning configuration")
def put_registry_scanning_configuration(client, scan_type, rules):
    return client.put_registry_scanning_configuration(scanType=scan_type, rules=rules, aws_retry=True)
