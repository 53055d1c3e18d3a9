"""devsecops.aws.scan_findings: reports in, findings and a summary out, clear failures."""

from ansible_collections.devsecops.aws.plugins.modules import scan_findings

from tests.support.fixtures import REPORTS
from tests.support.service_model import run_module


def test_reports_of_several_tools_come_back_as_one_list(capsys):
    result = run_module(
        capsys,
        scan_findings,
        {"paths": [str(REPORTS / "dependency-check/dc-6.0.1-npm-virtual.json"), str(REPORTS / "zap/zap-odd-cases.json")]},
    )
    assert result["changed"] is False
    assert len(result["findings"]) == 15 + 5
    assert [(r["tool"], r["count"]) for r in result["reports"]] == [("dependency_check", 15), ("zap", 5)]
    assert result["summary"]["by_tool"]["zap"]["HIGH"] == 3
    assert result["summary"]["by_status"]["false_positive"] == 1
    assert result["summary"]["active"]["CRITICAL"] == 5


def test_a_truncated_report_fails_the_task_naming_it(capsys, tmp_path):
    broken = tmp_path / "zap.json"
    broken.write_text((REPORTS / "zap/zap-odd-cases.json").read_text()[:300])
    result = run_module(capsys, scan_findings, {"path": str(broken)})
    assert result["failed"] is True
    assert result["msg"].startswith(f"report {broken} is not valid JSON (truncated?)")
    assert "findings" not in result


def test_path_or_paths_is_required(capsys):
    result = run_module(capsys, scan_findings, {})
    assert result["failed"] is True
    assert "one of the following is required: path, paths" in result["msg"]


def test_check_mode_returns_the_same_findings(capsys):
    args = {"paths": [str(REPORTS / "sarif/sarif-odd-cases.sarif"), str(REPORTS / "trivy/trivy-odd-cases.json")]}
    normal = run_module(capsys, scan_findings, args)
    checked = run_module(capsys, scan_findings, dict(args, _ansible_check_mode=True))
    assert checked["changed"] is False
    assert checked["findings"] == normal["findings"]
    assert [(r["format"], r["count"]) for r in checked["reports"]] == [("sarif", 8), ("trivy", 6)]


def test_a_report_forced_into_another_format_is_refused(capsys):
    path = str(REPORTS / "zap/zap-odd-cases.json")
    result = run_module(capsys, scan_findings, {"path": path, "format": "sonarqube"})
    assert result["failed"] is True
    assert result["msg"].startswith(f"report {path} is not in the SonarQube format (it reads as OWASP ZAP)")


def test_an_unrecognised_report_fails_and_says_which_reports_were_read(capsys):
    good, other = str(REPORTS / "sonarqube/hotspots-search.json"), str(REPORTS / "asff/trivy-alpine-310.asff.json")
    result = run_module(capsys, scan_findings, {"paths": [good, other]})
    assert result["failed"] is True
    assert result["msg"].startswith(f"report {other} is in no format this collection reads")
    assert [r["path"] for r in result["reports"]] == [good]


def test_a_missing_report_fails_naming_it(capsys, tmp_path):
    result = run_module(capsys, scan_findings, {"path": str(tmp_path / "gone.json")})
    assert result["failed"] is True
    assert result["msg"] == f"cannot read report {tmp_path / 'gone.json'}: No such file or directory"


def test_an_incomplete_scan_is_a_warning_and_a_field_of_the_result(capsys):
    path = str(REPORTS / "dependency-check/dc-5.2.4-with-exceptions.json")
    result = run_module(capsys, scan_findings, {"path": path})
    assert "failed" not in result
    assert len(result["findings"]) == 1  # what it did find is returned
    (report,) = result["reports"]
    assert report["incomplete"] == result["incomplete"][0]["incomplete"]
    assert "Failed to request component-reports" in report["incomplete"][0]
    warnings = [w["event"]["msg"] if isinstance(w, dict) else w for w in result["warnings"]]  # ansible-core 2.19+
    assert [w for w in warnings if w.startswith(f"{path}: the dependency_check scan is incomplete: ")], warnings


def test_the_aws_groups_connection_options_are_accepted_and_ignored(capsys):
    """In the aws action group, so module_defaults give it region, endpoint and credentials."""
    connection = dict(region="eu-west-1", endpoint_url="http://127.0.0.1:1", access_key="a", secret_key="b", profile=None)
    result = run_module(capsys, scan_findings, dict(connection, path=str(REPORTS / "zap/zap-odd-cases.json")))
    assert "failed" not in result and len(result["findings"]) == 5
