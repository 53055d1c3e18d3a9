"""Firehose transform for GuardDuty findings (EventBridge events): one document per finding, as the
guardduty-findings index maps it."""

import ipaddress

from firehose_processor import Rejected, process

# GuardDuty's severity levels (https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings-severity.html).
LEVELS = ((9.0, "Critical"), (7.0, "High"), (4.0, "Medium"), (1.0, "Low"))

# Where each resource type keeps the name of the resource.
RESOURCE_IDS = {
    "Instance": ("instanceDetails", "instanceId"),
    "AccessKey": ("accessKeyDetails", "accessKeyId"),
    "EKSCluster": ("eksClusterDetails", "name"),
    "Lambda": ("lambdaDetails", "functionName"),
    "RDSDBInstance": ("rdsDbInstanceDetails", "dbInstanceIdentifier"),
    "Container": ("containerDetails", "id"),
    "ECSCluster": ("ecsClusterDetails", "name"),
}
# Where each action type keeps the remote address.
REMOTE_IPS = {
    "NETWORK_CONNECTION": "networkConnectionAction",
    "AWS_API_CALL": "awsApiCallAction",
    "KUBERNETES_API_CALL": "kubernetesApiCallAction",
    "RDS_LOGIN_ATTEMPT": "rdsLoginAttemptAction",
}


def severity_label(severity):
    for floor, label in LEVELS:
        if severity >= floor:
            return label
    return "Low"


def _resource_id(resource):
    kind = resource.get("resourceType")
    if kind == "S3Bucket":
        buckets = resource.get("s3BucketDetails") or []
        return buckets[0].get("name") if buckets else None
    details, key = RESOURCE_IDS.get(kind, (None, None))
    return (resource.get(details) or {}).get(key) if details else None


def _remote(action):
    """(ip, country) of the actor; a port probe names several, the first is kept."""
    kind = action.get("actionType")
    if kind == "PORT_PROBE":
        probes = (action.get("portProbeAction") or {}).get("portProbeDetails") or [{}]
        details = probes[0].get("remoteIpDetails") or {}
    else:
        details = (action.get(REMOTE_IPS.get(kind, ""), {}) or {}).get("remoteIpDetails") or {}
    address = details.get("ipAddressV4") or details.get("ipAddressV6")
    try:
        address = str(ipaddress.ip_address(address)) if address else None
    except ValueError:
        address = None
    return address, (details.get("country") or {}).get("countryName")


def transform(event):
    finding = event.get("detail") if isinstance(event, dict) else None
    if not isinstance(finding, dict):
        raise Rejected("not an EventBridge event with a GuardDuty finding in detail")
    missing = [key for key in ("id", "type", "severity", "updatedAt") if finding.get(key) in (None, "")]
    if missing:
        raise Rejected(f"the finding has no {', '.join(missing)}")
    severity = float(finding["severity"])
    service = finding.get("service") or {}
    action = service.get("action") or {}
    actor_ip, actor_country = _remote(action)
    resource = finding.get("resource") or {}
    document = {
        "@timestamp": finding["updatedAt"],
        "finding_id": finding["id"],
        "type": finding["type"],
        "title": finding.get("title"),
        "severity": severity,
        "severity_label": severity_label(severity),
        "resource_type": resource.get("resourceType"),
        "resource_id": _resource_id(resource),
        "account": finding.get("accountId") or event.get("account"),
        "region": finding.get("region") or event.get("region"),
        "action_type": action.get("actionType"),
        "actor_ip": actor_ip,
        "actor_country": actor_country,
        "count": service.get("count"),
        "first_seen": service.get("eventFirstSeen"),
        "last_seen": service.get("eventLastSeen"),
        "archived": service.get("archived"),
    }
    return {key: value for key, value in document.items() if value not in (None, "")}


def handler(event, _context):
    return process(event, transform)
