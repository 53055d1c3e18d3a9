"""The risk report's content (risk.build) and rendering (risk_render), on real-format findings of several products."""

import copy
import json
import re
from datetime import datetime, timedelta, timezone

import pytest

from ansible_collections.devsecops.aws.plugins.module_utils._findings import risk, risk_render

from tests.support import securityhub_samples as samples

NOW = datetime(2026, 12, 1, 6, 0, tzinfo=timezone.utc)


def closed(finding, **change):
    return dict(copy.deepcopy(finding), **change)


def test_open_findings_of_every_product_are_counted_by_product_and_severity():
    report, _state = risk.build(samples.all_products(), NOW)
    overall = report["overall"]
    totals = {product: sum(counts.values()) for product, counts in overall["by_product"].items()}
    assert totals == {"devsecops.aws": len(samples.ours()), "GuardDuty": 4, "Inspector": 8, "Config": 1}
    assert overall["by_product"]["Inspector"] == {"CRITICAL": 1, "HIGH": 6, "MEDIUM": 1, "LOW": 0, "INFORMATIONAL": 0}
    assert overall["by_product"]["GuardDuty"] == {"CRITICAL": 0, "HIGH": 0, "MEDIUM": 2, "LOW": 2, "INFORMATIONAL": 0}
    assert overall["total"] == sum(overall["by_severity"].values()) == len(samples.all_products())
    # Our findings name their scanner as the tool; another product is its own tool.
    assert {"trivy", "zap", "guardduty", "inspector", "config"} == set(overall["by_tool"])


@pytest.mark.parametrize(
    "change",
    [{"RecordState": "ARCHIVED"}, {"Workflow": {"Status": "RESOLVED"}}, {"Workflow": {"Status": "SUPPRESSED"}}],
    ids=["archived", "resolved", "suppressed"],
)
def test_closed_findings_are_left_out(change):
    findings = samples.guardduty()
    report, state = risk.build([closed(findings[0], **change)] + findings[1:], NOW)
    assert report["overall"]["total"] == 3
    assert len(state["open"]) == 3


def test_notified_findings_are_open():
    findings = [closed(finding, Workflow={"Status": "NOTIFIED"}) for finding in samples.guardduty()]
    assert risk.build(findings, NOW)[0]["overall"]["total"] == 4


def test_oldest_critical_and_high_are_listed_oldest_first_with_their_age():
    report, _state = risk.build(samples.all_products(), NOW, oldest_count=3)
    oldest = report["overall"]["oldest"]
    assert [(item["title"], item["age_days"]) for item in oldest["HIGH"]] == [
        ("CVE-2022-32149 - golang.org/x/text, golang.org/x/text and 1 more", 1209),
        ("CVE-2023-25194 - org.apache.kafka:kafka-clients", 1197),
        ("CVE-2023-37788 - github.com/elazarl/goproxy", 1197),
    ]
    critical = oldest["CRITICAL"]
    assert critical[0]["title"].startswith("CVE-2023-37920 - certifi") and critical[0]["age_days"] == 1208
    assert critical[0]["first_seen"] == "2023-08-10T07:36:46Z"
    assert [item["first_seen"] for item in critical] == sorted(item["first_seen"] for item in critical)


def test_a_second_report_names_what_is_new_and_what_was_resolved():
    first_findings = samples.guardduty() + samples.inspector()
    _report, state = risk.build(first_findings, NOW - timedelta(days=7))
    resolved = first_findings[0]
    second_findings = [closed(resolved, RecordState="ARCHIVED")] + first_findings[1:] + samples.config()
    report, state = risk.build(second_findings, NOW, json.loads(json.dumps(state)))
    overall = report["overall"]
    assert overall["first_report"] is False and report["previous_generated_at"] == "2026-11-24T06:00:00Z"
    assert [item["product"] for item in overall["new"]] == ["Config"]
    assert [item["id"] for item in overall["resolved"]] == [resolved["Id"]]
    # The scope the resolved finding was about lists it too, though nothing of it is open now.
    scope = next(part for part in report["scopes"] if part["name"] == resolved["Resources"][0]["Id"])
    assert [item["id"] for item in scope["resolved"]] == [resolved["Id"]]
    assert [entry["counts"]["MEDIUM"] for entry in overall["history"]] == [3, 3]


def test_a_first_report_has_nothing_to_compare_with():
    report, _state = risk.build(samples.config(), NOW)
    assert report["overall"]["first_report"] is True
    assert report["overall"]["new"] == report["overall"]["resolved"] == []
    assert "First report" in risk.summary(report)
    page = risk_render.page(report, report["overall"], "Risk")
    assert '<p id="new">First report: nothing to compare with yet.</p>' in page


def test_the_state_keeps_at_most_keep_reports():
    state = None
    for week in range(5):
        _report, state = risk.build(samples.config(), NOW + timedelta(days=7 * week), state, keep_reports=3)
    assert [entry["generated_at"][:10] for entry in state["reports"]] == ["2026-12-15", "2026-12-22", "2026-12-29"]


def test_scopes_are_what_the_collection_calls_a_scope_or_the_account():
    findings = samples.ours() + samples.inspector()
    by_scope, _state = risk.build(findings, NOW)
    names = [part["name"] for part in by_scope["scopes"]]
    assert "webgoat" in names  # our scans' scope
    assert any(name.startswith("arn:aws:ecr:eu-central-1:123456789012:repository/repo-poetry/") for name in names)
    by_account, _state = risk.build(findings, NOW, scope_by="account")
    assert sorted(part["name"] for part in by_account["scopes"]) == ["123456789012", "123456789123"]


def test_scopes_are_listed_worst_first():
    report, _state = risk.build(samples.all_products(), NOW)
    badness = [tuple(part["by_severity"].values()) for part in report["scopes"]]
    assert badness == sorted(badness, reverse=True)


def test_a_severity_without_label_comes_from_the_normalized_score():
    finding = closed(samples.config()[0], Severity={"Normalized": 95})
    assert risk.build([finding], NOW)[0]["overall"]["by_severity"]["CRITICAL"] == 1


@pytest.mark.parametrize(
    "state, message",
    [({"version": 9}, "not a risk report state of version 1"), ({"version": 1, "reports": {}, "open": {}}, "expected 'reports'")],
)
def test_a_state_of_another_shape_is_refused(state, message):
    with pytest.raises(risk.StateError, match=message):
        risk.build([], NOW, state)


def test_timestamps_with_nanoseconds_are_read():
    assert risk.parse_time("2021-08-25T12:20:30.000000005Z") == datetime(2021, 8, 25, 12, 20, 30, tzinfo=timezone.utc)
    assert risk.parse_time("not a time") is None


def test_the_html_page_is_self_contained_and_escapes_finding_text():
    finding = closed(samples.config()[0], Title='<script>alert("x")</script> | pipe')
    _report, state = risk.build([], NOW - timedelta(days=7))
    report, _state = risk.build([finding], NOW, state)  # listed as new
    overall = dict(report["overall"], scopes=report["scopes"])
    page = risk_render.page(report, overall, "Risk")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page), "no external asset"
    assert "<style>" in page and '<svg id="trend"' in page
    markdown = risk_render.markdown(report, overall, "Risk")
    assert "\\| pipe" in markdown


def test_the_chart_has_one_bar_per_severity_of_each_report():
    history = [
        {"generated_at": "2026-11-24T06:00:00Z", "counts": {"CRITICAL": 1, "HIGH": 2, "MEDIUM": 0, "LOW": 0, "INFORMATIONAL": 0}},
        {"generated_at": "2026-12-01T06:00:00Z", "counts": {"CRITICAL": 0, "HIGH": 3, "MEDIUM": 4, "LOW": 1, "INFORMATIONAL": 0}},
    ]
    svg = risk_render.chart(history)
    bars = re.findall(r'<rect class="bar" data-severity="(\w+)" data-report="([^"]+)"', svg)
    assert bars == [
        ("HIGH", "2026-11-24T06:00:00Z"),
        ("CRITICAL", "2026-11-24T06:00:00Z"),
        ("LOW", "2026-12-01T06:00:00Z"),
        ("MEDIUM", "2026-12-01T06:00:00Z"),
        ("HIGH", "2026-12-01T06:00:00Z"),
    ]


def test_the_summary_names_totals_change_and_oldest():
    first_findings = samples.inspector()
    _report, state = risk.build(first_findings[1:], NOW - timedelta(days=7))
    report, _state = risk.build(first_findings, NOW, state)
    text = risk.summary(report)
    assert text.startswith("Security risk report 2026-12-01T06:00:00Z: 8 open findings (1 critical, 6 high, 1 medium, 0 low")
    assert "Since 2026-11-24T06:00:00Z: 1 new, 0 resolved." in text
    assert "Oldest open critical: CVE-2023-37920 - certifi, certifi and 2 more (1208 days)." in text
