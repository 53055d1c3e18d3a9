"""Random or truncated input never crashes a parser: a report is read, or FindingError says why.

Only the collection's own error may leave a parser on bad input: the loader no longer turns a
TypeError into "cannot parse", so any other exception here is a parser bug these tests find.
"""

import copy
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
# Each example rewrites a whole real report: fewer of them, over every report.
REPLACE = settings(FUZZ, max_examples=50)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=25,
)

# Documents shaped like each format at the top, with anything below: the parsers' deeper paths.
KEYS = ["site", "alerts", "instances", "riskcode", "pluginid", "reportSchema", "dependencies", "vulnerabilities",
        "issues", "hotspots", "Results", "Vulnerabilities", "runs", "results", "version", "name", "severity",
        "Controls", "node_type", "tests", "status", "test_number", "scored"]
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


def _paths(node, path=()):
    """Every place in a JSON document: key and index paths to each value."""
    yield path
    children = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
    for key, child in children:
        yield from _paths(child, path + (key,))


def _replaced(document, path, value):
    if not path:
        return value
    changed = copy.deepcopy(document)
    parent = changed
    for key in path[:-1]:
        parent = parent[key]
    parent[path[-1]] = value
    return changed


@pytest.mark.parametrize("real", REAL_REPORTS, ids=lambda path: f"{path.parent.name}/{path.name}")
@REPLACE
@given(data=st.data())
def test_a_real_report_with_any_value_replaced_is_read_or_refused_clearly(tmp_path_factory, real, data):
    """The deep places of each real format: a value of another type anywhere in a real report."""
    document = json.loads(real.read_bytes())
    places = list(_paths(document))
    path = data.draw(st.sampled_from(places[1:] or places))
    changed = _replaced(document, path, data.draw(json_values))
    target = tmp_path_factory.mktemp("replaced") / real.name
    target.write_text(json.dumps(changed))
    read(target)


def test_there_are_real_reports_to_cut():
    assert {path.parent.name for path in REAL_REPORTS} >= {"dependency-check", "zap"}
