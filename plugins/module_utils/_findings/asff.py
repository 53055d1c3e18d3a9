# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection.

The one mapping between normalised findings and the AWS Security Finding Format (ASFF) of
Security Hub's BatchImportFindings. An OCSF mapping for the newer Security Hub would sit beside
this file with the same two entry points (to_asff / from_asff).

Identity: Id = "devsecops/<tool>/<scope digest>/<finding_id>". Everything one tool reported for
one scope shares the prefix "devsecops/<tool>/<scope digest>/": that prefix is the range a new scan
of the same tool and scope may resolve, and nothing outside it is ever touched.

What the finding is: Types from its kind (a CVE "Software and Configuration Checks/Vulnerabilities/
CVE", a secret "Sensitive Data Identifications/Passwords", an AWS misconfiguration "Software and
Configuration Checks/AWS Security Best Practices", other misconfigurations and licences "Software
and Configuration Checks/Industry and Regulatory Standards", code quality "Software and
Configuration Checks" alone); ProductName the tool and CompanyName the collection, as a custom
integration may set them; the tool's own key in ProductFields and its link in SourceUrl. A
resolved finding is sent archived (RecordState ARCHIVED), so Security Hub and the gate agree.
"""

import hashlib
import json
import re

from .model import KINDS, SEVERITY_RANK, finding_id, new_finding

SCHEMA_VERSION = "2018-10-08"
ID_ROOT = "devsecops"
COMPANY_NAME = "devsecops.aws"
FIELD_PREFIX = "devsecops/"  # ProductFields keys we own

# Limits the BatchImportFindings API documents, counted in characters of the JSON-escaped text.
LIMITS = {
    "GeneratorId": 512,
    "Title": 256,
    "Description": 1024,
    "Recommendation": 512,
    "ProductFieldValue": 2048,
    "SourceUrl": 2048,
    "ResourceId": 512,
}
MAX_REFERENCES = 10  # ReferenceUrls per vulnerability: enough to act on, bounded in size
TRUNCATION_MARKER = " ...[truncated]"

NORMALIZED_SEVERITY = {"CRITICAL": 90, "HIGH": 70, "MEDIUM": 40, "LOW": 1, "INFORMATIONAL": 0}

# Fields we write, and so the ones a finding of ours may be re-sent with (archiving).
OWN_FIELDS = (
    "SchemaVersion", "Id", "ProductArn", "ProductName", "CompanyName", "GeneratorId", "AwsAccountId", "Types", "CreatedAt",
    "UpdatedAt", "FirstObservedAt", "LastObservedAt", "Severity", "FindingProviderFields", "Title",
    "Description", "Remediation", "SourceUrl", "ProductFields", "Resources", "Vulnerabilities",
    "RecordState",
)
# Set by Security Hub, by people triaging, or by time: never part of a finding's content.
_VOLATILE = frozenset(("CreatedAt", "UpdatedAt", "FirstObservedAt", "LastObservedAt", "RecordState"))
# ProductFields that change from scan to scan without the finding changing: not re-sent for.
_VOLATILE_FIELDS = frozenset((FIELD_PREFIX + "Fingerprint", FIELD_PREFIX + "Occurrences"))

_TYPES = {
    "secret": "Sensitive Data Identifications/Passwords",
    "license": "Software and Configuration Checks/Industry and Regulatory Standards",
    "misconfiguration": "Software and Configuration Checks/Industry and Regulatory Standards",
    "code_quality": "Software and Configuration Checks",
    "vulnerability": "Software and Configuration Checks/Vulnerabilities",
}
# An image reference with a tag or a digest: name[:port]/path[:tag][@sha256:...] (lower case).
_IMAGE = re.compile(r"^[a-z0-9][a-z0-9._-]*(?::[0-9]+)?(?:/[a-z0-9._-]+)*(?::[\w][\w.-]{0,127})?(?:@sha256:[0-9a-f]{64})?$")
_ECR = re.compile(r"^(?P<account>[0-9]{12})\.dkr\.ecr(?:-fips)?\.(?P<region>[a-z0-9-]+)\.amazonaws\.com(?P<cn>\.cn)?/(?P<rest>.+)$")
_EKS_ARN = re.compile(r"^arn:(?P<partition>aws[a-z-]*):eks:(?P<region>[a-z0-9-]+):[0-9]{12}:cluster/(?P<name>[^/]+)$")


def _escaped_length(text):
    # botocore serialises with json.dumps (ASCII-only), so that is the length AWS counts.
    return len(json.dumps(text)) - 2


def truncate(text, limit):
    """`text` cut to at most `limit` escaped characters, ending with a marker when it was cut."""
    if text is None:
        return None
    text = str(text)
    if len(text) * 12 <= limit or _escaped_length(text) <= limit:  # 12: the longest escape (a surrogate pair)
        return text
    budget = limit - _escaped_length(TRUNCATION_MARKER)
    low, high = 0, min(len(text), budget)
    while low < high:  # the longest prefix that fits
        middle = (low + high + 1) // 2
        if _escaped_length(text[:middle]) <= budget:
            low = middle
        else:
            high = middle - 1
    return text[:low] + TRUNCATION_MARKER


def _digest(text, size=16):
    return hashlib.sha256(str(text or "").encode("utf-8")).hexdigest()[:size]


def range_prefix(tool, scope):
    """Id prefix of everything `tool` reported for `scope`."""
    return f"{ID_ROOT}/{tool}/{_digest(scope)}/"


def asff_id(finding):
    return range_prefix(finding["tool"], finding.get("scope")) + finding_id(finding)


def _cvss_version(finding):
    """The CVSS version of the finding's score: as the parser read it, else from the vector."""
    vector = finding.get("cvss_vector")
    if finding.get("cvss_version"):
        return str(finding["cvss_version"])
    if vector and vector.startswith("CVSS:"):
        return vector.split("/", 1)[0][5:]
    return None


def _types(finding):
    kind = finding.get("kind") or "vulnerability"
    if kind == "vulnerability" and finding.get("cves"):
        return ["Software and Configuration Checks/Vulnerabilities/CVE"]
    if kind == "misconfiguration" and finding.get("category") == "aws":
        return ["Software and Configuration Checks/AWS Security Best Practices"]
    return [_TYPES[kind]]


def _partition(region):
    if region.startswith("cn-"):
        return "aws-cn"
    return "aws-us-gov" if region.startswith("us-gov-") else "aws"


def _image(reference):
    """(name, tag, digest) of an image reference; tag or digest may be None."""
    name, dummy, digest = reference.partition("@")
    head, dummy, last = name.rpartition("/")
    if ":" in last:
        last, dummy, tag = last.partition(":")
        return (f"{head}/{last}" if head else last), tag, digest or None
    return name, None, digest or None


def _ecr_resource(match, resource_id):
    repository, tag, digest = _image(match["rest"])
    region = match["region"]
    partition = "aws-cn" if match["cn"] else _partition(region)
    arn = f"arn:{partition}:ecr:{region}:{match['account']}:repository/{repository}"
    details = {"RegistryId": match["account"], "RepositoryName": repository}
    if digest:
        details["ImageDigest"] = digest
        arn += "/" + digest
    elif tag:
        details["ImageTags"] = [tag]
    return {
        "Type": "AwsEcrContainerImage",
        "Id": truncate(arn, LIMITS["ResourceId"]) or resource_id,
        "Partition": partition,
        "Region": region,
        "Details": {"AwsEcrContainerImage": details},
    }


def _container_resource(scope, resource_id):
    name, tag, digest = _image(scope)
    details = {"ImageName": truncate(f"{name}:{tag}" if tag else name, LIMITS["ResourceId"])}
    if digest:
        details["ImageId"] = digest
    return {"Type": "Container", "Id": resource_id, "Details": {"Container": details}}


def _resource(finding, resource=None):
    """What was scanned: an override, else from the scope (ECR image, EKS cluster, container, URL, code)."""
    if resource:
        return {key: value for key, value in resource.items() if value}
    scope = finding.get("scope") or finding.get("url") or "unknown"
    resource_id = truncate(scope, LIMITS["ResourceId"])
    ecr = _ECR.match(scope)
    if ecr:
        return _ecr_resource(ecr, resource_id)
    eks = _EKS_ARN.match(scope)
    if eks:
        return {
            "Type": "AwsEksCluster",
            "Id": resource_id,
            "Partition": eks["partition"],
            "Region": eks["region"],
            "Details": {"AwsEksCluster": {"Name": eks["name"]}},
        }
    if scope.startswith(("http://", "https://")):
        return {"Type": "Other", "Id": resource_id, "Details": {"Other": {"url": resource_id}}}
    # Trivy names an image it scanned by reference; a path (C:\src, ./app, lib/x.jar) is no image.
    if finding.get("tool") == "trivy" and _IMAGE.match(scope) and (":" in scope.rsplit("/", 1)[-1] or "@" in scope):
        return _container_resource(scope, resource_id)
    return {"Type": "Other", "Id": resource_id}


def _vulnerabilities(finding):
    packages = []
    if finding.get("package_name"):
        package = {"Name": finding["package_name"]}
        if finding.get("package_version"):
            package["Version"] = finding["package_version"]
        packages.append(package)
    cvss = []
    if finding.get("cvss_score") is not None:
        entry = {"BaseScore": float(finding["cvss_score"])}
        if _cvss_version(finding):
            entry["Version"] = _cvss_version(finding)
        if finding.get("cvss_vector"):
            entry["BaseVector"] = finding["cvss_vector"]
        cvss.append(entry)
    vulnerabilities = []
    for cve in finding["cves"]:
        vulnerability = {"Id": cve}
        if packages:
            vulnerability["VulnerablePackages"] = packages
        if cvss:
            vulnerability["Cvss"] = cvss
        references = finding["references"][:MAX_REFERENCES]
        if references:
            vulnerability["ReferenceUrls"] = references
        vulnerabilities.append(vulnerability)
    return vulnerabilities


def _product_fields(finding):
    fields = {
        "Tool": finding["tool"],
        "RuleId": finding["rule_id"],
        "ToolKey": finding.get("tool_key"),
        "Variant": finding.get("variant"),
        "Kind": finding.get("kind"),
        "Category": finding.get("category"),
        "Scope": finding.get("scope"),
        "Status": finding["status"],
        "File": finding.get("file"),
        "Line": finding.get("line"),
        "Column": finding.get("column"),
        "Url": finding.get("url"),
        "Param": finding.get("param"),
        "PackageName": finding.get("package_name"),
        "PackageVersion": finding.get("package_version"),
        "PackagePurl": finding.get("package_purl"),
        "Cwes": ",".join(finding["cwes"]),
        "Occurrences": finding.get("occurrences") if (finding.get("occurrences") or 1) > 1 else None,
    }
    return {
        FIELD_PREFIX + key: truncate(str(value), LIMITS["ProductFieldValue"])
        for key, value in fields.items()
        if value not in (None, "")
    }


def fingerprint(asff):
    """A digest of what the scanner said: equal fingerprints mean nothing worth re-importing."""
    content = {key: asff[key] for key in OWN_FIELDS if key in asff and key not in _VOLATILE}
    content["ProductFields"] = {
        key: value for key, value in asff.get("ProductFields", {}).items() if key not in _VOLATILE_FIELDS
    }
    return _digest(json.dumps(content, sort_keys=True), 32)


def to_asff(finding, account_id, product_arn, resource=None):
    """The ASFF finding for one normalised finding, timestamps left for the importer to set."""
    severity = {"Label": finding["severity"], "Normalized": NORMALIZED_SEVERITY[finding["severity"]]}
    if finding.get("tool_severity"):
        severity["Original"] = truncate(str(finding["tool_severity"]), 64)
    asff = {
        "SchemaVersion": SCHEMA_VERSION,
        "Id": asff_id(finding),
        "ProductArn": product_arn,
        "ProductName": truncate(finding["tool"], 128),
        "CompanyName": COMPANY_NAME,
        "GeneratorId": truncate(f"{ID_ROOT}/{finding['tool']}/{finding['rule_id']}", LIMITS["GeneratorId"]),
        "AwsAccountId": account_id,
        "Types": _types(finding),
        "Severity": severity,
        "FindingProviderFields": {
            "Severity": {key: value for key, value in severity.items() if key != "Normalized"},
            "Types": _types(finding),
        },
        "Title": truncate(finding["title"], LIMITS["Title"]),
        "Description": truncate(finding.get("description") or finding["title"], LIMITS["Description"]),
        "ProductFields": _product_fields(finding),
        "Resources": [_resource(finding, resource)],
        "RecordState": "ARCHIVED" if finding["status"] == "resolved" else "ACTIVE",
    }
    if finding.get("remediation") or finding["references"]:
        recommendation = {}
        if finding.get("remediation"):
            recommendation["Text"] = truncate(finding["remediation"], LIMITS["Recommendation"])
        if finding["references"]:
            recommendation["Url"] = truncate(finding["references"][0], LIMITS["SourceUrl"])
        asff["Remediation"] = {"Recommendation": recommendation}
    source_url = finding.get("source_url") or finding.get("url") or (finding["references"][0] if finding["references"] else None)
    if source_url:
        asff["SourceUrl"] = truncate(source_url, LIMITS["SourceUrl"])
    vulnerabilities = _vulnerabilities(finding)
    if vulnerabilities:
        asff["Vulnerabilities"] = vulnerabilities
    asff["ProductFields"][FIELD_PREFIX + "Fingerprint"] = fingerprint(asff)
    return asff


_WORKFLOW_STATUS = {"SUPPRESSED": "suppressed", "RESOLVED": "resolved"}


def from_asff(asff):
    """A normalised finding from any ASFF finding: ours round-trip, other products map best-effort."""
    fields = asff.get("ProductFields") or {}

    def own(key):
        return fields.get(FIELD_PREFIX + key)

    vulnerabilities = asff.get("Vulnerabilities") or []
    cvss = next((entry for vuln in vulnerabilities for entry in vuln.get("Cvss") or []), {})
    package = next((pkg for vuln in vulnerabilities for pkg in vuln.get("VulnerablePackages") or []), {})
    references = next((vuln["ReferenceUrls"] for vuln in vulnerabilities if vuln.get("ReferenceUrls")), [])
    status = _WORKFLOW_STATUS.get((asff.get("Workflow") or {}).get("Status"), "active")
    if status == "suppressed" and own("Status") == "false_positive":
        status = "false_positive"  # the scanner said why it is suppressed
    if asff.get("RecordState") == "ARCHIVED":
        status = "resolved"
    severity = (asff.get("Severity") or {}).get("Label") or "INFORMATIONAL"
    resources = asff.get("Resources") or [{}]
    return new_finding(
        tool=own("Tool") or (asff.get("ProductName") or asff.get("ProductArn", "").rsplit("/", 1)[-1]).lower(),
        rule_id=own("RuleId") or asff.get("GeneratorId"),
        title=asff.get("Title"),
        description=asff.get("Description") or "",
        severity=severity if severity in SEVERITY_RANK else "INFORMATIONAL",
        tool_severity=(asff.get("Severity") or {}).get("Original"),
        status=status,
        cves=[vuln["Id"] for vuln in vulnerabilities if str(vuln.get("Id", "")).startswith("CVE-")],
        cwes=[cwe for cwe in (own("Cwes") or "").split(",") if cwe],
        cvss_score=cvss.get("BaseScore"),
        cvss_vector=cvss.get("BaseVector"),
        cvss_version=cvss.get("Version"),
        package_name=own("PackageName") or package.get("Name"),
        package_version=own("PackageVersion") or package.get("Version"),
        package_purl=own("PackagePurl"),
        file=own("File"),
        line=_whole(own("Line")),
        column=_whole(own("Column")),
        url=own("Url"),
        param=own("Param"),
        remediation=((asff.get("Remediation") or {}).get("Recommendation") or {}).get("Text"),
        references=list(references),
        scope=own("Scope") if own("Tool") else resources[0].get("Id"),
        first_seen=asff.get("FirstObservedAt") or asff.get("CreatedAt"),
        last_seen=asff.get("LastObservedAt") or asff.get("UpdatedAt"),
        confidence=asff.get("Confidence"),
        kind=own("Kind") if own("Kind") in KINDS else "vulnerability",
        category=own("Category"),
        # Another product's finding is identified by its Id: each one Security Hub holds counts.
        tool_key=own("ToolKey") if own("Tool") else asff.get("Id"),
        variant=own("Variant"),
        occurrences=_whole(own("Occurrences")) or 1,
    )


def _whole(text):
    return int(text) if text and text.isdigit() else None
