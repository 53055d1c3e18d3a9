"""roles/awx_config through playbooks/awx.yml, against stand-ins of the awx.awx modules (tests/support/awx.py).

Every call is validated with the real awx.awx module's argument spec; then what AWX would need of
the objects is checked: each job template's playbook exists, each survey is valid and asks only for
variables its playbooks declare with a compatible type, workflow nodes and schedules name templates
that exist, every name one object gives another exists, and no secret reaches the output.
"""

import pytest
import yaml

from tests.support import awx
from tests.support.paths import ROOT

# Each fixture runs ansible-playbook (about 20 s).
pytestmark = pytest.mark.slow

SECRETS = {
    "AWS devsecops": {"access_key_id": "AKIAEXAMPLEEXAMPLE00", "secret_access_key": "secret-key-that-must-never-show"},
    "Slack security alerts": {"webhook_url": "https://hooks.slack.invalid/services/T0/B0/webhook-that-must-never-show"},
}
SLACK_TOKEN = "xoxb-slack-token-that-must-never-show"
EXAMPLE_ENV = {
    "PROD_AWS_ACCESS_KEY_ID": "AKIAPRODEXAMPLE00000",
    "PROD_AWS_SECRET_ACCESS_KEY": "prod-secret-that-must-never-show",
    "STAGING_AWS_ACCESS_KEY_ID": "AKIASTAGINGEXAMPLE00",
    "STAGING_AWS_SECRET_ACCESS_KEY": "staging-secret-that-must-never-show",
    "SLACK_WEBHOOK_URL": "https://hooks.slack.invalid/services/T1/B1/example-webhook-that-must-never-show",
    "SLACK_BOT_TOKEN": "xoxb-example-token-that-must-never-show",
}


@pytest.fixture(scope="module")
def default_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("awx_default")
    secrets = tmp / "secrets.yml"
    secrets.write_text(yaml.safe_dump({"awx_config_credential_secrets": SECRETS, "awx_config_slack_token": SLACK_TOKEN}))
    run, records = awx.apply(tmp, "-e", f"@{secrets}", "-v")
    assert run.returncode == 0, run.stdout + run.stderr
    return run, records


@pytest.fixture(scope="module")
def example_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("awx_example")
    run, records = awx.apply(tmp, "-e", f"@{ROOT / 'docs/examples/awx-config.yml'}", "-v", env=EXAMPLE_ENV)
    assert run.returncode == 0, run.stdout + run.stderr
    return run, records


@pytest.fixture(params=["default", "example"])
def applied(request):
    return request.getfixturevalue(f"{request.param}_run")


def test_every_call_passes_the_awx_module_argument_spec(applied):
    records = applied[1]
    assert {record["module"] for record in records} >= set(awx.MODULES) - {"schedule"}  # the example has no schedule
    for record in records:
        assert awx.validate(record["module"], record["params"]) == [], record["module"]


def test_every_job_template_names_a_playbook_that_exists(applied):
    records = applied[1]
    missing = [(t["name"], t["playbook"]) for t in awx.by_module(records, "job_template") if not (ROOT / t["playbook"]).is_file()]
    assert missing == []


def test_every_job_template_runs_from_the_project_in_the_execution_environment(applied):
    records = applied[1]
    (project,) = awx.by_module(records, "project")
    (environment,) = awx.by_module(records, "execution_environment")
    inventories = {i["name"] for i in awx.by_module(records, "inventory")}
    for template in awx.by_module(records, "job_template"):
        assert template["project"] == project["name"]
        assert template["execution_environment"] == environment["name"]
        assert template["inventory"] in inventories
        assert template["ask_inventory_on_launch"] and template["ask_credential_on_launch"]


def test_every_survey_is_valid_and_asks_for_what_its_playbooks_declare(applied):
    records = applied[1]
    templates = {t["name"]: t for t in awx.by_module(records, "job_template")}
    surveyed = 0
    for template in templates.values():
        if template["survey_enabled"]:
            surveyed += 1
            assert awx.survey_problems(template["survey_spec"], [template["playbook"]]) == []
    for workflow in awx.by_module(records, "workflow_job_template"):
        if workflow["survey_enabled"]:
            surveyed += 1
            playbooks = [templates[node["unified_job_template"]["name"]]["playbook"] for node in workflow["workflow_nodes"]]
            assert awx.survey_problems(workflow["survey_spec"], playbooks) == []
    assert surveyed >= 4


def test_the_surveys_ask_what_operators_choose(default_run):
    records = default_run[1]
    asked = {
        t["name"]: {q["variable"] for q in t["survey_spec"]["spec"]}
        for t in awx.by_module(records, "job_template")
        if t["survey_enabled"]
    }
    assert {"scan_target_url", "scan_repository", "scan_gate_max_critical", "scan_gate_max_high"} <= asked["Scan and gate"]
    assert {"deploy_image_repository", "deploy_image_digest", "deploy_gate_max_critical"} <= asked["Deploy"]
    assert {"quarantine_namespace", "quarantine_pod"} <= asked["Quarantine"]


def test_the_workflows_nodes_name_templates_that_exist(applied):
    records = applied[1]
    names = {t["name"] for t in awx.by_module(records, "job_template")}
    workflows = awx.by_module(records, "workflow_job_template")
    assert workflows
    for workflow in workflows:
        assert awx.workflow_problems(workflow, names) == []


def test_the_security_pipeline_deploys_only_after_the_scan_passed_and_notifies_on_failure(default_run):
    records = default_run[1]
    (workflow,) = [w for w in awx.by_module(records, "workflow_job_template") if w["name"] == "Security pipeline"]
    nodes = {node["identifier"]: node for node in workflow["workflow_nodes"]}
    assert nodes["guardrails"]["related"]["success_nodes"] == [{"identifier": "scan"}]
    assert nodes["scan"]["related"]["success_nodes"] == [{"identifier": "deploy"}]
    assert nodes["deploy"]["unified_job_template"]["name"] == "Deploy"
    # Nothing follows a failure or runs whatever the result: a failed scan never reaches the deploy.
    assert all(not node["related"]["failure_nodes"] and not node["related"]["always_nodes"] for node in nodes.values())
    (notification,) = awx.by_module(records, "notification_template")
    assert notification["notification_type"] == "slack"
    assert workflow["notification_templates_error"] == [notification["name"]]


def test_every_name_an_object_gives_exists(applied):
    records = applied[1]
    types = {t["name"] for t in awx.by_module(records, "credential_type")}
    credentials = {c["name"] for c in awx.by_module(records, "credential")}
    notifications = {n["name"] for n in awx.by_module(records, "notification_template")}
    templates = {t["name"] for t in awx.by_module(records, "job_template")}
    workflows = {w["name"] for w in awx.by_module(records, "workflow_job_template")}
    assert all(c["credential_type"] in types for c in awx.by_module(records, "credential"))
    for template in awx.by_module(records, "job_template"):
        assert set(template["credentials"]) <= credentials, template["name"]
        assert set(template["notification_templates_error"]) <= notifications
    for source in awx.by_module(records, "inventory_source"):
        assert source["credential"] in credentials
        plugin = yaml.safe_load((ROOT / source["source_path"]).read_text())
        assert plugin["plugin"] == "amazon.aws.aws_ec2"
    inventories = {i["name"] for i in awx.by_module(records, "inventory")}
    for workflow in awx.by_module(records, "workflow_job_template"):
        assert workflow["inventory"] in inventories
        for node in workflow["workflow_nodes"]:
            assert {c["name"] for c in node["related"].get("credentials", [])} <= credentials, node
            assert node.get("inventory", {"name": workflow["inventory"]})["name"] in inventories, node
    for schedule in awx.by_module(records, "schedule"):
        assert schedule["unified_job_template"] in templates | workflows


def test_every_job_templates_extra_vars_are_declared_by_its_playbook(example_run):
    records = example_run[1]
    for template in awx.by_module(records, "job_template"):
        declared = awx.declared_variables(template["playbook"])
        assert set(template["extra_vars"]) <= set(declared), template["name"]


def test_credential_types_inject_what_the_playbooks_read(default_run):
    records = default_run[1]
    types = {t["name"]: t for t in awx.by_module(records, "credential_type")}
    aws = types["devsecops AWS account"]
    # The profile the inventory names, from a file: no AWS_ACCESS_KEY_ID beside a profile (amazon.aws refuses both).
    assert aws["injectors"]["env"] == {"AWS_CONFIG_FILE": "{{ tower.filename }}", "AWS_PROFILE": "devsecops-deploy"}
    inventory_vars = yaml.safe_load((ROOT / "inventories/example-aws/group_vars/all/aws.yml").read_text())
    assert f"[profile {inventory_vars['aws_profile']}]" in aws["injectors"]["file"]["template"]
    assert {f["id"] for f in aws["inputs"]["fields"] if f.get("secret")} == {"secret_access_key", "external_id"}
    assert types["devsecops EKS cluster"]["injectors"]["extra_vars"] == {"k8s_kubeconfig": "{{ tower.filename }}"}
    for playbook in ("playbooks/deploy.yml", "playbooks/quarantine.yml"):
        assert "k8s_kubeconfig" in awx.declared_variables(playbook)
    assert set(types["devsecops Slack webhook"]["injectors"]["extra_vars"]) <= set(awx.declared_variables("playbooks/guardrails.yml"))


def test_secrets_reach_the_credentials_and_never_the_output(default_run, example_run):
    for run, records in (default_run, example_run):
        output = run.stdout + run.stderr
        assert "must-never-show" not in output
        assert all(record["params"]["controller_oauthtoken"] == "token-that-must-never-show" for record in records)
    records = default_run[1]
    credentials = {c["name"]: c for c in awx.by_module(records, "credential")}
    assert credentials["AWS devsecops"]["inputs"]["secret_access_key"] == SECRETS["AWS devsecops"]["secret_access_key"]
    assert credentials["AWS devsecops"]["update_secrets"] is False
    (notification,) = awx.by_module(records, "notification_template")
    assert notification["notification_configuration"]["token"] == SLACK_TOKEN


def test_missing_secrets_are_refused_before_anything_is_sent(tmp_path):
    run, records = awx.apply(tmp_path, "-e", "awx_config_slack_token=xoxb-given")
    assert run.returncode != 0
    output = " ".join(run.stdout.split())
    assert "credential AWS devsecops: give access_key_id, secret_access_key in" in output
    assert "credential Slack security alerts: give webhook_url in" in output
    assert records == []


def test_a_malformed_job_template_is_refused_by_the_role_spec(tmp_path):
    data = tmp_path / "wrong.yml"
    data.write_text(yaml.safe_dump({
        "awx_config_credential_secrets": SECRETS,
        "awx_config_slack_token": SLACK_TOKEN,
        "awx_config_job_templates": [{"name": "Scan", "playbook": "playbooks/scan.yml", "forks": "many"}],
    }))
    run, records = awx.apply(tmp_path, "-e", f"@{data}")
    assert run.returncode != 0
    assert "forks" in run.stdout
    assert records == []


def test_absent_removes_in_reverse_order(tmp_path):
    run, records = awx.apply(tmp_path, "-e", "awx_config_state=absent")
    assert run.returncode == 0, run.stdout
    order = [record["module"] for record in records]
    assert all(record["params"]["state"] == "absent" for record in records)
    assert order.index("schedule") < order.index("workflow_job_template") < order.index("job_template")
    assert order.index("job_template") < order.index("inventory") < order.index("credential") < order.index("project")
    assert order[-1] == "organization"


def test_a_workflow_runs_its_nodes_in_another_account(example_run):
    records = example_run[1]
    (staging,) = [w for w in awx.by_module(records, "workflow_job_template") if w["name"] == "Security pipeline (staging)"]
    assert staging["inventory"] == "AWS staging"
    for node in staging["workflow_nodes"]:
        assert node["related"]["credentials"] == [{"name": "AWS staging"}]
