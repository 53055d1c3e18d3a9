# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection.

OWASP Dependency-Check JSON reports (reportSchema 1.x, Dependency-Check 5 to 12): every
vulnerability of every dependency, virtual ones (npm, Python) included, and every suppressed one
with status "suppressed". Severities come in several spellings (CRITICAL, moderate, medium); any
of CVSS v2, v3 and v4 may be missing, and the highest version present gives the score.
"""

from urllib.parse import unquote

from .model import FindingError, new_finding, normalise_severity, severity_from_cvss
from .text import cves, cwes, plain

LABEL = "OWASP Dependency-Check"
TOOL = "dependency_check"


def detect(document):
    return isinstance(document, dict) and "reportSchema" in document and "dependencies" in document


def describe(document):
    return {"tool": TOOL, "scope": (document.get("projectInfo") or {}).get("name")}


def _cvss(vulnerability):
    """(score, vector) of the highest CVSS version the vulnerability carries."""
    for key, score_key in (("cvssv4", "baseScore"), ("cvssv3", "baseScore"), ("cvssv2", "score")):
        cvss = vulnerability.get(key)
        if cvss and cvss.get(score_key) is not None:
            return float(cvss[score_key]), cvss.get("vectorString")
    return None, None


def _package(dependency):
    """(name, version, purl) of a dependency: from its package URL when it has one."""
    purl = next((package["id"] for package in dependency.get("packages") or [] if package.get("id")), None)
    if purl and purl.startswith("pkg:") and "/" in purl:
        coordinates = unquote(purl.split("?", 1)[0].split("/", 1)[1])
        name, _, version = coordinates.rpartition("@")
        return (name or version), (version if name else None), purl
    return dependency.get("fileName"), None, purl


def findings(document):
    scope = describe(document)["scope"]
    last_seen = (document.get("projectInfo") or {}).get("reportDate")
    dependencies = document["dependencies"]
    if not isinstance(dependencies, list):
        raise FindingError("expected a list under 'dependencies'")
    for dependency in dependencies:
        name, version, purl = _package(dependency)
        label = f"{name}@{version}" if version else name
        for status, key in (("active", "vulnerabilities"), ("suppressed", "suppressedVulnerabilities")):
            for vulnerability in dependency.get(key) or []:
                rule_id = vulnerability["name"]
                score, vector = _cvss(vulnerability)
                references = vulnerability.get("references") or []
                reference_urls = [ref["url"] for ref in references if ref.get("url")]
                yield new_finding(
                    tool=TOOL,
                    rule_id=rule_id,
                    title=f"{rule_id} in {label}",
                    description=plain(vulnerability.get("description")),
                    severity=normalise_severity(vulnerability.get("severity"), severity_from_cvss(score) or "MEDIUM"),
                    tool_severity=vulnerability.get("severity"),
                    status=status,
                    cves=cves(rule_id, *(ref.get("name") for ref in references), *reference_urls),
                    cwes=cwes(vulnerability.get("cwes")),
                    cvss_score=score,
                    cvss_vector=vector,
                    package_name=name,
                    package_version=version,
                    package_purl=purl,
                    file=dependency.get("filePath"),
                    references=reference_urls,
                    scope=scope,
                    last_seen=last_seen,
                )
