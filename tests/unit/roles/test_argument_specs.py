"""Each role's defaults, argument spec and README agree, and the spec refuses malformed list and dict options."""

import pytest
import yaml

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from tests.support.paths import ROOT

import role_docs  # scripts/role_docs.py (tests.support.paths puts scripts/ on sys.path)

ROLES = sorted(path.parent.parent.name for path in ROOT.glob("roles/*/meta/argument_specs.yml"))
# Dict options that are free-form maps by nature: a rule's parameters are whatever AWS documents for
# it, an IAM condition whatever its operators and keys are, an environment whatever the function
# reads; and tags (every option ending in "tags", or naming one) whatever the user names.
FREE_FORM = {
    ("aws_config", "aws_config_rules[].input_parameters"),
    ("secure_bucket", "secure_bucket_policy_statements[].Condition"),
    ("lambda_function", "lambda_function_environment"),
    ("lambda_function", "lambda_function_policy_statements[].Condition"),
    ("scanner_instance", "scanner_instance_inventory_tag"),
    ("eks_workload", "eks_workload_env"),  # environment variable names are the application's
    # An AWX credential's inputs are its credential type's fields; secrets are keyed by credential
    # name; inventory and job template variables are whatever the playbooks read.
    ("awx_config", "awx_config_credentials[].inputs"),
    ("awx_config", "awx_config_credential_secrets"),
    ("awx_config", "awx_config_inventories[].variables"),
    ("awx_config", "awx_config_job_templates[].extra_vars"),
}


def spec(role):
    return yaml.safe_load((ROOT / "roles" / role / "meta" / "argument_specs.yml").read_text())["argument_specs"]["main"]


def defaults(role):
    return yaml.safe_load((ROOT / "roles" / role / "defaults" / "main.yml").read_text()) or {}


def nested(options, prefix=""):
    for name, option in options.items():
        path = f"{prefix}{name}"
        yield path, option
        yield from nested(option.get("options") or {}, f"{path}[]." if option.get("type") == "list" else f"{path}.")


@pytest.mark.parametrize("role", ROLES)
def test_defaults_are_the_spec_defaults(role):
    options = spec(role)["options"]
    assert set(defaults(role)) == {name for name, option in options.items() if "default" in option}
    assert defaults(role) == {name: option["default"] for name, option in options.items() if "default" in option}


@pytest.mark.parametrize("role", ROLES)
def test_every_public_variable_is_prefixed_with_the_role(role):
    assert [name for name in spec(role)["options"] if not name.startswith(f"{role}_")] == []


@pytest.mark.parametrize("role", ROLES)
def test_list_and_dict_options_describe_their_structure(role):
    loose = [
        path
        for path, option in nested(spec(role)["options"])
        if (option.get("type") == "dict" or option.get("elements") == "dict")
        and not option.get("options")
        and (role, path) not in FREE_FORM
        and not path.endswith("tags")
    ]
    assert loose == []


def test_readme_tables_are_generated_from_the_specs():
    for role in ROLES:
        role_dir = ROOT / "roles" / role
        assert role_docs.rendered(role_dir / "README.md", role_dir) == (role_dir / "README.md").read_text(), (
            f"roles/{role}/README.md: run scripts/role_docs.py"
        )


def validate(role, variables):
    return ArgumentSpecValidator(spec(role)["options"]).validate(variables).error_messages


@pytest.mark.parametrize(
    ("role", "variables", "refusal"),
    [
        (
            "security_alerts",
            {"security_alerts_routes": [{"name": "all", "product": ["GuardDuty"], "severities": ["HIGH"]}]},
            "product",
        ),
        (
            "security_alerts",
            {"security_alerts_routes": [{"name": "all", "products": ["GuardDuty"], "severities": ["SEVERE"]}]},
            "SEVERE",
        ),
        ("guardduty", {"guardduty_features": [{"name": "S3_DATA_EVENT"}]}, "S3_DATA_EVENT"),
        (
            "guardduty",
            {"guardduty_features": [{"name": "RUNTIME_MONITORING", "additional_configuration": [{"nme": "EKS_ADDON_MANAGEMENT"}]}]},
            "nme",
        ),
        ("aws_config", {"aws_config_rules": [{"name": "cloudtrail-enabled"}]}, "identifier"),
        ("aws_config", {"aws_config_rules": [{"name": "x", "identifier": "X", "maximum_execution_frequency": "Daily"}]}, "Daily"),
        ("aws_config", {"aws_config_conformance_packs": [{"name": "k-isms", "templates": "x.yaml"}]}, "templates"),
        ("securityhub", {"securityhub_action_targets": [{"id": "SendToSlack", "name": "Send to Slack"}]}, "description"),
        ("inspector", {"inspector_resource_types": ["EC2", "LAMBDA_CODES"]}, "LAMBDA_CODES"),
        (
            "secure_bucket",
            {"secure_bucket_policy_statements": [{"Sid": "x", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject"}]},
            "Resource",
        ),
        ("scanner_instance", {"scanner_instance_egress_ports": ["https"]}, "scanner_instance_egress_ports"),
        ("sonarqube", {"sonarqube_web_port": "nine thousand"}, "sonarqube_web_port"),
        ("zap", {"zap_state": "removed"}, "removed"),
        ("dependency_check", {"dependency_check_state": "latest"}, "latest"),
        ("siem", {"siem_domain_availability_zone_count": 4}, "siem_domain_availability_zone_count"),
        ("siem", {"siem_alert_blocked_threshold": "many"}, "siem_alert_blocked_threshold"),
        ("eks_workload", {"eks_workload_resources": {"requests": {"cpu": "1", "memory": "1Gi"}, "limit": {}}}, "limit"),
        ("eks_workload", {"eks_workload_ingress_scheme": "public"}, "public"),
        ("eks_cluster", {"eks_cluster_addons": [{"name": "vpc-cni"}]}, "version"),
        ("eks_cluster", {"eks_cluster_logging_types": ["api", "audits"]}, "audits"),
        ("awx_config", {"awx_config_job_templates": [{"name": "Scan", "playbok": "playbooks/scan.yml"}]}, "playbok"),
        (
            "awx_config",
            {"awx_config_workflows": [{"name": "w", "nodes": [{"identifier": "a", "job_template": "A", "on_success": ["b"]}]}]},
            "on_success",
        ),
        ("awx_config", {"awx_config_execution_environment": {"name": "ee", "image": "x", "pull": "sometimes"}}, "sometimes"),
        ("awx_config", {"awx_config_schedules": [{"name": "weekly", "template": "Risk report"}]}, "rrule"),
        ("waf", {"waf_managed_rule_groups": [{"name": "AWSManagedRulesCommonRuleSet", "action": "allow"}]}, "allow"),
        ("waf", {"waf_managed_rule_groups": [{"group": "AWSManagedRulesSQLiRuleSet"}]}, "group"),
        ("waf", {"waf_block_response": {"status_code": 403, "content_type": "APPLICATION_JSON"}}, "content"),
        ("waf", {"waf_logging_keep_actions": ["BLOCKED"]}, "BLOCKED"),
        ("waf", {"waf_rate_limit_window_seconds": 30}, "waf_rate_limit_window_seconds"),
    ],
)
def test_a_malformed_option_is_refused_naming_what_is_wrong(role, variables, refusal):
    errors = validate(role, variables)
    assert errors and any(refusal in error for error in errors), errors


@pytest.mark.parametrize("role", ROLES)
def test_the_defaults_pass_the_spec(role):
    assert validate(role, defaults(role)) == []
