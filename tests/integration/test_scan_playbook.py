"""playbooks/scan.yml end to end on this machine: a local sample project, recorded reports standing
in for Dependency-Check and ZAP, SonarQube's recorded analysis served page by page by the
stand-in server, findings sent to the local endpoint, the gate stopping the run."""

import json
import shutil

import pytest

from tests.support.fixtures import REPORTS
from tests.support.local_aws import client, run_playbook
from tests.support.paths import ROOT
from tests.support.standins import sonarqube_server

pytestmark = pytest.mark.slow

BUCKET = "sample-scan-reports"
TOKEN_PARAMETER = "/devsecops/scanner/sonarqube-token"


@pytest.fixture
def sonarqube(tmp_path):
    with sonarqube_server(tmp_path / "sonarqube") as server:
        yield server


@pytest.fixture
def scan(fresh_aws, sonarqube, tmp_path):
    url, token = sonarqube
    client(fresh_aws, "ssm").put_parameter(Name=TOKEN_PARAMETER, Value=token, Type="SecureString")
    client(fresh_aws, "s3").create_bucket(Bucket=BUCKET)
    recorded = tmp_path / "recorded"
    recorded.mkdir()

    def scan(*reports, **extra):
        for name, source in reports:
            shutil.copy(REPORTS / source, recorded / name)
        return run_playbook(
            fresh_aws,
            "playbooks/scan.yml",
            extra_vars={
                "scan_hosts": "localhost",
                "scan_repository": "sample-project",
                "scan_source_path": str(ROOT / "tests/fixtures/sample-project"),
                "scan_target_url": "http://127.0.0.1:9/",
                "scan_recorded_reports": str(recorded),
                "scan_sonarqube_url": url,
                "scan_sonarqube_page_size": 10,
                "scan_work_dir": str(tmp_path / "work"),
                "scan_report_dir": str(tmp_path / "reports"),
                "scan_report_bucket": BUCKET,
                "scan_run_id": "run1",
                "scan_poll_interval": 1,
                **extra,
            },
        )

    return scan


def held(endpoint):
    pages = client(endpoint, "securityhub").get_paginator("get_findings").paginate()
    findings = [finding for page in pages for finding in page["Findings"]]
    return {
        tool: [f for f in findings if f["Id"].startswith(f"devsecops/{tool}/")]
        for tool in ("dependency_check", "zap", "sonarqube")
    }


def stored(endpoint):
    listed = client(endpoint, "s3").list_objects_v2(Bucket=BUCKET, Prefix="scans/sample-project/run1/")
    return sorted(item["Key"].rsplit("/", 1)[1] for item in listed.get("Contents", []))


DC = ("dependency-check-report.json", "dependency-check/dc-6.0.1-npm-virtual.json")
ZAP = ("zap-report.json", "zap/zap-2.14.0-baseline.json")


def test_scan_sends_every_tool_to_security_hub_and_stops_on_the_gate(scan, fresh_aws, tmp_path):
    run = scan(DC, ZAP)
    assert run.rc != 0, run
    assert "security gate failed" in run.output, run
    assert "stage(s) failed" not in run.output

    findings = held(fresh_aws)
    assert all(findings.values()), {tool: len(found) for tool, found in findings.items()}
    for found in findings.values():
        assert {f["Resources"][0]["Id"] for f in found} == {"sample-project"}

    run_dir = tmp_path / "reports" / "sample-project" / "run1"
    issues = json.loads((run_dir / "sonarqube-issues.json").read_text())
    assert len(issues["issues"]) == 32 == issues["paging"]["total"]  # 4 pages of 10
    assert len({issue["key"] for issue in issues["issues"]}) == 32
    assert len(json.loads((run_dir / "sonarqube-hotspots.json").read_text())["hotspots"]) == 4

    expected = ["dependency-check-report.json", "security-gate.junit.xml", "security-gate.md", "security-gate.sarif",
                "sonarqube-hotspots.json", "sonarqube-issues.json", "zap-report.json"]
    assert stored(fresh_aws) == expected
    assert sorted(p.name for p in run_dir.iterdir()) == expected


def test_a_failed_stage_keeps_what_was_collected_and_the_gate_fails_closed(scan, fresh_aws, tmp_path):
    run = scan(DC)  # no recorded ZAP report: the ZAP stage fails
    assert run.rc != 0, run
    assert "stage(s) failed: zap" in run.output, run

    findings = held(fresh_aws)
    assert findings["dependency_check"] and findings["sonarqube"]
    assert findings["zap"] == []

    gate = (tmp_path / "reports" / "sample-project" / "run1" / "security-gate.md").read_text()
    assert "zap-report.json" in gate
    assert "zap-report.json" not in stored(fresh_aws)
    assert "dependency-check-report.json" in stored(fresh_aws)


def test_the_limits_an_awx_survey_sets_replace_the_policy_files(scan, fresh_aws, tmp_path):
    run = scan(DC, ZAP, scan_gate_max_critical=1, scan_gate_max_high=2)
    assert run.rc != 0, run
    gate = (tmp_path / "reports" / "sample-project" / "run1" / "security-gate.md").read_text()
    # The policy file allows none of either; the survey's limits are the ones judged.
    assert "at most 0 allowed" not in gate.split("max_findings.tools")[0], gate
    assert "HIGH findings, at most 2 allowed" in gate or "CRITICAL findings, at most 1 allowed" in gate, gate
