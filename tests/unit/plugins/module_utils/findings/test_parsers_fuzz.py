"""Random or truncated input never crashes a parser: a report is read, or FindingError says why."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.devsecops.aws.plugins.module_utils._findings import reports
from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import FindingError

from tests.support.fixtures import REPORTS

REAL_REPORTS = sorted(
    path for path in REPORTS.rglob("*") if path.suffix in (".json", ".sarif") and path.parent.name != "asff"
)
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=25,
)

# Documents shaped like each format at the top, with anything below: the parsers' deeper paths.
KEYS = ["site", "alerts", "instances", "riskcode", "pluginid", "reportSchema", "dependencies", "vulnerabilities",
        "issues", "hotspots", "Results", "Vulnerabilities", "runs", "results", "version", "name", "severity"]
shaped = st.recursive(
    json_values,
    lambda children: st.dictionaries(st.sampled_from(KEYS), children, max_size=6) | st.lists(children, max_size=3),
    max_leaves=30,
)


def read(path):
    try:
        return reports.parse_report(str(path))
    except FindingError as e:
        assert str(path) in str(e)
        return None


@FUZZ
@given(document=json_values | shaped)
def test_any_json_document_is_read_or_refused_clearly(tmp_path_factory, document):
    path = tmp_path_factory.mktemp("fuzz") / "report.json"
    path.write_text(json.dumps(document))
    read(path)


@pytest.mark.parametrize("real", REAL_REPORTS, ids=lambda path: f"{path.parent.name}/{path.name}")
@FUZZ
@given(cut=st.floats(min_value=0.0, max_value=0.999))
def test_a_truncated_real_report_is_refused_clearly(tmp_path_factory, real, cut):
    data = real.read_bytes().rstrip()  # a cut that only drops trailing white space leaves valid JSON
    path = tmp_path_factory.mktemp("cut") / real.name
    path.write_bytes(data[: int(len(data) * cut)])
    with pytest.raises(FindingError) as raised:
        reports.parse_report(str(path))
    assert str(path) in str(raised.value)


def test_there_are_real_reports_to_cut():
    assert {path.parent.name for path in REAL_REPORTS} >= {"dependency-check", "zap"}
