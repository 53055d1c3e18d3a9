"""The OpenSearch API specification check refuses what the specification does not describe, as Stubber does."""

import pytest

from tests.support.opensearch_api import OpenSearchAPI, RequestRefused

TEMPLATE = {
    "index_patterns": ["waf-logs-*"],
    "priority": 100,
    "template": {
        "settings": {"index": {"number_of_shards": 1}},
        "mappings": {"dynamic": "strict", "properties": {"client_ip": {"type": "ip"}, "uri": {"type": "keyword", "ignore_above": 2048}}},
    },
}


@pytest.fixture(scope="module")
def spec():
    return OpenSearchAPI.load()


def test_a_described_request_passes_and_names_its_operation(spec):
    assert spec.validate("PUT", "/_index_template/waf-logs", {}, TEMPLATE).id == "indices.put_index_template.1"
    assert spec.validate("GET", "/_index_template/waf-logs", {"flat_settings": "true"}).id == "indices.get_index_template.1"
    query = {"if_seq_no": "3", "if_primary_term": "1"}
    assert spec.validate("PUT", "/_plugins/_ism/policies/p", query, {"policy": {"description": "d"}}).group == "ism.put_policy"


def test_literal_path_segments_outrank_parameters(spec):
    channel = {"config_id": "c", "config": {"name": "n", "config_type": "slack", "slack": {"url": "https://hooks.slack.com/x"}}}
    assert spec.validate("POST", "/_plugins/_notifications/configs", {}, channel).group == "notifications.create_config"


@pytest.mark.parametrize(
    "request_, reason",
    [
        (("PATCH", "/_index_template/x", {}, TEMPLATE), "no such operation"),
        (("PUT", "/_plugins/_ism/policy/x", {}, {"policy": {}}), "no such operation"),
        (("PUT", "/_index_template/x", {"bogus": "1"}, TEMPLATE), "unknown query parameter 'bogus'"),
        (("GET", "/_index_template/x", {"flat_settings": "yes"}, None), "query flat_settings"),
        (("PUT", "/_plugins/_ism/policies/x", {"if_seq_no": "three"}, {"policy": {}}), "query if_seq_no"),
        (("PUT", "/_index_template/x", {}, dict(TEMPLATE, priority="high")), "'high' is not of type 'integer'"),
        (("PUT", "/_index_template/x", {}, {"index_pattern": ["a"]}), "/index_pattern is not a property"),
        (
            (
                "PUT",
                "/_index_template/x",
                {},
                {"index_patterns": ["a"], "template": {"mappings": {"properties": {"a": {"type": "keyword", "ignore_abov": 3}}}}},
            ),
            "/template/mappings/properties/a/ignore_abov is not a property",
        ),
        (("PUT", "/_index_template/x", {}, None), "needs a body"),
        (("DELETE", "/_index_template/x", {}, {"x": 1}), "takes no body"),
        (("PUT", "/_plugins/_security/api/rolesmapping/r", {}, {"backend_role": ["arn"]}), "/backend_role is not a property"),
    ],
)
def test_a_request_the_specification_does_not_describe_is_refused(spec, request_, reason):
    with pytest.raises(RequestRefused, match=None) as refused:
        spec.validate(*request_)
    assert reason in str(refused.value)


def test_refs_are_resolved_across_files(spec):
    operation = spec.find("PUT", "/_index_template/x")[0]
    (schema, uri), _required = spec.body_schema(operation)
    assert uri.endswith("/namespaces/indices.yaml")
    template, template_uri = spec.resolve(schema["properties"]["template"], uri)
    assert template_uri.endswith("/schemas/indices.put_index_template.yaml")
    assert "mappings" in template["properties"]
