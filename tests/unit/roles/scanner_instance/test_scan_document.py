"""The scan's SSM Command document: its parameters, and its script run here with the scanners'
stand-ins on PATH, the SonarQube stand-in serving the recorded analysis, and an `aws` command that
answers the token and copies what would go to S3 into a folder."""

import json
import os
import re
import subprocess
import tarfile
import zipfile

import pytest
import yaml

from tests.support.paths import ROOT
from tests.support.standins import build, sonarqube_server

DOCUMENT = yaml.safe_load((ROOT / "roles/scanner_instance/files/scan-document.yml").read_text())
SCRIPT = DOCUMENT["mainSteps"][0]["inputs"]["runCommand"][0]

FAKE_AWS = """#!/bin/sh
# ssm get-parameter ... prints the token; s3 cp DIR s3://... --recursive copies DIR's files.
case "$1 $2" in
  "ssm get-parameter") [ "$4" = "$EXPECTED_PARAMETER" ] && echo "$SCAN_TOKEN" ;;
  "s3 cp") dest="$FAKE_S3/${4#s3://}"; mkdir -p "$dest"; find "$3" -maxdepth 1 -type f ! -name '.*' -exec cp {} "$dest" \\; ;;
  *) exit 2 ;;
esac
"""


def test_the_document_is_a_command_document_of_schema_2_2():
    assert DOCUMENT["schemaVersion"] == "2.2"
    assert [step["action"] for step in DOCUMENT["mainSteps"]] == ["aws:runShellScript"]


def test_every_parameter_used_is_declared_and_restricted():
    used = set(re.findall(r"\{\{ *(\w+) *\}\}", SCRIPT))
    assert used == set(DOCUMENT["parameters"])
    for name, parameter in DOCUMENT["parameters"].items():
        pattern = parameter["allowedPattern"]
        assert not re.search(pattern, "x'; rm -rf / #"), name
        if "default" in parameter:
            assert re.search(pattern, parameter["default"]), name


def render(values):
    """The script as Run Command runs it: each {{ parameter }} replaced by its value or default."""
    parameters = DOCUMENT["parameters"]
    for name, value in values.items():
        assert re.search(parameters[name]["allowedPattern"], value), name
    return re.sub(r"\{\{ *(\w+) *\}\}", lambda m: values.get(m.group(1), parameters[m.group(1)].get("default")), SCRIPT)


@pytest.fixture
def host(tmp_path):
    """A PATH with the stand-in scanners and the fake aws command; their data under tmp_path."""
    archives = tmp_path / "archives"
    build.build(archives)
    tools, bin_dir = tmp_path / "tools", tmp_path / "bin"
    bin_dir.mkdir()
    for archive in archives.iterdir():
        if archive.suffix == ".zip":
            with zipfile.ZipFile(archive) as z:
                z.extractall(tools)
        else:
            with tarfile.open(archive) as t:
                t.extractall(tools, filter="data")
    # zipfile does not restore modes: the entry points and standin.py are the files with a #! line.
    for path in tools.rglob("*"):
        if path.is_file() and path.read_bytes().startswith(b"#!"):
            path.chmod(0o755)
    (bin_dir / "dependency-check").symlink_to(tools / "dependency-check/bin/dependency-check.sh")
    (bin_dir / "sonar-scanner").symlink_to(next(tools.glob("sonar-scanner-*/bin/sonar-scanner")))
    (bin_dir / "zap.sh").symlink_to(next(tools.glob("ZAP_*/zap.sh")))
    (bin_dir / "aws").write_text(FAKE_AWS)
    (bin_dir / "aws").chmod(0o755)
    (tmp_path / "source").mkdir()
    (tmp_path / "source" / "app.js").write_text("console.log(1)\n")
    return bin_dir


def run(tmp_path, host, url, token, dc_data):
    values = {
        "repository": "codecommit/sample-project", "sourcePath": str(tmp_path / "source"),
        "targetUrl": "http://127.0.0.1:9/", "runId": "run1", "reportBucket": "scan-reports",
        "sonarUrl": url, "workDir": str(tmp_path / "work"), "dependencyCheckData": str(dc_data),
        "zapPlan": str(ROOT / "roles/zap/files/scan-plan.yaml"),
    }
    env = dict(os.environ, PATH=f"{host}:{os.environ['PATH']}", FAKE_S3=str(tmp_path / "s3"), SCAN_TOKEN=token,
               EXPECTED_PARAMETER="/devsecops/scanner/sonarqube-token")
    return subprocess.run(["bash", "-c", render(values)], env=env, capture_output=True, text=True, timeout=120, check=False)


def test_the_scan_runs_the_three_tools_and_puts_every_report_in_s3(tmp_path, host):
    data = tmp_path / "nvd"
    subprocess.run([host / "dependency-check", "--updateonly", "--nvdApiKey", "k", "--data", data], check=True)
    with sonarqube_server(tmp_path / "sonarqube") as (url, token):
        result = run(tmp_path, host, url, token, data)
    assert result.returncode == 0, result.stdout + result.stderr
    s3 = tmp_path / "s3/scan-reports/scans/codecommit_sample-project/run1"
    assert result.stdout.strip() == "reports: s3://scan-reports/scans/codecommit_sample-project/run1/"
    assert {p.name for p in s3.glob("*.json")} == {
        "dependency-check-report.json", "zap-report.json", "sonarqube-issues.json", "sonarqube-hotspots.json"
    }
    assert len(json.loads((s3 / "sonarqube-issues.json").read_text())["issues"]) == 32
    assert json.loads((s3 / "zap-report.json").read_text())["@programName"] == "ZAP"


def test_a_failed_stage_is_named_and_the_other_reports_still_go_to_s3(tmp_path, host):
    with sonarqube_server(tmp_path / "sonarqube") as (url, token):
        result = run(tmp_path, host, url, token, tmp_path / "no-nvd-data")
    assert result.returncode == 1
    assert "failed stages: dependency_check" in result.stdout
    s3 = tmp_path / "s3/scan-reports/scans/codecommit_sample-project/run1"
    assert {p.name for p in s3.glob("*.json")} == {"zap-report.json", "sonarqube-issues.json", "sonarqube-hotspots.json"}
    assert "no NVD data" in (s3 / "dependency-check.log").read_text()
