# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection.

Trivy JSON reports:
  - SchemaVersion 2 ({"ArtifactName", "Results": [...]}) with Vulnerabilities, Misconfigurations,
    Secrets and Licenses per result;
  - `trivy k8s` ({"ClusterName", "Resources": [...]}, or before 0.38 "Vulnerabilities" and
    "Misconfigurations" lists of resources): each resource's results, the scope being the cluster
    and the file "namespace/kind/name" (then the image or file in it); a resource Trivy could not
    scan (its "Error") makes the report incomplete;
  - the legacy layout (before 0.20), a bare list of results with Vulnerabilities only, and `null`,
    which that Trivy wrote for "nothing found" (read only with format: trivy).

Vulnerabilities: a rating of UNKNOWN (not yet rated) takes the severity of the CVSS score, else
MEDIUM: unrated is not harmless. The score is the one of the vendor Trivy took the severity from
(SeveritySource, highest CVSS version it gives), NVD only when that vendor gives none, then any
vendor: a HIGH from GHSA never shows NVD's 9.8. Status "not_affected" (the vendor says the package
is not affected) is a false positive; every other status (affected, fixed, will_not_fix,
fix_deferred, end_of_life, under_investigation, unknown) leaves the vulnerability active.
Misconfigurations that passed (PASS) are not findings; EXCEPTION ones are suppressed. Licences
are findings of kind license with Trivy's category (forbidden, restricted, reciprocal, notice,
permissive, unencumbered, unknown), which a gate policy can deny.
"""

from .model import FindingError, new_finding, normalise_severity, severity_from_cvss
from .shape import field, integer, mapping, number, objects, optional_mapping, required, text, texts
from .text import cves, cwes, plain

LABEL = "Trivy"
EXPECTED = "'SchemaVersion' and 'ArtifactName', or 'ClusterName', at the top level, or a list of results with 'Target'"
TOOL = "trivy"
UNRATED = "UNKNOWN"
NOT_AFFECTED = "not_affected"
# `trivy k8s` before 0.38 lists resources under these keys; since then under Resources.
_K8S_LISTS = ("Resources", "Vulnerabilities", "Misconfigurations")


def detect(document):
    if isinstance(document, dict):
        return ("SchemaVersion" in document and "ArtifactName" in document) or "ClusterName" in document
    return (
        isinstance(document, list)
        and bool(document)
        and all(isinstance(result, dict) and "Target" in result for result in document)
    )


def accepts(document):
    """With format: trivy, also Trivy's old `null` for a clean scan."""
    return document is None or detect(document)


def _k8s_resources(document):
    """(path, resource, "namespace/kind/name") of every resource a `trivy k8s` report lists."""
    if not any(key in document for key in _K8S_LISTS):
        raise FindingError(f"a trivy k8s report (ClusterName) without {', '.join(_K8S_LISTS[:-1])} or {_K8S_LISTS[-1]}")
    resources = []
    for key in _K8S_LISTS:
        for where, resource in objects(document, key, ""):
            parts = [field(resource, name, where) for name in ("Namespace", "Kind", "Name")]
            resources.append((where, resource, "/".join(part or "-" for part in parts)))
    return resources


def _results(document):
    """(path, result, resource or None) of every result in the report."""
    if document is None:
        return []
    if isinstance(document, list):
        return [(f"[{index}]", mapping(result, f"[{index}]"), None) for index, result in enumerate(document)]
    if "ClusterName" in document:
        return [
            (path, result, name)
            for where, resource, name in _k8s_resources(document)
            for path, result in objects(resource, "Results", where)
        ]
    if document.get("Results") is not None and not isinstance(document["Results"], list):
        raise FindingError("expected a list under 'Results'")
    return [(where, result, None) for where, result in objects(document, "Results", "")]  # null or absent: clean


def describe(document):
    if document is None or isinstance(document, list):
        return {"tool": TOOL, "scope": None}
    mapping(document, "")
    if "ClusterName" in document:
        about = {"tool": TOOL, "scope": field(document, "ClusterName", "") or None}
        failed = [
            f"Trivy could not scan {name}: {field(resource, 'Error', where)}"
            for where, resource, name in _k8s_resources(document)
            if resource.get("Error")
        ]
        if failed:
            about["incomplete"] = failed
        return about
    return {"tool": TOOL, "scope": field(document, "ArtifactName", "") or None}


def _cvss_of(source, where):
    """(score, vector, version) of the highest CVSS version (v4 over v3 over v2) one vendor gives."""
    for prefix, default_version in (("V40", "4.0"), ("V3", "3"), ("V2", "2.0")):
        score = number(source.get(prefix + "Score"), f"{where}.{prefix}Score")
        if score is not None:
            vector = field(source, prefix + "Vector", where)
            if vector and vector.startswith("CVSS:"):
                return score, vector, vector.split("/", 1)[0][5:]
            return score, vector, default_version
    return None


def _cvss(vulnerability, where):
    """(score, vector, version) from the vendor Trivy took the severity from, else NVD, else the highest."""
    by_vendor = optional_mapping(vulnerability, "CVSS", where)
    scores = {
        vendor: _cvss_of(mapping(source, f"{where}.CVSS.{vendor}"), f"{where}.CVSS.{vendor}")
        for vendor, source in by_vendor.items()
    }
    for vendor in (field(vulnerability, "SeveritySource", where), "nvd"):
        if scores.get(vendor):
            return scores[vendor]
    others = [score for score in scores.values() if score]
    return max(others, key=lambda score: (score[2][0], score[0])) if others else (None, None, None)


def _vulnerability_severity(severity, score):
    """Trivy's own rating; an UNKNOWN (not yet rated) one falls back on the CVSS score, else MEDIUM."""
    rated = normalise_severity(severity, None) if str(severity).upper() != UNRATED else None
    return rated or severity_from_cvss(score) or "MEDIUM"


def _place(result, where, resource):
    """Where a result's findings are: its target, inside the k8s resource when there is one."""
    target = field(result, "Target", where)
    if resource is None:
        return target
    return resource if not target or resource.endswith("/" + target) else f"{resource}/{target}"


def _vulnerability(vulnerability, where, place, scope):
    rule_id = field(vulnerability, "VulnerabilityID", where)
    package = field(vulnerability, "PkgName", where)
    if not rule_id:
        raise FindingError(f"a vulnerability of {package} in {place} has no VulnerabilityID")
    score, vector, version = _cvss(vulnerability, where)
    fixed = field(vulnerability, "FixedVersion", where)
    references = [field(vulnerability, "PrimaryURL", where)] + texts(vulnerability, "References", where)
    severity = field(vulnerability, "Severity", where)
    return new_finding(
        tool=TOOL,
        rule_id=rule_id,
        title=field(vulnerability, "Title", where) or f"{rule_id} in {package}",
        description=plain(field(vulnerability, "Description", where)),
        severity=_vulnerability_severity(severity, score),
        tool_severity=severity,
        status="false_positive" if field(vulnerability, "Status", where) == NOT_AFFECTED else "active",
        cves=cves(rule_id, *texts(vulnerability, "VendorIDs", where)),
        cwes=cwes(texts(vulnerability, "CweIDs", where)),
        cvss_score=score,
        cvss_vector=vector,
        cvss_version=version,
        package_name=package,
        package_version=field(vulnerability, "InstalledVersion", where),
        package_purl=field(optional_mapping(vulnerability, "PkgIdentifier", where), "PURL", where),
        file=field(vulnerability, "PkgPath", where) or place,
        remediation=f"Upgrade {package} to {fixed}" if fixed else None,
        references=list(dict.fromkeys(filter(None, references))),
        scope=scope,
        first_seen=field(vulnerability, "PublishedDate", where),
    )


def _misconfiguration(misconfiguration, where, place, scope):
    cause = optional_mapping(misconfiguration, "CauseMetadata", where)
    provider = field(cause, "Provider", f"{where}.CauseMetadata")
    return new_finding(
        tool=TOOL,
        rule_id=field(misconfiguration, "AVDID", where) or text(required(misconfiguration, "ID", where), f"{where}.ID"),
        title=field(misconfiguration, "Title", where),
        description=plain(field(misconfiguration, "Message", where) or field(misconfiguration, "Description", where)),
        kind="misconfiguration",
        category=provider.lower() if provider else None,
        severity=normalise_severity(field(misconfiguration, "Severity", where), "MEDIUM"),
        tool_severity=field(misconfiguration, "Severity", where),
        status="suppressed" if field(misconfiguration, "Status", where) == "EXCEPTION" else "active",
        file=place,
        line=integer(cause.get("StartLine"), f"{where}.CauseMetadata.StartLine"),
        remediation=plain(field(misconfiguration, "Resolution", where)) or None,
        references=list(dict.fromkeys(filter(None, texts(misconfiguration, "References", where)))),
        scope=scope,
    )


def _secret(secret, where, place, scope):
    return new_finding(
        tool=TOOL,
        rule_id=text(required(secret, "RuleID", where), f"{where}.RuleID"),
        title=field(secret, "Title", where),
        # Match is the line with the secret masked by trivy: safe to keep, useful to find it.
        description=plain(field(secret, "Match", where)),
        kind="secret",
        category=field(secret, "Category", where),
        severity=normalise_severity(field(secret, "Severity", where), "HIGH"),
        tool_severity=field(secret, "Severity", where),
        file=place,
        line=integer(secret.get("StartLine"), f"{where}.StartLine"),
        remediation="Revoke the secret, then remove it from the source and its history",
        scope=scope,
    )


def _license(license_, where, place, scope):
    name = text(required(license_, "Name", where), f"{where}.Name")
    package = field(license_, "PkgName", where) or None
    category = (field(license_, "Category", where) or "unknown").lower()
    link = field(license_, "Link", where)
    return new_finding(
        tool=TOOL,
        rule_id=name,
        title=f"{name} licence ({category}) in {package or place}",
        kind="license",
        category=category,
        severity=normalise_severity(field(license_, "Severity", where), "MEDIUM"),
        tool_severity=field(license_, "Severity", where),
        package_name=package,
        file=field(license_, "FilePath", where) or place,
        references=[link] if link else [],
        scope=scope,
    )


def findings(document):
    scope = describe(document)["scope"]
    for where, result, resource in _results(document):
        place = _place(result, where, resource)
        result_scope = scope or (None if resource else place)
        for path, vulnerability in objects(result, "Vulnerabilities", where):
            yield _vulnerability(vulnerability, path, place, result_scope)
        for path, misconfiguration in objects(result, "Misconfigurations", where):
            if field(misconfiguration, "Status", path) != "PASS":
                yield _misconfiguration(misconfiguration, path, place, result_scope)
        for path, secret in objects(result, "Secrets", where):
            yield _secret(secret, path, place, result_scope)
        for path, license_ in objects(result, "Licenses", where):
            yield _license(license_, path, place, result_scope)
