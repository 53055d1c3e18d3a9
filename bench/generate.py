"""Scanner reports of N distinct findings, in each tool's real report format, for the benchmarks.

    python bench/generate.py --count 10000 --out-dir /tmp/reports            # every tool
    python bench/generate.py --count 1000 --tools trivy sarif --out-dir /tmp/reports

    from bench.generate import TOOLS, write_report
    path = write_report("zap", 1000, directory)

The structure follows the public samples in shared/fixtures/reports (see SOURCES.md): Dependency-
Check reportSchema 1.1 JSON, ZAP traditional JSON, SonarQube api/issues/search, Trivy SchemaVersion
2 JSON and SARIF 2.1.0 as Semgrep writes it. No two findings share what identifies a finding (CVE
and package, rule and URL and parameter, rule and file and line), so none collapse as duplicates.
The content is deterministic: the same count gives the same bytes. Reports are written without
indentation (the samples are pretty-printed; whitespace changes no structure and only slows the
writing of a 100,000-finding report in pure Python).
"""

import argparse
import hashlib
import json
import sys
from pathlib import Path

REPORT_DATE = "2026-11-28T09:30:00.000Z"
LOREM = (
    "A crafted request can make the component read or write outside its intended bounds. "
    "An attacker who can reach the affected code path may disclose data, corrupt state or cause "
    "a denial of service. Upgrade to a fixed release or apply the vendor's mitigation."
)


def _cve(index):
    # Six-digit sequence numbers are valid CVE ids and give 900,000 distinct ones a year.
    return f"CVE-2026-{100000 + index}"


def _pick(choices, index):
    return choices[index % len(choices)]


def _hex(text, size=40):
    return hashlib.sha256(text.encode()).hexdigest()[:size]


# ---- OWASP Dependency-Check JSON, reportSchema 1.1 (dc-6.0.1-npm-virtual, dc-12.1.1-cvssv4)

_DC_SEVERITIES = ("CRITICAL", "HIGH", "MEDIUM", "moderate", "LOW")
_DC_CVSS3 = {"CRITICAL": 9.8, "HIGH": 7.5, "MEDIUM": 5.3, "LOW": 3.1}
_DC_VULNS_PER_DEPENDENCY = 5


def _dc_vulnerability(index, package):
    severity = _pick(_DC_SEVERITIES, index)
    cve = _cve(index)
    vulnerability = {
        "source": "NVD",
        "name": cve,
        "severity": severity,
        "cwes": [f"CWE-{20 + index % 900}"],
        "description": f"{package} before the fixed release is affected by {cve}. {LOREM}",
        "notes": "",
        "references": [
            {"source": "nvd@nist.gov", "url": f"https://nvd.nist.gov/vuln/detail/{cve}", "name": "VENDOR_ADVISORY"},
            {"source": "security@example.org", "url": f"https://example.org/advisories/{cve}", "name": "PATCH"},
        ],
        "vulnerableSoftware": [
            {"software": {"id": f"cpe:2.3:a:example:{package}:*:*:*:*:*:*:*:*", "vulnerabilityIdMatched": "true"}}
        ],
    }
    if severity == "moderate":  # npm audit advisories arrive unscored, in npm's own spelling
        vulnerability.update(source="NPM", unscored="true")
        return vulnerability
    vulnerability["cvssv3"] = {
        "baseScore": _DC_CVSS3[severity],
        "attackVector": "NETWORK",
        "attackComplexity": "LOW",
        "privilegesRequired": "NONE",
        "userInteraction": "NONE",
        "scope": "UNCHANGED",
        "confidentialityImpact": "HIGH",
        "integrityImpact": "NONE",
        "availabilityImpact": "NONE",
        "baseSeverity": severity,
        "exploitabilityScore": "3.9",
        "impactScore": "3.6",
        "version": "3.1",
    }
    if index % 3 == 0:  # older NVD entries also carry CVSS v2 (its key spelt as the tool spells it)
        vulnerability["cvssv2"] = {
            "score": 5.0,
            "accessVector": "NETWORK",
            "accessComplexity": "LOW",
            "authenticationr": "NONE",
            "confidentialImpact": "PARTIAL",
            "integrityImpact": "NONE",
            "availabilityImpact": "NONE",
            "severity": "MEDIUM",
            "version": "2.0",
        }
    return vulnerability


def _dc_dependency(number, first, count):
    virtual = number % 2 == 1  # npm packages from package-lock.json are "virtual" dependencies
    name = f"bench-lib-{number}"
    version = f"{1 + number % 7}.{number % 10}.{number % 4}"
    if virtual:
        dependency = {
            "isVirtual": True,
            "fileName": f"{name}:{version}",
            "filePath": f"/work/app/package-lock.json?{name}",
            "projectReferences": ["package-lock.json: transitive"],
            "packages": [
                {"id": f"pkg:npm/{name}@{version}", "confidence": "HIGHEST",
                 "url": f"https://ossindex.sonatype.org/component/pkg:npm/{name}@{version}"}
            ],
        }
    else:
        dependency = {
            "isVirtual": False,
            "fileName": f"{name}-{version}.jar",
            "filePath": f"/work/app/target/lib/{name}-{version}.jar",
            "md5": _hex(name, 32),
            "sha1": _hex(name + "1"),
            "sha256": _hex(name + "256", 64),
            "description": f"The {name} library.",
            "packages": [
                {"id": f"pkg:maven/org.example/{name}@{version}", "confidence": "HIGH",
                 "url": f"https://ossindex.sonatype.org/component/pkg:maven/org.example/{name}@{version}"}
            ],
            "vulnerabilityIds": [
                {"id": f"cpe:2.3:a:example:{name}:{version}:*:*:*:*:*:*:*", "confidence": "HIGHEST"}
            ],
        }
    dependency["evidenceCollected"] = {
        f"{kind}Evidence": [{"type": kind, "confidence": "HIGHEST", "source": "file", "name": field, "value": value}]
        for kind, field, value in (("vendor", "name", name), ("product", "name", name), ("version", "version", version))
    }
    active, suppressed = [], []
    for index in range(first, first + count):
        # One in fifty is suppressed by a suppression file, as teams do with accepted risks.
        (suppressed if index % 50 == 49 else active).append(_dc_vulnerability(index, name))
    if active:
        dependency["vulnerabilities"] = active
    if suppressed:
        dependency["suppressedVulnerabilities"] = suppressed
    return dependency


def dependency_check_report(count):
    dependencies = [
        _dc_dependency(number, first, min(_DC_VULNS_PER_DEPENDENCY, count - first))
        for number, first in enumerate(range(0, count, _DC_VULNS_PER_DEPENDENCY))
    ]
    return {
        "reportSchema": "1.1",
        "scanInfo": {
            "engineVersion": "12.1.1",
            "dataSource": [{"name": "NVD API Last Checked", "timestamp": "2026-11-28T00:00:00Z"}],
        },
        "projectInfo": {"name": "bench-app", "reportDate": REPORT_DATE, "credits": {"NVD": "NVD data"}},
        "dependencies": dependencies,
    }


# ---- OWASP ZAP traditional JSON (zap-2.14.0-baseline, zap-traditional-json-escaping)

_ZAP_ALERT_TYPES = 50  # a baseline scan raises a few dozen alert types, each with many instances
_ZAP_RISKS = ("Informational", "Low", "Medium", "High")
_ZAP_CONFIDENCES = ("False Positive", "Low", "Medium", "High", "Confirmed")
_ZAP_SITE = "https://bench.example.com"


def _zap_alert(kind, instances):
    riskcode = kind % 4
    confidence = 0 if kind % 25 == 24 else 1 + kind % 3  # confidence 0 marks a false positive
    plugin = 10000 + kind
    return {
        "pluginid": str(plugin),
        "alertRef": f"{plugin}-1",
        "alert": f"Bench alert {kind}",
        "name": f"Bench alert {kind}",
        "riskcode": str(riskcode),
        "confidence": str(confidence),
        "riskdesc": f"{_ZAP_RISKS[riskcode]} ({_ZAP_CONFIDENCES[confidence]})",
        "desc": f"<p>{LOREM}</p>",
        "instances": instances,
        "count": str(len(instances)),
        "systemic": False,
        "solution": "<p>Set the header on every response the server sends.</p>",
        "otherinfo": "",
        "reference": f"<p>https://www.zaproxy.org/docs/alerts/{plugin}/</p><p>https://owasp.org/Top10/</p>",
        "cweid": str(16 + kind),
        "wascid": "15",
        "sourceid": str(kind),
    }


def zap_report(count):
    instances = [[] for _alert_type in range(min(count, _ZAP_ALERT_TYPES))]
    for index in range(count):
        instances[index % len(instances)].append(
            {
                "id": str(index),
                "uri": f"{_ZAP_SITE}/app/page-{index}",
                "nodeName": f"{_ZAP_SITE}/app/page-{index} (q)",
                "method": _pick(("GET", "POST"), index),
                "param": f"q{index % 7}",
                "attack": "",
                "evidence": "",
                "otherinfo": "",
            }
        )
    return {
        "@programName": "ZAP",
        "@version": "2.16.1",
        "@generated": "Sat, 28 Nov 2026 09:30:00",
        "created": REPORT_DATE,
        "site": [
            {
                "@name": _ZAP_SITE,
                "@host": "bench.example.com",
                "@port": "443",
                "@ssl": "true",
                "alerts": [_zap_alert(kind, alert_instances) for kind, alert_instances in enumerate(instances)],
            }
        ],
    }


# ---- SonarQube api/issues/search (issues-search-impacts-ws-example, issues-search-vulnerability)

_SONAR_PROJECT = "org.example:bench-app"
_SONAR_FILES = 200
_SONAR_RULES = ("java:S2076", "java:S3649", "java:S5131", "java:S2245", "java:S4790", "java:S1144")
_SONAR_SEVERITIES = ("BLOCKER", "CRITICAL", "MAJOR", "MINOR", "INFO")
_SONAR_IMPACT = {"BLOCKER": "HIGH", "CRITICAL": "HIGH", "MAJOR": "MEDIUM", "MINOR": "LOW", "INFO": "LOW"}
_SONAR_RESOLUTIONS = ("FALSE-POSITIVE", "WONTFIX", "FIXED")


def _sonar_file(number):
    return f"src/main/java/org/example/bench/Module{number}.java"


def _sonar_issue(index):
    severity = _pick(_SONAR_SEVERITIES, index)
    line = 1 + index // _SONAR_FILES  # with the file, makes every issue's location distinct
    issue = {
        "key": f"AY{_hex(str(index), 18)}",
        "rule": _pick(_SONAR_RULES, index),
        "severity": severity,
        "component": f"{_SONAR_PROJECT}:{_sonar_file(index % _SONAR_FILES)}",
        "project": _SONAR_PROJECT,
        "line": line,
        "hash": _hex(f"hash{index}", 32),
        "textRange": {"startLine": line, "endLine": line, "startOffset": 4, "endOffset": 40},
        "flows": [],
        "status": "OPEN",
        "message": f"Make sure that this user-controlled value is sanitised before use (issue {index}).",
        "effort": "10min",
        "debt": "10min",
        "author": "dev@example.com",
        "tags": ["cwe", "owasp-a3"],
        "creationDate": "2026-11-01T10:00:00+0000",
        "updateDate": "2026-11-28T09:30:00+0000",
        "type": _pick(("VULNERABILITY", "BUG", "CODE_SMELL"), index),
        "scope": "MAIN",
        "quickFixAvailable": False,
        "messageFormattings": [],
        "codeVariants": [],
    }
    if index % 40 == 39:  # triaged issues come back resolved
        issue.update(status="RESOLVED", resolution=_pick(_SONAR_RESOLUTIONS, index // 40))
    if index % 2 == 0:  # SonarQube 10.x adds impacts and clean-code attributes beside the legacy severity
        issue.update(
            cleanCodeAttribute="COMPLETE",
            cleanCodeAttributeCategory="INTENTIONAL",
            simpleStatus="ACCEPTED" if issue["status"] == "RESOLVED" else "OPEN",
            impacts=[{"softwareQuality": "SECURITY", "severity": _SONAR_IMPACT[severity]}],
        )
    return issue


def sonarqube_report(count):
    components = [
        {"key": f"{_SONAR_PROJECT}:{_sonar_file(number)}", "enabled": True, "qualifier": "FIL",
         "name": Path(_sonar_file(number)).name, "longName": _sonar_file(number), "path": _sonar_file(number)}
        for number in range(min(count, _SONAR_FILES))
    ]
    components.append(
        {"key": _SONAR_PROJECT, "enabled": True, "qualifier": "TRK", "name": "bench-app", "longName": "bench-app"}
    )
    # One document with every issue: the real API pages at 500, and exporters concatenate the pages.
    return {
        "total": count,
        "p": 1,
        "ps": count,
        "paging": {"pageIndex": 1, "pageSize": count, "total": count},
        "effortTotal": 10 * count,
        "issues": [_sonar_issue(index) for index in range(count)],
        "components": components,
        "facets": [],
    }


# ---- Trivy JSON, SchemaVersion 2 (trivy-image-alpine-310, trivy-image-os-and-lang-pkgs)

_TRIVY_SEVERITIES = ("CRITICAL", "HIGH", "MEDIUM", "LOW", "UNKNOWN")
_TRIVY_PACKAGES = 500
_TRIVY_IMAGE = "123456789012.dkr.ecr.us-east-1.amazonaws.com/bench-app:1.0.0"


def _trivy_vulnerability(index, purl_type):
    cve = _cve(index)
    package = f"bench-pkg-{index % _TRIVY_PACKAGES}"
    version = f"{1 + index % 5}.{index % 10}.0"
    purl = f"pkg:{purl_type}/{package}@{version}"
    return {
        "VulnerabilityID": cve,
        "PkgID": f"{package}@{version}",
        "PkgName": package,
        "PkgIdentifier": {"PURL": purl, "UID": _hex(purl, 16)},
        "InstalledVersion": version,
        "FixedVersion": f"{2 + index % 5}.0.0",
        "Status": "fixed",
        "Layer": {"Digest": "sha256:" + _hex("layer", 64), "DiffID": "sha256:" + _hex("diff", 64)},
        "SeveritySource": "nvd",
        "PrimaryURL": f"https://avd.aquasec.com/nvd/{cve.lower()}",
        "DataSource": {"ID": "alpine", "Name": "Alpine Secdb", "URL": "https://secdb.alpinelinux.org/"},
        "Fingerprint": "sha256:" + _hex(f"{cve}{purl}", 64),
        "Title": f"{package}: out-of-bounds read in the parser",
        "Description": f"{cve} in {package}. {LOREM}",
        "Severity": _pick(_TRIVY_SEVERITIES, index),
        "CweIDs": [f"CWE-{20 + index % 900}"],
        "VendorSeverity": {"nvd": 1 + index % 4, "redhat": 1 + index % 3},
        "CVSS": {
            "nvd": {"V3Vector": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", "V3Score": 7.5},
            "redhat": {"V3Vector": "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:N", "V3Score": 4.8},
        },
        "References": [f"https://nvd.nist.gov/vuln/detail/{cve}", f"https://security.example.org/{cve}"],
        "PublishedDate": "2026-10-01T17:15:00Z",
        "LastModifiedDate": "2026-11-20T22:15:00Z",
    }


def trivy_report(count):
    # Nine in ten in the OS packages, the rest in one language-package target, as in an image scan.
    os_count = count - count // 10
    return {
        "SchemaVersion": 2,
        "Trivy": {"Version": "0.69.1"},
        "ReportID": "019b0000-0000-7000-8000-000000000001",
        "CreatedAt": "2026-11-28T09:30:00.000000000Z",
        "ArtifactName": _TRIVY_IMAGE,
        "ArtifactType": "container_image",
        "Metadata": {
            "OS": {"Family": "alpine", "Name": "3.20.3"},
            "ImageID": "sha256:" + _hex("image", 64),
            "RepoTags": [_TRIVY_IMAGE],
            "Reference": _TRIVY_IMAGE,
        },
        "Results": [
            {
                "Target": f"{_TRIVY_IMAGE} (alpine 3.20.3)",
                "Class": "os-pkgs",
                "Type": "alpine",
                "Vulnerabilities": [_trivy_vulnerability(index, "apk/alpine") for index in range(os_count)],
            },
            {
                "Target": "app/package-lock.json",
                "Class": "lang-pkgs",
                "Type": "npm",
                "Vulnerabilities": [_trivy_vulnerability(index, "npm") for index in range(os_count, count)],
            },
        ],
    }


# ---- SARIF 2.1.0 as Semgrep writes it (semgrep-1.69.0.sarif, trivy-alpine-310.sarif)

_SARIF_RULES = 40
_SARIF_LEVELS = ("error", "warning", "note")
_SARIF_SEVERITIES = ("HIGH", "MEDIUM", "LOW")


def _sarif_rule_id(number):
    return f"javascript.bench.security.rule-{number}"


def _sarif_rule(number):
    return {
        "id": _sarif_rule_id(number),
        "name": _sarif_rule_id(number),
        "shortDescription": {"text": f"Bench rule {number}"},
        "fullDescription": {"text": LOREM},
        "help": {"text": LOREM, "markdown": LOREM},
        "defaultConfiguration": {"level": _pick(_SARIF_LEVELS, number)},
        "helpUri": f"https://semgrep.dev/r/{_sarif_rule_id(number)}",
        "properties": {
            "precision": "very-high",
            "security-severity": _pick(_SARIF_SEVERITIES, number),
            "tags": [f"CWE-{79 + number}", "OWASP-A03:2021-Injection", "security"],
        },
    }


def _sarif_result(index):
    rule = index % _SARIF_RULES
    uri = f"src/routes/module{index % 300}.js"
    line = 1 + index // 300  # with the file, makes every result's location distinct
    return {
        "ruleId": _sarif_rule_id(rule),
        "ruleIndex": rule,
        "level": _pick(_SARIF_LEVELS, rule),
        "message": {"text": f"User input reaches a sensitive sink without sanitisation (result {index})."},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": {"uri": uri, "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": line, "startColumn": 5, "endLine": line, "endColumn": 42,
                               "snippet": {"text": "      const buffer = fs.readFileSync(req.query.file)"}},
                }
            }
        ],
        "fingerprints": {"matchBasedId/v1": _hex(f"result{index}", 64)},
        "properties": {},
    }


def sarif_report(count):
    return {
        "$schema": "https://docs.oasis-open.org/sarif/sarif/v2.1.0/os/schemas/sarif-schema-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "Semgrep OSS",
                        "semanticVersion": "1.69.0",
                        "rules": [_sarif_rule(number) for number in range(_SARIF_RULES)],
                    }
                },
                "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": []}],
                "results": [_sarif_result(index) for index in range(count)],
            }
        ],
    }


# Tool name as the parsers call it -> (report builder, file name the tool writes by default).
TOOLS = {
    "dependency_check": (dependency_check_report, "dependency-check-report.json"),
    "zap": (zap_report, "zap-report.json"),
    "sonarqube": (sonarqube_report, "sonarqube-issues.json"),
    "trivy": (trivy_report, "trivy-report.json"),
    "sarif": (sarif_report, "semgrep.sarif"),
}


def write_report(tool, count, directory):
    """Write `tool`'s report of `count` findings into `directory`; returns its path."""
    build, file_name = TOOLS[tool]
    path = Path(directory) / f"{count}-{file_name}"
    path.write_text(json.dumps(build(count)), encoding="utf-8")
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, required=True, help="findings in each report")
    parser.add_argument("--tools", nargs="+", choices=sorted(TOOLS), default=list(TOOLS))
    parser.add_argument("--out-dir", type=Path, required=True)
    args = parser.parse_args(argv)
    args.out_dir.mkdir(parents=True, exist_ok=True)
    for tool in args.tools:
        path = write_report(tool, args.count, args.out_dir)
        print(f"{tool:17} {args.count:>8,} findings  {path.stat().st_size / 1e6:8.1f} MB  {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
