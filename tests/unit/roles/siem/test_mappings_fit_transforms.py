"""The index templates' mappings fit exactly what the transforms produce.

Every field of every document the transforms make from the real-format samples must be mapped, with a
type that takes its value; and every mapped field must be one some transform produces (no dead fields
that dashboards could chart and never see filled). The mappings are `dynamic: strict`, so on a domain
an unmapped field would make the document fail to index rather than appear unmapped.
"""

import datetime
import ipaddress

import pytest

from tests.unit.roles.siem.transforms import guardduty_events, guardduty_findings, mapping, waf_cloudfront_log, waf_docs_examples, waf_logs, waf_own_records


def documents(index):
    if index == "waf-logs":
        return [waf_logs.transform(r) for r in waf_docs_examples() + waf_cloudfront_log() + waf_own_records()]
    return [guardduty_findings.transform(e) for e in guardduty_events()]


def fits(field_type, value):
    if field_type in ("keyword", "text"):
        return isinstance(value, str)
    if field_type == "ip":
        ipaddress.ip_address(value)
        return True
    if field_type == "date":
        return isinstance(value, str) and datetime.datetime.fromisoformat(value.replace("Z", "+00:00")) is not None
    if field_type == "boolean":
        return isinstance(value, bool)
    if field_type == "float":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if field_type == "long":
        return isinstance(value, int) and not isinstance(value, bool)
    raise AssertionError(f"no check for mapping type {field_type}")


def walk(properties, document, prefix, used):
    for key, value in document.items():
        path = f"{prefix}{key}"
        assert key in properties, f"{path} is produced but not mapped"
        field = properties[key]
        items = value if isinstance(value, list) else [value]
        if items and "properties" not in field:
            used.add(path)  # an empty list says nothing of the type
        for item in items:
            if "properties" in field:
                assert isinstance(item, dict), f"{path}: {item!r} is not an object"
                walk(field["properties"], item, f"{path}.", used)
            else:
                assert fits(field["type"], item), f"{path}: {item!r} does not fit {field['type']}"


def mapped_paths(properties, prefix=""):
    for key, field in properties.items():
        if "properties" in field:
            yield from mapped_paths(field["properties"], f"{prefix}{key}.")
        else:
            yield f"{prefix}{key}"


@pytest.mark.parametrize("index", ["waf-logs", "guardduty-findings"])
def test_every_produced_field_is_mapped_with_a_type_that_takes_it(index):
    template = mapping(index)
    assert template["dynamic"] == "strict"
    used = set()
    for document in documents(index):
        walk(template["properties"], document, "", used)
    unused = set(mapped_paths(template["properties"])) - used
    assert unused == set(), f"mapped but never produced from the samples: {sorted(unused)}"
