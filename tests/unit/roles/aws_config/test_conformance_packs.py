"""The conformance pack templates the aws_config role ships: what AWS Config accepts, and what each claims."""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[4]
PACKS = ROOT / "roles/aws_config/files/conformance_packs"
TEMPLATES = sorted(PACKS.glob("*.yaml"))
K_ISMS_PARTS = {1: PACKS / "k-isms-part-1.yaml", 2: PACKS / "k-isms-part-2.yaml"}
# AWS managed rules as AWS documents them (identifier -> trigger, resource types, parameters); source in the file.
MANAGED_RULES = yaml.safe_load((ROOT / "tests/fixtures/aws_config/managed-rules.yaml").read_text())
# AWS Config refuses a conformance pack of more resources (ConformancePackTemplateValidationException); not raisable.
RULES_PER_PACK_LIMIT = 130
TEMPLATE_BODY_LIMIT = 51200
K_ISMS_CONTROL = re.compile(r"^  # K-ISMS (\d+\.\d+\.\d+(?:, \d+\.\d+\.\d+)*)$")
RESOURCE_KEY = re.compile(r"^  ([A-Za-z0-9]+):$")
# The controls the single k-isms.yaml claimed before AWS Config's limit made us split it (issue 11).
K_ISMS_CONTROLS_CLAIMED_BEFORE_THE_SPLIT = {
    "1.2.1",
    *("2.5.1", "2.5.3", "2.5.4", "2.5.5", "2.5.6"),
    *("2.6.1", "2.6.2", "2.6.4", "2.6.6", "2.6.7"),
    *("2.7.1", "2.7.2", "2.8.6"),
    *("2.9.1", "2.9.2", "2.9.3", "2.9.4", "2.9.5", "2.9.7"),
    *("2.10.1", "2.10.2", "2.10.3", "2.10.5", "2.10.8", "2.10.9"),
    *("2.11.2", "2.11.3", "2.11.5", "2.12.1"),
}


def resources(path):
    return yaml.safe_load(path.read_text())["Resources"]


def rules(path):
    """(logical id, Properties) of each rule in a template."""
    return [(name, resource["Properties"]) for name, resource in resources(path).items()]


def claimed_controls(path):
    """Logical id -> the K-ISMS controls named on the comment line right above the rule."""
    lines = path.read_text().splitlines()
    claims = {}
    for number, line in enumerate(lines):
        key = RESOURCE_KEY.match(line)
        comment = K_ISMS_CONTROL.match(lines[number - 1]) if key else None
        if comment:
            claims[key.group(1)] = comment.group(1).split(", ")
    return claims


def control_key(control):
    return tuple(int(part) for part in control.split("."))


def test_the_role_ships_the_two_k_isms_parts_and_the_pipeline_pack():
    assert {path.name for path in TEMPLATES} == {"k-isms-part-1.yaml", "k-isms-part-2.yaml", "devsecops-pipeline.yaml"}


def test_the_role_deploys_every_pack_it_ships_by_default():
    defaults = yaml.safe_load((ROOT / "roles/aws_config/defaults/main.yml").read_text())
    templates = [PACKS.parent / pack["template"] for pack in defaults["aws_config_conformance_packs"]]
    assert sorted(templates) == sorted(TEMPLATES)


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.name)
def test_each_pack_stays_within_the_rules_aws_config_accepts(path):
    assert len(resources(path)) <= RULES_PER_PACK_LIMIT


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.name)
def test_every_resource_is_an_aws_managed_config_rule(path):
    for name, resource in resources(path).items():
        assert resource["Type"] == "AWS::Config::ConfigRule", name
        source = resource["Properties"]["Source"]
        assert source["Owner"] == "AWS", name
        assert source["SourceIdentifier"] in MANAGED_RULES, f"{name}: no documented rule"


def test_no_rule_appears_twice_across_the_packs():
    properties = [p for path in TEMPLATES for _logical_id, p in rules(path)]
    names = [p["ConfigRuleName"] for p in properties]
    identifiers = [p["Source"]["SourceIdentifier"] for p in properties]
    assert sorted({n for n in names if names.count(n) > 1}) == []
    assert sorted({i for i in identifiers if identifiers.count(i) > 1}) == []


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.name)
def test_each_template_fits_in_a_put_conformance_pack_template_body(path):
    # config_conformance_pack routes larger templates through S3; ours should not need it.
    assert len(path.read_bytes()) <= TEMPLATE_BODY_LIMIT


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.name)
def test_change_triggered_rules_are_scoped_to_the_resource_types_aws_documents(path):
    # Unscoped, a change-triggered rule runs on a change to any resource. A scope only filters change
    # triggers: periodic rules have none, and AWS Config refuses a scope on a periodic rule.
    for name, properties in rules(path):
        documented = MANAGED_RULES[properties["Source"]["SourceIdentifier"]]
        if "change" in documented["trigger"]:
            types = properties.get("Scope", {}).get("ComplianceResourceTypes", [])
            assert sorted(types) == sorted(documented["resource_types"]), name
            assert list(properties["Scope"]) == ["ComplianceResourceTypes"], name
        else:
            assert "Scope" not in properties, f"{name} is periodic"
        if "MaximumExecutionFrequency" in properties:
            assert "periodic" in documented["trigger"], f"{name} is triggered only by changes"


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda path: path.name)
def test_input_parameters_are_documented_strings_with_lowercase_booleans(path):
    for name, properties in rules(path):
        documented = MANAGED_RULES[properties["Source"]["SourceIdentifier"]].get("parameters", [])
        for parameter, value in properties.get("InputParameters", {}).items():
            assert parameter in documented, f"{name}: {parameter}"
            assert isinstance(value, str), f"{name}: {parameter}"
            # AWS Config reads any boolean but a lowercase "true" as false.
            if value.lower() in ("true", "false"):
                assert value == value.lower(), f"{name}: {parameter}: {value}"


@pytest.mark.parametrize("path", K_ISMS_PARTS.values(), ids=lambda path: path.name)
def test_every_k_isms_rule_names_its_controls(path):
    assert set(claimed_controls(path)) == set(resources(path))


@pytest.mark.parametrize("part", K_ISMS_PARTS)
def test_each_k_isms_rule_sits_in_the_part_of_its_lowest_control(part):
    # Part 1: asset identification, authentication, access control, cryptography (1.x to 2.7); part 2: the rest.
    for name, controls in claimed_controls(K_ISMS_PARTS[part]).items():
        lowest = min(controls, key=control_key)
        assert (1 if control_key(lowest) < (2, 8) else 2) == part, f"{name}: {lowest}"


def test_the_k_isms_controls_claimed_before_the_split_are_still_covered():
    covered = {control for path in TEMPLATES for controls in claimed_controls(path).values() for control in controls}
    assert sorted(K_ISMS_CONTROLS_CLAIMED_BEFORE_THE_SPLIT - covered, key=control_key) == []


def test_the_reference_data_lists_only_rules_the_packs_use():
    used = {p["Source"]["SourceIdentifier"] for path in TEMPLATES for _logical_id, p in rules(path)}
    assert set(MANAGED_RULES) == used


def test_the_pipeline_pack_checks_what_the_pipeline_sets_up():
    identifiers = {p["Source"]["SourceIdentifier"] for _logical_id, p in rules(PACKS / "devsecops-pipeline.yaml")}
    assert identifiers == {
        "EC2_IMDSV2_CHECK",
        "ENCRYPTED_VOLUMES",
        "ALB_WAF_ENABLED",
        "WAFV2_LOGGING_ENABLED",
        "GUARDDUTY_ENABLED_CENTRALIZED",
    }
