"""The checks tests/unit/roles/awx_config/test_awx_config.py applies to what the role sends, each shown
failing on a deliberately wrong object, and the data files kept free of secrets."""

import pytest
import yaml

from tests.support import awx
from tests.support.paths import ROOT


def test_a_wrong_object_is_refused_by_the_module_argument_spec():
    # A survey given as a list, a job type AWX does not know, an option the module does not have.
    errors = awx.validate("job_template", {"name": "Scan", "survey_spec": [], "job_type": "deploy", "playbok": "scan.yml"})
    assert any("survey_spec" in error for error in errors), errors
    assert any("deploy" in error for error in errors), errors
    assert any("playbok" in error for error in errors), errors
    assert awx.validate("credential", {"name": "AWS", "inputs": {}}) == ["missing required arguments: credential_type"]


@pytest.mark.parametrize(
    ("question", "playbook", "problem"),
    [
        ({"question_name": "URL", "variable": "scan_target_url", "type": "integer", "required": True}, "playbooks/scan.yml", "takes str"),
        ({"question_name": "Limit", "variable": "scan_gate_max_critical", "type": "text", "required": True}, "playbooks/scan.yml", "takes int"),
        ({"question_name": "Pod", "variable": "quarantine_pods", "type": "text", "required": True}, "playbooks/quarantine.yml", "not declared"),
        ({"question_name": "Pod", "variable": "quarantine_pod", "type": "choice", "required": True}, "playbooks/quarantine.yml", "not one of"),
        ({"question_name": "Pod", "variable": "quarantine_pod", "type": "multiplechoice", "required": True}, "playbooks/quarantine.yml", "needs choices"),
        ({"question_name": "Pod", "variable": "quarantine_pod", "required": True}, "playbooks/quarantine.yml", "missing ['type']"),
    ],
)
def test_a_wrong_survey_question_is_found(question, playbook, problem):
    problems = awx.survey_problems({"name": "wrong", "description": "", "spec": [question]}, [playbook])
    assert any(problem in p for p in problems), problems


def test_a_role_option_is_declared_with_its_argument_spec_type():
    declared = awx.declared_variables("playbooks/deploy.yml")  # applies devsecops.aws.eks_workload
    assert declared["eks_workload_replicas"] is int
    assert declared["deploy_gate_max_high"] is int
    assert "deploy_image_digest" in declared  # asserted on, so an input


def test_a_workflow_naming_a_missing_template_or_node_is_found():
    workflow = {
        "name": "wrong",
        "workflow_nodes": [
            {"identifier": "a", "unified_job_template": {"name": "Guardrails", "type": "job_template"}, "related": {"success_nodes": [{"identifier": "c"}]}},
            {"identifier": "b", "unified_job_template": {"name": "Scan", "type": "job_template"}, "related": {}},
        ],
    }
    problems = awx.workflow_problems(workflow, {"Guardrails"})
    assert any("no job template 'Scan'" in p for p in problems), problems
    assert any("names no node 'c'" in p for p in problems), problems


def test_no_secret_sits_in_the_data_files():
    files = [ROOT / "docs/examples/awx-config.yml", ROOT / "roles/awx_config/defaults/main.yml"]
    for path in files:
        data = yaml.safe_load(path.read_text())
        for secrets in (data.get("awx_config_credential_secrets") or {}).values():
            assert all(str(value).startswith("{{ lookup(") for value in secrets.values()), path
        assert str(data.get("awx_config_slack_token", "")) in ("", "{{ lookup('ansible.builtin.env', 'SLACK_BOT_TOKEN') }}")
