# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: its modules import this; nothing outside should.

Amazon OpenSearch Service domains (the control plane): one small function per API call, and the
settings the opensearch_domain modules manage, read from a DescribeDomain DomainStatus.
The data plane (index templates, ISM, security, alerting) is in _opensearch_client.py.
"""

import json

from ansible_collections.devsecops.aws.plugins.module_utils._aws import ResourceNotFoundErrorHandler


@ResourceNotFoundErrorHandler.list_error_handler("read the OpenSearch domain")
def describe_domain(client, name):
    return client.describe_domain(DomainName=name, aws_retry=True)["DomainStatus"]


@ResourceNotFoundErrorHandler.common_error_handler("create the OpenSearch domain")
def create_domain(client, **request):
    return client.create_domain(aws_retry=True, **request)["DomainStatus"]


@ResourceNotFoundErrorHandler.common_error_handler("update the OpenSearch domain's configuration")
def update_domain_config(client, **request):
    return client.update_domain_config(aws_retry=True, **request)


@ResourceNotFoundErrorHandler.deletion_error_handler("delete the OpenSearch domain")
def delete_domain(client, name):
    return client.delete_domain(DomainName=name, aws_retry=True)


@ResourceNotFoundErrorHandler.list_error_handler("list the OpenSearch domain's tags", {})
def list_tags(client, arn):
    return {tag["Key"]: tag["Value"] for tag in client.list_tags(ARN=arn, aws_retry=True)["TagList"]}


@ResourceNotFoundErrorHandler.common_error_handler("tag the OpenSearch domain")
def add_tags(client, arn, tags):
    return client.add_tags(ARN=arn, TagList=[{"Key": k, "Value": v} for k, v in sorted(tags.items())], aws_retry=True)


@ResourceNotFoundErrorHandler.common_error_handler("untag the OpenSearch domain")
def remove_tags(client, arn, keys):
    return client.remove_tags(ARN=arn, TagKeys=sorted(keys), aws_retry=True)


LOG_TYPES = {
    "audit": "AUDIT_LOGS",
    "application": "ES_APPLICATION_LOGS",
    "index_slow": "INDEX_SLOW_LOGS",
    "search_slow": "SEARCH_SLOW_LOGS",
}


def endpoint_of(domain):
    return domain.get("Endpoint") or (domain.get("Endpoints") or {}).get("vpc") or ""


def _cluster_state(config):
    master = config.get("DedicatedMasterEnabled")
    zones = config.get("ZoneAwarenessEnabled")
    return {
        "instance_type": config.get("InstanceType"),
        "instance_count": config.get("InstanceCount"),
        "zone_awareness": bool(zones),
        "availability_zone_count": config.get("ZoneAwarenessConfig", {}).get("AvailabilityZoneCount", 2) if zones else None,
        "dedicated_master_type": config.get("DedicatedMasterType") if master else None,
        "dedicated_master_count": config.get("DedicatedMasterCount") if master else None,
    }


def _ebs_state(options, performance):
    state = {"volume_type": options.get("VolumeType"), "volume_size": options.get("VolumeSize")}
    # IOPS and throughput AWS fills in are read only when asked for (a task compares those it sets).
    for key, api in (("iops", "Iops"), ("throughput", "Throughput")):
        if key in performance:
            state[key] = options.get(api)
    return state


def key_id(kms_key_id):
    """A key ARN and the bare key ID name the same key: compare the part after 'key/'."""
    return kms_key_id.rsplit("key/", 1)[-1] if kms_key_id else None


def normalise(domain, tags, performance=("iops", "throughput")):
    """The settings opensearch_domain manages, from a DescribeDomain DomainStatus; `performance` names the EBS
    performance settings (iops, throughput) to read."""
    endpoint_options = domain.get("DomainEndpointOptions", {})
    security = domain.get("AdvancedSecurityOptions", {})
    encryption = domain.get("EncryptionAtRestOptions", {})
    vpc = domain.get("VPCOptions")
    policy = domain.get("AccessPolicies") or "{}"
    state = {
        "engine_version": domain.get("EngineVersion"),
        "cluster": _cluster_state(domain.get("ClusterConfig", {})),
        "ebs": _ebs_state(domain.get("EBSOptions", {}), performance),
        "vpc": (
            {"subnet_ids": sorted(vpc.get("SubnetIds", [])), "security_group_ids": sorted(vpc.get("SecurityGroupIds", []))}
            if vpc
            else None
        ),
        "access_policy": json.loads(policy) if isinstance(policy, str) else policy,
        "encryption_at_rest": {
            "enabled": bool(encryption.get("Enabled")),
            "kms_key_id": encryption.get("KmsKeyId") if encryption.get("Enabled") else None,
        },
        "node_to_node_encryption": bool(domain.get("NodeToNodeEncryptionOptions", {}).get("Enabled")),
        "enforce_https": bool(endpoint_options.get("EnforceHTTPS")),
        "tls_security_policy": endpoint_options.get("TLSSecurityPolicy"),
        "fine_grained_access_control": {
            "enabled": bool(security.get("Enabled")),
            "internal_user_database": bool(security.get("InternalUserDatabaseEnabled")),
            "anonymous_auth": bool(security.get("AnonymousAuthEnabled")),
        },
        "log_publishing": {
            name: options["CloudWatchLogsLogGroupArn"]
            for name, log_type in LOG_TYPES.items()
            for options in [domain.get("LogPublishingOptions", {}).get(log_type, {})]
            if options.get("Enabled")
        },
        "auto_software_update": bool(domain.get("SoftwareUpdateOptions", {}).get("AutoSoftwareUpdateEnabled")),
    }
    if tags is not None:
        state["tags"] = tags
    return state
