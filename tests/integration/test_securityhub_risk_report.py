"""devsecops.aws.securityhub_risk_report against the local endpoint, with findings of several products in Security Hub.

moto serves GetFindings with pagination but ignores its Filters: the closed findings seeded here show
that the module's own check keeps them out. The filters are checked against the service model in
tests/unit/plugins/modules/test_securityhub_risk_report_service_model.py.
"""

import copy
import json
from datetime import datetime, timedelta, timezone

import pytest

from ansible_collections.devsecops.aws.plugins.module_utils._findings import securityhub
from ansible_collections.devsecops.aws.plugins.modules import securityhub_risk_report

from tests.support import securityhub_samples as samples
from tests.support.local_aws import client, module_args
from tests.support.service_model import run_module

NOW = datetime(2026, 12, 1, 6, 0, tzinfo=timezone.utc)
WEEK = timedelta(days=7)


def stamp(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%S.000Z")


@pytest.fixture
def hub(fresh_aws):
    return client(fresh_aws, "securityhub")


def seed(hub, findings):
    for batch, _too_large in securityhub.batches(findings):
        assert hub.batch_import_findings(Findings=batch)["FailedCount"] == 0


@pytest.fixture
def report(fresh_aws, capsys):
    def report(report_dir, now, **args):
        return run_module(
            capsys, securityhub_risk_report, module_args(fresh_aws, report_dir=str(report_dir), now=stamp(now), **args)
        )

    return report


def several_products():
    """Two of our scans (over a page of GetFindings together), GuardDuty, Inspector and Config."""
    return samples.ours("webgoat") + samples.ours("petclinic") + samples.guardduty() + samples.inspector() + samples.config()


def test_every_open_finding_of_every_product_is_reported_over_several_pages(hub, report, tmp_path):
    findings = several_products()
    assert len(findings) > 100  # GetFindings answers 100 a page
    closed = copy.deepcopy(samples.guardduty()[0])
    closed.update(Id=closed["Id"] + "-archived", RecordState="ARCHIVED")
    seed(hub, findings + [closed])

    result = report(tmp_path, NOW)

    assert result["changed"] is True and result["first_report"] is True
    assert result["total"] == len(findings)
    assert {product: sum(counts.values()) for product, counts in result["by_product"].items()} == {
        "devsecops.aws": 130,
        "Inspector": 8,
        "GuardDuty": 4,
        "Config": 1,
    }
    assert result["by_severity"] == {"CRITICAL": 1, "HIGH": 6, "MEDIUM": 42, "LOW": 40, "INFORMATIONAL": 54}
    assert [(item["first_seen"], item["age_days"]) for item in result["oldest"]["HIGH"][:3]] == [
        ("2023-08-09T06:27:25Z", 1209),
        ("2023-08-21T07:01:06Z", 1197),
        ("2023-08-21T13:39:12Z", 1197),
    ]
    assert [item["age_days"] for item in result["oldest"]["CRITICAL"]] == [1208]
    scopes = {scope["name"]: scope for scope in result["scopes"]}
    assert scopes["webgoat"]["total"] == scopes["petclinic"]["total"] == 65
    assert scopes["arn:aws:s3:::config-integration-demo-bucket"]["by_severity"]["MEDIUM"] == 1
    for scope in result["scopes"]:
        assert (tmp_path / "scopes").joinpath(scope["html"].rsplit("/", 1)[-1]).is_file()
    html = (tmp_path / "risk-report.html").read_text(encoding="utf-8")
    assert "CVE-2023-37920 - certifi" in html and "1208 days" in html
    markdown = (tmp_path / "risk-report.md").read_text(encoding="utf-8")
    assert "| CRITICAL | 1 |" in markdown
    state = json.loads((tmp_path / "risk-report-state.json").read_text(encoding="utf-8"))
    assert len(state["open"]) == len(findings) and len(state["reports"]) == 1


def test_check_mode_writes_nothing(hub, report, tmp_path):
    seed(hub, samples.inspector())
    result = report(tmp_path / "risk", NOW, _ansible_check_mode=True)
    assert result["changed"] is True and result["total"] == 8
    assert not (tmp_path / "risk").exists()


def test_the_next_report_names_new_and_resolved_findings(hub, report, tmp_path):
    first = samples.guardduty() + samples.inspector()
    seed(hub, first)
    report(tmp_path, NOW - WEEK)

    # GuardDuty archives a finding it no longer sees; Config reports a bucket.
    archived = dict(copy.deepcopy(first[0]), RecordState="ARCHIVED", UpdatedAt=stamp(NOW - timedelta(days=1)))
    seed(hub, [archived] + samples.config())
    result = report(tmp_path, NOW)

    assert (result["first_report"], result["previous_generated_at"]) == (False, "2026-11-24T06:00:00Z")
    assert (result["new"], result["resolved"]) == (1, 1)
    assert result["new_findings"][0]["product"] == "Config"
    assert result["resolved_findings"][0]["id"] == first[0]["Id"]
    assert result["reports_kept"] == 2
    html = (tmp_path / "risk-report.html").read_text(encoding="utf-8")
    assert first[0]["Title"] in html.split('id="resolved"', 1)[1]
    # The chart has a bar for each report kept.
    assert html.count('data-report="2026-11-24T06:00:00Z"') >= 1 and html.count('data-report="2026-12-01T06:00:00Z"') >= 1


def test_an_unreadable_state_fails_with_its_path(hub, report, tmp_path):
    seed(hub, samples.config())
    (tmp_path / "risk-report-state.json").write_text("{not json", encoding="utf-8")
    result = report(tmp_path, NOW)
    assert result["failed"] and "risk-report-state.json" in result["msg"]


def test_a_scope_with_nothing_open_or_resolved_loses_its_files(hub, report, tmp_path):
    config = samples.config()
    seed(hub, config + samples.inspector())
    report(tmp_path, NOW - 2 * WEEK)
    bucket_pages = sorted((tmp_path / "scopes").glob("arn-aws-s3-config-integration-demo-bucket-*"))
    assert [page.suffix for page in bucket_pages] == [".html", ".md"]

    seed(hub, [dict(copy.deepcopy(config[0]), RecordState="ARCHIVED", UpdatedAt=stamp(NOW - WEEK))])
    resolved = report(tmp_path, NOW - WEEK)  # the bucket's report says what was resolved
    assert [scope["resolved"] for scope in resolved["scopes"] if scope["name"].endswith("demo-bucket")] == [1]
    assert all(page.exists() for page in bucket_pages)

    gone = report(tmp_path, NOW)
    assert not any(page.exists() for page in bucket_pages)
    assert sorted(item["path"] for item in gone["files"] if item.get("removed")) == [str(page) for page in bucket_pages]
