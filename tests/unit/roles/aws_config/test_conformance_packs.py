"""The conformance pack templates the aws_config role ships: what AWS Config accepts, and what each claims."""

import re
from pathlib import Path

import pytest
import yaml

PACKS = Path(__file__).resolve().parents[4] / "roles/aws_config/files/conformance_packs"
TEMPLATES = sorted(PACKS.glob("*.yaml"))
TEMPLATE_BODY_LIMIT = 51200
MANAGED_RULE_IDENTIFIER = re.compile(r"^[A-Z0-9]+(_[A-Z0-9]+)*$")
K_ISMS_CONTROL = re.compile(r"^  # K-ISMS (\d+\.\d+\.\d+)(, \d+\.\d+\.\d+)*$")


def resources(path):
    return yaml.safe_load(path.read_text())["Resources"]


def test_the_role_ships_both_templates():
    assert {path.name for path in TEMPLATES} == {"k-isms.yaml", "devsecops-pipeline.yaml"}


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.name)
def test_every_resource_is_an_aws_managed_config_rule(path):
    for name, resource in resources(path).items():
        assert resource["Type"] == "AWS::Config::ConfigRule", name
        source = resource["Properties"]["Source"]
        assert source["Owner"] == "AWS", name
        assert MANAGED_RULE_IDENTIFIER.match(source["SourceIdentifier"]), name
        assert all(isinstance(value, str) for value in resource["Properties"].get("InputParameters", {}).values()), name


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.name)
def test_rule_names_and_identifiers_are_unique(path):
    properties = [resource["Properties"] for resource in resources(path).values()]
    assert len({p["ConfigRuleName"] for p in properties}) == len(properties)
    assert len({p["Source"]["SourceIdentifier"] for p in properties}) == len(properties)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.name)
def test_each_template_fits_in_a_put_conformance_pack_template_body(path):
    # config_conformance_pack routes larger templates through S3; ours should not need it.
    assert len(path.read_bytes()) <= TEMPLATE_BODY_LIMIT


def test_k_isms_has_about_as_many_rules_as_aws_documents():
    # AWS's documented mapping has about 116 managed rules.
    assert 100 <= len(resources(PACKS / "k-isms.yaml")) <= 160


def test_every_k_isms_rule_names_its_controls():
    lines = (PACKS / "k-isms.yaml").read_text().splitlines()
    for number, line in enumerate(lines):
        if re.match(r"^  [A-Za-z0-9]+:$", line):
            assert K_ISMS_CONTROL.match(lines[number - 1]), f"line {number + 1}: {line.strip()} has no K-ISMS control"


def test_the_pipeline_pack_checks_what_the_pipeline_sets_up():
    identifiers = {
        r["Properties"]["Source"]["SourceIdentifier"] for r in resources(PACKS / "devsecops-pipeline.yaml").values()
    }
    assert identifiers == {
        "EC2_IMDSV2_CHECK",
        "ENCRYPTED_VOLUMES",
        "ALB_WAF_ENABLED",
        "WAFV2_LOGGING_ENABLED",
        "GUARDDUTY_ENABLED_CENTRALIZED",
    }
