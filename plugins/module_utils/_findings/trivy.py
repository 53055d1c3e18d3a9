# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection.

Trivy JSON reports: SchemaVersion 2 ({"ArtifactName", "Results": [...]}) with Vulnerabilities,
Misconfigurations and Secrets per result, and the legacy layout (before 0.20) that is a bare list
of results with Vulnerabilities only. A vulnerability rated UNKNOWN (not yet rated) takes the
severity of its CVSS score, else MEDIUM: unrated is not harmless. The CVSS score and vector are
the highest version (v4, v3, v2) that the SeveritySource vendor or NVD gives, else any vendor, so
the score agrees with the rating. A misconfiguration that passed (PASS) is not a finding; one
excepted by policy (EXCEPTION) is suppressed.
"""

from .model import FindingError, new_finding, normalise_severity, severity_from_cvss
from .text import cves, cwes, plain

LABEL = "Trivy"
TOOL = "trivy"
UNRATED = "UNKNOWN"


def _results(document):
    results = document if isinstance(document, list) else document.get("Results")
    if results is None:  # a clean artifact: Trivy writes "Results": null, or omits it
        return []
    if not isinstance(results, list):
        raise FindingError("expected a list under 'Results'")
    return results


def detect(document):
    if isinstance(document, dict):
        return "SchemaVersion" in document and "ArtifactName" in document
    return (
        isinstance(document, list)
        and bool(document)
        and all(isinstance(result, dict) and "Target" in result for result in document)
    )


def describe(document):
    return {"tool": TOOL, "scope": document.get("ArtifactName") if isinstance(document, dict) else None}


def _highest_version(sources):
    """(score, vector) of the highest CVSS version (v4 over v3 over v2) among sources, or None."""
    best = (0, None, None)
    for source in sources:
        for version, prefix in ((4, "V40"), (3, "V3"), (2, "V2")):
            score = source.get(prefix + "Score")
            if score is not None and (version, score) > best[:2]:
                best = (version, float(score), source.get(prefix + "Vector"))
                break
    return best[1:] if best[1] is not None else None


def _cvss(vulnerability):
    """(score, vector) from the vendor Trivy took the severity from, or NVD, else any vendor."""
    by_vendor = vulnerability.get("CVSS") or {}
    preferred = [by_vendor[name] for name in (vulnerability.get("SeveritySource"), "nvd") if name in by_vendor]
    return _highest_version(preferred) or _highest_version(by_vendor.values()) or (None, None)


def _vulnerability_severity(severity, score):
    """Trivy's own rating; an UNKNOWN (not yet rated) one falls back on the CVSS score, else MEDIUM."""
    rated = normalise_severity(severity, None) if str(severity).upper() != UNRATED else None
    return rated or severity_from_cvss(score) or "MEDIUM"


def _vulnerability(result, vulnerability, scope):
    rule_id = vulnerability.get("VulnerabilityID")
    if not rule_id:
        raise FindingError(
            f"a vulnerability of {vulnerability.get('PkgName')} in {result.get('Target')} has no VulnerabilityID"
        )
    score, vector = _cvss(vulnerability)
    fixed = vulnerability.get("FixedVersion")
    references = [vulnerability.get("PrimaryURL")] + (vulnerability.get("References") or [])
    return new_finding(
        tool=TOOL,
        rule_id=rule_id,
        title=vulnerability.get("Title") or f"{rule_id} in {vulnerability.get('PkgName')}",
        description=plain(vulnerability.get("Description")),
        severity=_vulnerability_severity(vulnerability.get("Severity"), score),
        tool_severity=vulnerability.get("Severity"),
        cves=cves(rule_id, *(vulnerability.get("VendorIDs") or [])),
        cwes=cwes(vulnerability.get("CweIDs")),
        cvss_score=score,
        cvss_vector=vector,
        package_name=vulnerability.get("PkgName"),
        package_version=vulnerability.get("InstalledVersion"),
        package_purl=(vulnerability.get("PkgIdentifier") or {}).get("PURL"),
        file=vulnerability.get("PkgPath") or result.get("Target"),
        remediation=f"Upgrade {vulnerability.get('PkgName')} to {fixed}" if fixed else None,
        references=list(dict.fromkeys(filter(None, references))),
        scope=scope,
        first_seen=vulnerability.get("PublishedDate"),
    )


def _misconfiguration(result, misconfiguration, scope):
    location = misconfiguration.get("CauseMetadata") or {}
    return new_finding(
        tool=TOOL,
        rule_id=misconfiguration.get("AVDID") or misconfiguration["ID"],
        title=misconfiguration.get("Title"),
        description=plain(misconfiguration.get("Message") or misconfiguration.get("Description")),
        severity=normalise_severity(misconfiguration.get("Severity"), "MEDIUM"),
        tool_severity=misconfiguration.get("Severity"),
        status="suppressed" if misconfiguration.get("Status") == "EXCEPTION" else "active",
        file=result.get("Target"),
        line=location.get("StartLine"),
        remediation=plain(misconfiguration.get("Resolution")) or None,
        references=list(dict.fromkeys(filter(None, misconfiguration.get("References") or []))),
        scope=scope,
    )


def _secret(result, secret, scope):
    return new_finding(
        tool=TOOL,
        rule_id=secret["RuleID"],
        title=secret.get("Title"),
        # Match is the line with the secret masked by trivy: safe to keep, useful to find it.
        description=plain(secret.get("Match")),
        severity=normalise_severity(secret.get("Severity"), "HIGH"),
        tool_severity=secret.get("Severity"),
        file=result.get("Target"),
        line=secret.get("StartLine"),
        remediation="Revoke the secret, then remove it from the source and its history",
        scope=scope,
    )


def findings(document):
    scope = describe(document)["scope"]
    for result in _results(document):
        target_scope = scope or result.get("Target")
        for vulnerability in result.get("Vulnerabilities") or []:
            yield _vulnerability(result, vulnerability, target_scope)
        for misconfiguration in result.get("Misconfigurations") or []:
            if misconfiguration.get("Status", "FAIL") != "PASS":
                yield _misconfiguration(result, misconfiguration, target_scope)
        for secret in result.get("Secrets") or []:
            yield _secret(result, secret, target_scope)
