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
"""

import hashlib
import json

from .model import SEVERITY_RANK, finding_id, new_finding

SCHEMA_VERSION = "2018-10-08"
ID_ROOT = "devsecops"
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
    "SchemaVersion", "Id", "ProductArn", "GeneratorId", "AwsAccountId", "Types", "CreatedAt",
    "UpdatedAt", "FirstObservedAt", "LastObservedAt", "Severity", "FindingProviderFields", "Title",
    "Description", "Remediation", "SourceUrl", "ProductFields", "Resources", "Vulnerabilities",
    "RecordState",
)
# Set by Security Hub, by people triaging, or by time: never part of a finding's content.
_VOLATILE = frozenset(("CreatedAt", "UpdatedAt", "FirstObservedAt", "LastObservedAt", "RecordState"))


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


def _cvss_version(vector):
    if vector and vector.startswith("CVSS:"):
        return vector.split("/", 1)[0][5:]
    return "2.0"


def _types(finding):
    if finding.get("cves"):
        return ["Software and Configuration Checks/Vulnerabilities/CVE"]
    return ["Software and Configuration Checks/Vulnerabilities"]


def _resource(finding, resource=None):
    """What was scanned: an override, else guessed from the scope (ECR image, container, URL, code)."""
    if resource:
        return {key: value for key, value in resource.items() if value}
    scope = finding.get("scope") or finding.get("url") or "unknown"
    resource_id = truncate(scope, LIMITS["ResourceId"])
    if ".dkr.ecr." in scope:
        repository, _, tag = scope.split("/", 1)[1].partition(":")
        registry = scope.split(".", 1)[0]
        details = {"RegistryId": registry, "RepositoryName": repository.split("@")[0]}
        if tag:
            details["ImageTags"] = [tag]
        return {"Type": "AwsEcrContainerImage", "Id": resource_id, "Details": {"AwsEcrContainerImage": details}}
    if scope.startswith(("http://", "https://")):
        return {"Type": "Other", "Id": resource_id, "Details": {"Other": {"url": resource_id}}}
    if finding.get("tool") == "trivy" and ":" in scope and "/" not in scope.split(":", 1)[1]:
        return {"Type": "Container", "Id": resource_id, "Details": {"Container": {"ImageName": resource_id}}}
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
        entry = {"Version": _cvss_version(finding.get("cvss_vector")), "BaseScore": float(finding["cvss_score"])}
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
        "Scope": finding.get("scope"),
        "Status": finding["status"],
        "File": finding.get("file"),
        "Line": finding.get("line"),
        "Url": finding.get("url"),
        "Param": finding.get("param"),
        "PackageName": finding.get("package_name"),
        "PackageVersion": finding.get("package_version"),
        "PackagePurl": finding.get("package_purl"),
        "Cwes": ",".join(finding["cwes"]),
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
        key: value for key, value in asff.get("ProductFields", {}).items() if key != FIELD_PREFIX + "Fingerprint"
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
        "RecordState": "ACTIVE",
    }
    if finding.get("remediation") or finding["references"]:
        recommendation = {}
        if finding.get("remediation"):
            recommendation["Text"] = truncate(finding["remediation"], LIMITS["Recommendation"])
        if finding["references"]:
            recommendation["Url"] = truncate(finding["references"][0], LIMITS["SourceUrl"])
        asff["Remediation"] = {"Recommendation": recommendation}
    source_url = finding.get("url") or (finding["references"][0] if finding["references"] else None)
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
    line = own("Line")
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
        package_name=own("PackageName") or package.get("Name"),
        package_version=own("PackageVersion") or package.get("Version"),
        package_purl=own("PackagePurl"),
        file=own("File"),
        line=int(line) if line and line.isdigit() else None,
        url=own("Url"),
        param=own("Param"),
        remediation=((asff.get("Remediation") or {}).get("Recommendation") or {}).get("Text"),
        references=list(references),
        scope=own("Scope") or resources[0].get("Id"),
        first_seen=asff.get("FirstObservedAt") or asff.get("CreatedAt"),
        last_seen=asff.get("LastObservedAt") or asff.get("UpdatedAt"),
        confidence=asff.get("Confidence"),
    )
