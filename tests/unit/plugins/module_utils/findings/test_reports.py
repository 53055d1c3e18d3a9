"""Reading reports: format detection, and clear errors that name the file."""

import json

import pytest

from ansible_collections.devsecops.aws.plugins.module_utils._findings import reports
from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import FindingError


@pytest.mark.parametrize(
    "name,expected",
    [
        ("dependency-check/dc-6.0.1-npm-virtual.json", "dependency_check"),
        ("zap/zap-2.14.0-baseline.json", "zap"),
        ("zap/zap-2.7.0-multisite.json", "zap"),
        ("sonarqube/issues-search-32-issues.json", "sonarqube"),
        ("sonarqube/issues-search-impacts-ws-example.json", "sonarqube"),
        ("sonarqube/hotspots-search.json", "sonarqube"),
        ("trivy/trivy-image-alpine-310.json", "trivy"),
        ("trivy/trivy-legacy-list.json", "trivy"),
        ("sarif/semgrep-1.69.0.sarif", "sarif"),
        ("sarif/codeql-2.5.8-python.sarif", "sarif"),
        ("kube-bench/kube-bench-testdata-result.json", "kube_bench"),
        ("kube-bench/kube-bench-testdata-controlsCollection.json", "kube_bench"),
        ("asff/trivy-alpine-310.asff.json", None),
        ("guardduty/eventbridge-partial-ssh-bruteforce.json", None),
    ],
)
def test_the_format_is_recognised_from_the_content(report, name, expected):
    """Our formats are told apart; other JSON (ASFF, a GuardDuty event) is nobody's."""
    with open(report(name), "rb") as handle:
        assert reports.detect_format(json.load(handle)) == expected


def write(tmp_path, content, name="report.json"):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return str(path)


@pytest.mark.parametrize(
    "content,message",
    [
        ("", "is empty"),
        ("   \n", "is empty"),
        ('{"site": [{"@name": "x", "alerts": [', "is not valid JSON (truncated?)"),
        (b"\xff\xfe{", "is not UTF-8 text"),
        ('{"hello": "world"}', "is in no format this collection reads"),
        ("[1, 2, 3]", "is in no format this collection reads"),
        ('{"site": [{"@name": "x", "alerts": [{"pluginid": "1"}]}]}', "cannot parse OWASP ZAP report"),
        ('{"site": [{"@name": "x", "alerts": [{"pluginid": "1", "riskcode": "7"}]}]}', "riskcode '7', expected 0 to 3"),
        ('{"reportSchema": "1.1", "dependencies": {"a": 1}}', "expected a list under 'dependencies'"),
        ('{"issues": [{"key": "x"}], "paging": {}}', "cannot parse SonarQube report"),
        ('{"SchemaVersion": 2, "ArtifactName": "x", "Results": {"a": 1}}', "expected a list under 'Results'"),
        ('{"version": "2.1.0", "runs": [{"results": []}]}', "cannot parse SARIF report"),
        ('{"issues": []}', "is in no format this collection reads"),
    ],
)
def test_a_bad_report_fails_with_a_message_naming_the_file(tmp_path, content, message):
    path = write(tmp_path, content)
    with pytest.raises(FindingError) as raised:
        reports.parse_report(path)
    assert message in str(raised.value)
    assert path in str(raised.value)


def test_a_missing_report_is_named(tmp_path):
    with pytest.raises(FindingError, match=f"cannot read report {tmp_path}/nope.json: No such file"):
        reports.parse_report(str(tmp_path / "nope.json"))


def test_a_report_forced_into_a_format_it_does_not_have_is_refused(report):
    """Not read into findings without files: the message says what it is and what was expected."""
    with pytest.raises(FindingError) as raised:
        reports.parse_report(report("zap/zap-2.14.0-baseline.json"), "dependency_check")
    assert "is not in the OWASP Dependency-Check format (it reads as OWASP ZAP): expected 'reportSchema'" in str(
        raised.value
    )
    with pytest.raises(FindingError, match=r"not in the SonarQube format \(it reads as Trivy\)"):
        reports.parse_report(report("trivy/trivy-k8s-resources.json"), "sonarqube")


def test_a_missing_key_is_named(tmp_path):
    path = write(tmp_path, '{"site": [{"@name": "x", "alerts": [{"riskcode": "1"}]}]}')
    with pytest.raises(FindingError, match="expected key 'pluginid' is missing"):
        reports.parse_report(path)


def test_iter_findings_streams_one_finding_at_a_time(report):
    stream = reports.iter_findings(report("zap/zap-2.14.0-baseline.json"))
    first = next(stream)
    assert first["tool"] == "zap"
    assert sum(1 for _finding in stream) == 60


def test_report_paths_takes_paths_then_path():
    assert reports.report_paths({"paths": ["a", "b"], "path": "c"}) == ["a", "b", "c"]
    assert reports.report_paths({"paths": None, "path": None}) == []


def test_every_format_is_offered_and_shared_options_match():
    assert reports.FORMATS == ("dependency_check", "zap", "sonarqube", "trivy", "sarif", "kube_bench")
    assert reports.REPORT_OPTIONS["format"]["choices"] == ["auto", *reports.FORMATS]
    assert reports.REPORT_OPTIONS["paths"] == {"type": "list", "elements": "path"}


def test_a_valid_report_without_findings_is_a_success_with_none(tmp_path, report):
    result = reports.parse_report(report("dependency-check/dc-8.2.1-npm-virtual-no-vulns.json"))
    assert (result["format"], result["findings"]) == ("dependency_check", [])
    clean = write(tmp_path, '{"SchemaVersion": 2, "ArtifactName": "alpine:3.20", "Results": null}')
    assert reports.parse_report(clean)["findings"] == []


def test_parse_reports_keeps_the_order_of_the_paths(report):
    names = ["sarif/trivy-alpine-310.sarif", "sonarqube/hotspots-search.json", "trivy/trivy-image-alpine-310.json"]
    results = reports.parse_reports([report(name) for name in names])
    assert [(r["format"], len(r["findings"])) for r in results] == [("sarif", 4), ("sonarqube", 4), ("trivy", 4)]
