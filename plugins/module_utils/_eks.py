# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

Amazon EKS clusters, managed node groups and add-ons: one small function per API call, and the
waits that follow a change (botocore's own EKS waiters).
"""

from ansible_collections.amazon.aws.plugins.module_utils.botocore import is_boto3_error_code

from ansible_collections.devsecops.aws.plugins.module_utils._aws import DevSecOpsErrorHandler
from ansible_collections.devsecops.aws.plugins.module_utils._state import apply_tags

# What EKS applies when a node group is created without updateConfig.
DEFAULT_MAX_UNAVAILABLE = 1
# EKS takes 10-15 minutes to create a control plane, a few minutes for a node group.
WAIT_DELAY = 15


class EKSErrorHandler(DevSecOpsErrorHandler):
    @classmethod
    def _is_missing(cls):
        return is_boto3_error_code("ResourceNotFoundException")


@EKSErrorHandler.list_error_handler("read the EKS cluster")
def describe_cluster(client, name):
    return client.describe_cluster(name=name, aws_retry=True)["cluster"]


@EKSErrorHandler.common_error_handler("create the EKS cluster")
def create_cluster(client, **request):
    return client.create_cluster(aws_retry=True, **request)["cluster"]


@EKSErrorHandler.common_error_handler("update the EKS cluster's configuration")
def update_cluster_config(client, name, **request):
    return client.update_cluster_config(name=name, aws_retry=True, **request)


@EKSErrorHandler.common_error_handler("update the EKS cluster's Kubernetes version")
def update_cluster_version(client, name, version):
    return client.update_cluster_version(name=name, version=version, aws_retry=True)


@EKSErrorHandler.common_error_handler("turn on envelope encryption of the EKS cluster's secrets")
def associate_encryption_config(client, name, encryption_config):
    return client.associate_encryption_config(clusterName=name, encryptionConfig=encryption_config, aws_retry=True)


@EKSErrorHandler.deletion_error_handler("delete the EKS cluster")
def delete_cluster(client, name):
    return client.delete_cluster(name=name, aws_retry=True)


@EKSErrorHandler.list_error_handler("read the EKS node group")
def describe_nodegroup(client, cluster_name, name):
    return client.describe_nodegroup(clusterName=cluster_name, nodegroupName=name, aws_retry=True)["nodegroup"]


@EKSErrorHandler.common_error_handler("create the EKS node group")
def create_nodegroup(client, **request):
    return client.create_nodegroup(aws_retry=True, **request)["nodegroup"]


@EKSErrorHandler.common_error_handler("update the EKS node group's configuration")
def update_nodegroup_config(client, **request):
    return client.update_nodegroup_config(aws_retry=True, **request)


@EKSErrorHandler.common_error_handler("update the EKS node group's launch template version")
def update_nodegroup_version(client, **request):
    return client.update_nodegroup_version(aws_retry=True, **request)


@EKSErrorHandler.deletion_error_handler("delete the EKS node group")
def delete_nodegroup(client, cluster_name, name):
    return client.delete_nodegroup(clusterName=cluster_name, nodegroupName=name, aws_retry=True)


@EKSErrorHandler.list_error_handler("read the EKS add-on")
def describe_addon(client, cluster_name, name):
    return client.describe_addon(clusterName=cluster_name, addonName=name, aws_retry=True)["addon"]


@EKSErrorHandler.common_error_handler("create the EKS add-on")
def create_addon(client, **request):
    return client.create_addon(aws_retry=True, **request)["addon"]


@EKSErrorHandler.common_error_handler("update the EKS add-on")
def update_addon(client, **request):
    return client.update_addon(aws_retry=True, **request)


@EKSErrorHandler.deletion_error_handler("delete the EKS add-on")
def delete_addon(client, cluster_name, name, preserve):
    return client.delete_addon(clusterName=cluster_name, addonName=name, preserve=preserve, aws_retry=True)


@EKSErrorHandler.common_error_handler("wait for the EKS resource")
def wait(client, waiter_name, timeout, **identity):
    """Block until botocore's `waiter_name` (cluster_active, nodegroup_deleted, ...) is satisfied."""
    attempts = max(1, int(timeout) // max(WAIT_DELAY, 1))
    client.get_waiter(waiter_name).wait(WaiterConfig={"Delay": WAIT_DELAY, "MaxAttempts": attempts}, **identity)


@EKSErrorHandler.common_error_handler("tag the EKS resource")
def tag_resource(client, arn, tags):
    return client.tag_resource(resourceArn=arn, tags=tags, aws_retry=True)


@EKSErrorHandler.common_error_handler("untag the EKS resource")
def untag_resource(client, arn, keys):
    return client.untag_resource(resourceArn=arn, tagKeys=keys, aws_retry=True)


def update_tags(client, arn, found, wanted):
    """Tag and untag the EKS resource at `arn` from the `found` tags to the `wanted` ones."""
    apply_tags(
        found, wanted, lambda tags: tag_resource(client, arn, tags), lambda keys: untag_resource(client, arn, keys)
    )


@EKSErrorHandler.list_error_handler("list the EKS node groups", [])
def list_nodegroups(client, cluster_name):
    paginator = client.get_paginator("list_nodegroups")
    return paginator.paginate(clusterName=cluster_name).build_full_result()["nodegroups"]


# ---- the normalised state modules compare and return -----------------------------------------


def cluster_state(cluster):
    """The settings this module manages, normalised; {} when there is no cluster."""
    if cluster is None:
        return {}
    vpc = cluster.get("resourcesVpcConfig") or {}
    public = bool(vpc.get("endpointPublicAccess"))
    enabled = set()
    for setup in (cluster.get("logging") or {}).get("clusterLogging") or []:
        if setup.get("enabled"):
            enabled.update(setup.get("types") or [])
    keys = [
        config["provider"]["keyArn"]
        for config in cluster.get("encryptionConfig") or []
        if "secrets" in config.get("resources", [])
    ]
    return {
        "version": cluster.get("version"),
        "endpoint_private_access": bool(vpc.get("endpointPrivateAccess")),
        "endpoint_public_access": public,
        "public_access_cidrs": sorted(vpc.get("publicAccessCidrs") or []) if public else [],
        "logging_types": sorted(enabled),
        "encryption_key_arn": keys[0] if keys else "",
        "authentication_mode": (cluster.get("accessConfig") or {}).get("authenticationMode") or "",
        "tags": cluster.get("tags") or {},
    }


def cluster_result(cluster, state):
    """The result: the managed state plus what EKS reports (absent in check mode before creation)."""
    if not state:
        return {}
    cluster = cluster or {}
    return dict(
        state,
        arn=cluster.get("arn", ""),
        endpoint=cluster.get("endpoint", ""),
        certificate_authority=(cluster.get("certificateAuthority") or {}).get("data", ""),
        oidc_issuer=((cluster.get("identity") or {}).get("oidc") or {}).get("issuer", ""),
        status=cluster.get("status", ""),
    )


def sorted_taints(taints):
    return sorted(taints, key=lambda taint: (taint["key"], taint["effect"]))


def nodegroup_state(group):
    if group is None:
        return {}
    scaling = group.get("scalingConfig") or {}
    update_config = group.get("updateConfig") or {}
    return {
        "scaling": {
            "min_size": scaling.get("minSize"),
            "max_size": scaling.get("maxSize"),
            "desired_size": scaling.get("desiredSize"),
        },
        "labels": group.get("labels") or {},
        "taints": sorted_taints(
            [{"key": t["key"], "value": t.get("value", ""), "effect": t["effect"]} for t in group.get("taints") or []]
        ),
        "max_unavailable": update_config.get("maxUnavailable", DEFAULT_MAX_UNAVAILABLE),
        "launch_template_version": str((group.get("launchTemplate") or {}).get("version", "")),
        "tags": group.get("tags") or {},
    }
