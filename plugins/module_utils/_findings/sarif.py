# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection.

SARIF 2.1.0 logs (Semgrep, CodeQL, Bandit, Trivy, Gitleaks, and any other tool that writes SARIF).
The tool is the first word of runs[].tool.driver.name, lower-cased ("Semgrep OSS" -> semgrep); the
scope is the run's versionControlProvenance repositoryUri, and a run without one has no scope of
its own (the task must say it before anything is resolved in Security Hub).

Severity comes from, in order: the `security-severity` property of the result, then of its rule (a
CVSS-like number, or a word as Semgrep writes it), the result's level, the rule's
defaultConfiguration level; SARIF's default level is "warning". A result of kind "pass" or
"notApplicable" is not a finding. A result the baseline comparison marks "absent" (gone since the
last scan) is resolved. A result with an accepted suppression (external or in source) is
suppressed; one whose suppressions are all under review or rejected stays active.

Identity: the rule and the result's `fingerprints` (else `partialFingerprints`), as code scanning
matches results; without them, the rule, the location with its column and a digest of the
message, so results on one line with different messages stay apart, and byte-identical results
are one finding (counted in `occurrences`). Fingerprint values with white space in them are
placeholders ("requires login"), not identities. A result without a ruleId (Gitleaks 7 writes
them) is of rule "no-rule" and identified by message and location; one with neither message nor
location cannot be identified and fails the report, naming it. Each location is a finding of its
own. Trivy names the package only in its message ("Package: libssl1.1"), so that is read too.
"""

import hashlib
import re

from .model import FindingError, new_finding, normalise_severity, severity_from_cvss
from .shape import field, integer, mapping, objects, optional_mapping, text, texts
from .text import cves, cwes, cwes_in_tags, plain, urls

LABEL = "SARIF"
EXPECTED = "'version' (or '$schema') and a list of 'runs' at the top level"
NO_RULE = "no-rule"
SUPPRESSION_ACCEPTED = "accepted"
NOT_FINDINGS = ("pass", "notApplicable")  # result kinds that report no problem
SECRET_TOOLS = ("gitleaks", "trufflehog", "detect-secrets", "ggshield", "secretlint")
IAC_TOOLS = ("checkov", "tfsec", "kics", "terrascan", "hadolint", "kube-linter", "kubelinter", "cfn-lint")
QUALITY_TAGS = ("maintainability", "reliability", "correctness", "quality", "style", "performance", "readability")
_MESSAGE_PACKAGE = re.compile(r"^Package: (\S+)$", re.MULTILINE)
_MESSAGE_VERSION = re.compile(r"^Installed Version: (\S+)$", re.MULTILINE)


def _runs(document):
    if not isinstance(mapping(document, "").get("runs"), list):
        raise FindingError("expected a list under 'runs'")
    return objects(document, "runs", "")


def _tool(run, where):
    driver = mapping(mapping(run.get("tool"), f"{where}.tool").get("driver"), f"{where}.tool.driver")
    name = (field(driver, "name", f"{where}.tool.driver") or "").split()
    return name[0].lower() if name else "sarif"


def detect(document):
    return isinstance(document, dict) and isinstance(document.get("runs"), list) and (
        "version" in document or "$schema" in document
    )


def _repository(run, where):
    """The repository scanned, when the run records it (CodeQL and GitHub uploads do)."""
    provenance = objects(run, "versionControlProvenance", where)
    return field(provenance[0][1], "repositoryUri", provenance[0][0]) if provenance else None


def describe(document):
    runs = _runs(document)
    tools = list(dict.fromkeys(_tool(run, where) for where, run in runs))
    repositories = list(dict.fromkeys(filter(None, (_repository(run, where) for where, run in runs))))
    return {"tool": ",".join(tools) or "sarif", "scope": ",".join(repositories) or None}


def _rules(run, where):
    """Rules by id, and by index for results that point at them with ruleIndex."""
    driver = run["tool"]["driver"]
    rules = [rule for dummy, rule in objects(driver, "rules", f"{where}.tool.driver")]
    return {rule.get("id"): rule for rule in rules if isinstance(rule.get("id"), str)}, rules


def _rule_of(result, where, by_id, by_index):
    reference = optional_mapping(result, "rule", where)
    index = result.get("ruleIndex", reference.get("index"))
    if isinstance(index, int) and not isinstance(index, bool) and 0 <= index < len(by_index):
        return by_index[index]
    return by_id.get(field(result, "ruleId", where) or field(reference, "id", f"{where}.rule")) or {}


def _severity(result, where, rule):
    """(severity, the tool's spelling)."""
    security = optional_mapping(result, "properties", where).get("security-severity")
    if security is None:
        security = optional_mapping(rule, "properties", "rule").get("security-severity")
    security = text(security, f"{where}.properties.security-severity")
    if security is not None:
        try:
            return severity_from_cvss(float(security)), security
        except ValueError:  # Semgrep writes a word here
            return normalise_severity(security, "MEDIUM"), security
    level = field(result, "level", where) or field(optional_mapping(rule, "defaultConfiguration", "rule"), "level", "rule")
    level = level or "warning"
    return normalise_severity(level, "MEDIUM"), level


def _text(container, key, where):
    message = optional_mapping(container, key, where)
    return plain(field(message, "text", f"{where}.{key}") or field(message, "markdown", f"{where}.{key}"))


def _status(result, where):
    if field(result, "baselineState", where) == "absent":
        return "resolved"
    suppressions = objects(result, "suppressions", where)
    # A suppression without a status is accepted (SARIF 2.1.0 section 3.35.3).
    if any((field(entry, "status", path) or SUPPRESSION_ACCEPTED) == SUPPRESSION_ACCEPTED for path, entry in suppressions):
        return "suppressed"
    return "active"


def _locations(result, where):
    """(file, line, column) of each physical location; one (None, None, None) when it has none."""
    places = []
    for path, location in objects(result, "locations", where):
        physical = optional_mapping(location, "physicalLocation", path)
        uri = field(optional_mapping(physical, "artifactLocation", path), "uri", f"{path}.artifactLocation")
        region = optional_mapping(physical, "region", path)
        places.append((uri, integer(region.get("startLine"), f"{path}.region.startLine"),
                       integer(region.get("startColumn"), f"{path}.region.startColumn")))
    return list(dict.fromkeys(places)) or [(None, None, None)]


def _fingerprint(result, where):
    """The result's own identity: its fingerprints, else its partial ones; None without either."""
    for key in ("fingerprints", "partialFingerprints"):
        values = optional_mapping(result, key, where)
        pairs = [f"{name}={text(value, f'{where}.{key}.{name}')}" for name, value in sorted(values.items())]
        pairs = [pair for pair in pairs if not any(blank in pair for blank in " \t\n")]
        if pairs:
            return ";".join(pairs)
    return None


def _package(message):
    """(name, version) of the package a Trivy message names, else (None, None)."""
    name, version = _MESSAGE_PACKAGE.search(message), _MESSAGE_VERSION.search(message)
    return (name.group(1) if name else None), (version.group(1) if version else None)


def _kind(tool, rule_id, tags, security):
    """What sort of problem a result is, from its tool, rule id and tags."""
    words = {str(tag).lower() for tag in tags}
    if tool in SECRET_TOOLS or words & {"secret", "secrets"}:
        return "secret"
    if tool in IAC_TOOLS or "misconfiguration" in words:
        return "misconfiguration"
    if security or cves(rule_id) or "security" in words or cwes_in_tags(tags):
        return "vulnerability"
    return "code_quality" if words & set(QUALITY_TAGS) else "vulnerability"


def _results(run, where, tool, scope):
    by_id, by_index = _rules(run, where)
    for path, result in objects(run, "results", where):
        if field(result, "kind", path) in NOT_FINDINGS:
            continue
        rule = _rule_of(result, path, by_id, by_index)
        rule_id = field(result, "ruleId", path) or field(rule, "id", "rule") or NO_RULE
        properties = optional_mapping(rule, "properties", "rule")
        tags = texts(properties, "tags", "rule.properties")
        severity, tool_severity = _severity(result, path, rule)
        message = _text(result, "message", path)
        places = _locations(result, path)
        if rule_id == NO_RULE and not message and places == [(None, None, None)]:
            raise FindingError(f"{path} has no ruleId, no message and no location: it cannot be identified")
        package_name, package_version = _package(message)
        fingerprint = _fingerprint(result, path)
        common = dict(
            tool=tool,
            rule_id=rule_id,
            title=_text(rule, "shortDescription", "rule") or message.split("\n", 1)[0] or field(rule, "name", "rule"),
            description=message or _text(rule, "fullDescription", "rule"),
            kind=_kind(tool, rule_id, tags, properties.get("security-severity")),
            severity=severity,
            tool_severity=tool_severity,
            status=_status(result, path),
            cves=cves(rule_id),
            cwes=cwes_in_tags(tags) + cwes(texts(properties, "cwe", "rule.properties")),
            package_name=package_name,
            package_version=package_version,
            remediation=_text(rule, "help", "rule") or None,
            references=urls(field(rule, "helpUri", "rule")),
            source_url=field(result, "hostedViewerUri", path),
            scope=scope,
            variant=None if fingerprint else hashlib.sha256(message.encode("utf-8")).hexdigest()[:16],
        )
        for file, line, column in places:
            tool_key = None
            if fingerprint:
                tool_key = f"{rule_id}|{fingerprint}" + (f"|{file}:{line}:{column}" if len(places) > 1 else "")
            yield new_finding(file=file, line=line, column=column, tool_key=tool_key, **common)


def findings(document):
    for where, run in _runs(document):
        yield from _results(run, where, _tool(run, where), _repository(run, where))
