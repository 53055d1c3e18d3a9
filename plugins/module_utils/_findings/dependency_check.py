# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection.

OWASP Dependency-Check JSON reports (reportSchema 1.x, Dependency-Check 5 to 12): every
vulnerability of every dependency, virtual ones (npm, Python) included, and every suppressed one
with status "suppressed". Severities come in several spellings (CRITICAL, moderate, medium); any
of CVSS v2, v3 and v4 may be missing, and the highest version present gives the score, with the
version of that block (a v3 block without a vector is still v3).

A report whose `scanInfo.analysisExceptions` lists failures (npm audit failed, OSS Index
unreachable) is incomplete: describe() says so, and the gate fails closed on it.
"""

from urllib.parse import unquote

from .model import FindingError, new_finding, normalise_severity, severity_from_cvss
from .shape import field, mapping, number, objects, optional_mapping, required, text, texts
from .text import cves, cwes, plain

LABEL = "OWASP Dependency-Check"
EXPECTED = "'reportSchema' and a list of 'dependencies' at the top level"
TOOL = "dependency_check"
# (block, score key, the version when the block does not say)
_CVSS_BLOCKS = (("cvssv4", "baseScore", "4.0"), ("cvssv3", "baseScore", "3"), ("cvssv2", "score", "2.0"))


def detect(document):
    return isinstance(document, dict) and "reportSchema" in document and "dependencies" in document


def _exceptions(document):
    """One line per analysis exception: the message, and its cause when it has one."""
    scan_info = optional_mapping(document, "scanInfo", "scanInfo")
    lines = []
    for where, entry in objects(scan_info, "analysisExceptions", "scanInfo"):
        exception = optional_mapping(entry, "exception", where)
        message = text(exception.get("message"), f"{where}.exception.message") or "an analysis exception"
        cause = text(optional_mapping(exception, "cause", f"{where}.exception").get("message"), f"{where}.cause")
        lines.append(f"{message} (cause: {cause})" if cause else message)
    return lines


def describe(document):
    project = optional_mapping(mapping(document, ""), "projectInfo", "projectInfo")
    about = {"tool": TOOL, "scope": text(project.get("name"), "projectInfo.name") or None}
    failures = _exceptions(document)
    if failures:
        about["incomplete"] = [f"Dependency-Check analysis failed: {line}" for line in failures]
    return about


def _cvss(vulnerability, where):
    """(score, vector, version) of the highest CVSS version the vulnerability carries."""
    for key, score_key, default_version in _CVSS_BLOCKS:
        block = optional_mapping(vulnerability, key, where)
        score = number(block.get(score_key), f"{where}.{key}.{score_key}")
        if score is not None:
            vector = text(block.get("vectorString"), f"{where}.{key}.vectorString")
            version = text(block.get("version"), f"{where}.{key}.version")
            if not version and vector and vector.startswith("CVSS:"):
                version = vector.split("/", 1)[0][5:]
            return score, vector, version or default_version
    return None, None, None


def _package(dependency, where):
    """(name, version, purl) of a dependency: from its package URL when it has one."""
    ids = (field(package, "id", path) for path, package in objects(dependency, "packages", where))
    purl = next((package_id for package_id in ids if package_id), None)
    if purl and purl.startswith("pkg:") and "/" in purl:
        coordinates = unquote(purl.split("?", 1)[0].split("/", 1)[1])
        name, _at, version = coordinates.rpartition("@")
        return (name or version), (version if name else None), purl
    return field(dependency, "fileName", where), None, purl


def _references(vulnerability, where):
    """(urls, names) of a vulnerability's references."""
    urls, names = [], []
    for path, reference in objects(vulnerability, "references", where):
        urls.append(field(reference, "url", path))
        names.append(field(reference, "name", path))
    return [url for url in urls if url], names


def findings(document):
    scope = describe(document)["scope"]
    last_seen = text(optional_mapping(document, "projectInfo", "projectInfo").get("reportDate"), "projectInfo.reportDate")
    if not isinstance(document.get("dependencies"), list):
        raise FindingError("expected a list under 'dependencies'")
    for where, dependency in objects(document, "dependencies", ""):
        name, version, purl = _package(dependency, where)
        label = f"{name}@{version}" if version else name
        file = field(dependency, "filePath", where)
        for status, key in (("active", "vulnerabilities"), ("suppressed", "suppressedVulnerabilities")):
            for path, vulnerability in objects(dependency, key, where):
                rule_id = text(required(vulnerability, "name", path), f"{path}.name")
                score, vector, cvss_version = _cvss(vulnerability, path)
                reference_urls, reference_names = _references(vulnerability, path)
                tool_severity = field(vulnerability, "severity", path)
                yield new_finding(
                    tool=TOOL,
                    rule_id=rule_id,
                    title=f"{rule_id} in {label}",
                    description=plain(field(vulnerability, "description", path)),
                    severity=normalise_severity(tool_severity, severity_from_cvss(score) or "MEDIUM"),
                    tool_severity=tool_severity,
                    status=status,
                    cves=cves(rule_id, *reference_names, *reference_urls),
                    cwes=cwes(texts(vulnerability, "cwes", path)),
                    cvss_score=score,
                    cvss_vector=vector,
                    cvss_version=cvss_version,
                    package_name=name,
                    package_version=version,
                    package_purl=purl,
                    file=file,
                    references=reference_urls,
                    scope=scope,
                    last_seen=last_seen,
                )
