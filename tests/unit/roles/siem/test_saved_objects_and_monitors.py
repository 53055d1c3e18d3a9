"""The Dashboards saved objects and alerting monitors the role applies, checked where no API model reaches.

The Dashboards saved-objects API and the alerting API are not in the OpenSearch API specification, so
these tests check what a Dashboards or alerting server would rely on: the objects' structure, their
references, and that every field they chart, filter or query exists in the index template the role
applies, with a type that can be aggregated.
"""

import json
import re

import pytest

from ansible_collections.devsecops.aws.plugins.module_utils._opensearch_objects import KINDS

from tests.unit.roles.siem.transforms import mapping, role_template

AGGREGATABLE = {"keyword", "ip", "date", "float", "long", "boolean"}
INDEX_OF_PATTERN = {"waf-logs-*": "waf-logs", "guardduty-findings-*": "guardduty-findings"}


@pytest.fixture(scope="module")
def objects():
    return {item["name"]: KINDS["saved_object"].comparable(item["body"]) for item in role_template("saved_objects")}


def mapped_fields(index):
    def walk(properties, prefix=""):
        for key, field in properties.items():
            if "properties" in field:
                yield from walk(field["properties"], f"{prefix}{key}.")
            else:
                yield f"{prefix}{key}", field["type"]
                for sub, subfield in field.get("fields", {}).items():
                    yield f"{prefix}{key}.{sub}", subfield["type"]

    return dict(walk(mapping(index)["properties"]))


def index_of(objects, visualisation):
    pattern_id = next(r["id"] for r in visualisation["references"] if r["type"] == "index-pattern")
    return INDEX_OF_PATTERN[objects[f"index-pattern/{pattern_id}"]["attributes"]["title"]]


def kuery_fields(query):
    return re.findall(r"([A-Za-z_@][\w.@]*)\s*:", query)


def test_the_dashboard_shows_the_six_charts_the_issue_asks_for(objects):
    dashboard = objects["dashboard/devsecops-siem-siem"]
    panels = json.loads(dashboard["attributes"]["panelsJSON"])
    references = {r["name"]: r for r in dashboard["references"]}
    assert sorted(p["panelRefName"] for p in panels) == sorted(references)
    charted = set()
    for reference in references.values():
        assert reference["type"] == "visualization"
        visualisation = objects[f"visualization/{reference['id']}"]
        state = json.loads(visualisation["attributes"]["visState"])
        bucket = next(a for a in state["aggs"] if a["schema"] in ("bucket", "segment"))
        query = json.loads(visualisation["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])["query"]["query"]
        charted.add((index_of(objects, visualisation), bucket["type"], bucket["params"]["field"], query))
    assert charted == {
        ("waf-logs", "date_histogram", "@timestamp", "action:BLOCK"),
        ("waf-logs", "terms", "client_ip", "action:BLOCK"),
        ("waf-logs", "terms", "terminating_rule", "action:BLOCK"),
        ("waf-logs", "terms", "country", ""),
        ("guardduty-findings", "terms", "severity_label", ""),
        ("guardduty-findings", "terms", "type", ""),
    }


def test_every_field_charted_or_queried_exists_in_the_index_template_and_aggregates(objects):
    for name, saved in objects.items():
        if name.startswith("index-pattern/"):
            index = INDEX_OF_PATTERN[saved["attributes"]["title"]]
            assert mapped_fields(index)[saved["attributes"]["timeFieldName"]] == "date"
            continue
        if not name.startswith("visualization/"):
            continue
        fields = mapped_fields(index_of(objects, saved))
        state = json.loads(saved["attributes"]["visState"])
        for aggregation in state["aggs"]:
            field = aggregation["params"].get("field")
            if field:
                assert fields.get(field) in AGGREGATABLE, f"{name} aggregates {field}, mapped as {fields.get(field)}"
        query = json.loads(saved["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"])["query"]["query"]
        for field in kuery_fields(query):
            assert field in fields, f"{name} queries {field}, which the index does not map"


def test_saved_objects_reference_only_objects_the_role_makes(objects):
    for name, saved in objects.items():
        for reference in saved["references"]:
            assert f"{reference['type']}/{reference['id']}" in objects, f"{name} references {reference}"
        for key in ("visState", "panelsJSON", "optionsJSON", "uiStateJSON"):
            if key in saved["attributes"]:
                json.loads(saved["attributes"][key])


def test_monitors_query_mapped_fields_and_send_to_the_channel():
    monitors = {m["name"]: m["body"] for m in role_template("monitors", siem_alert_blocked_threshold=250)}
    waf = monitors["devsecops-siem-waf-blocked-requests"]
    guardduty = monitors["devsecops-siem-guardduty-high-severity"]
    assert waf["schedule"] == {"period": {"interval": 5, "unit": "MINUTES"}}
    waf_trigger = waf["triggers"][0]["query_level_trigger"]
    assert waf_trigger["condition"]["script"]["source"] == "ctx.results[0].hits.total.value > 250"
    filters = waf["inputs"][0]["search"]["query"]["query"]["bool"]["filter"]
    assert {"term": {"action": {"value": "BLOCK"}}} in filters
    assert {"range": {"@timestamp": {"from": "now-5m", "include_lower": True}}} in filters
    severity = guardduty["inputs"][0]["search"]["query"]["query"]["bool"]["filter"][0]
    assert severity == {"range": {"severity": {"from": 7, "include_lower": True}}}
    for body, index in ((waf, "waf-logs"), (guardduty, "guardduty-findings")):
        fields = mapped_fields(index)
        for field in re.findall(r"'(?:term|range)': \{'([^']+)'", str(body["inputs"])):
            assert field in fields, f"a monitor queries {field}, which {index} does not map"
        for field in body["inputs"][0]["search"]["query"].get("_source", {}).get("includes", []):
            assert field in fields
        assert body["inputs"][0]["search"]["indices"] == [f"{index}-*"]
        action = body["triggers"][0]["query_level_trigger"]["actions"][0]
        assert action["destination_id"] == "devsecops-siem-slack"
        assert "{{ctx.monitor.name}}" in action["message_template"]["source"]
