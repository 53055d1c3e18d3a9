"""The buildspecs the delivery_pipeline role ships: CodeBuild's buildspec 0.2 structure, no secret in
plain variables, and every collection playbook they run exists in the collection."""

import re

import pytest
import yaml

from tests.support.paths import ROOT

ROLE = ROOT / "roles" / "delivery_pipeline"
BUILDSPECS = sorted((ROLE / "files" / "buildspecs").glob("*.yml"))
PHASES = {"install", "pre_build", "build", "post_build"}
PHASE_KEYS = {"run-as", "on-failure", "runtime-versions", "commands", "finally"}
ENV_KEYS = {"shell", "variables", "parameter-store", "secrets-manager", "exported-variables", "git-credential-helper"}
TOP_KEYS = {"version", "run-as", "env", "proxy", "batch", "phases", "reports", "artifacts", "cache"}
SECRET_NAME = re.compile(r"(?i)(token|secret|password|passwd|key|credential)")
REPORT_FORMATS = {"JUNITXML", "CUCUMBERJSON", "TESTNGXML", "NUNITXML", "NUNIT3XML", "VISUALSTUDIOTRX", "CLOVERXML", "COBERTURAXML", "JACOCOXML", "SIMPLECOV"}
PLAYBOOK = re.compile(r"ansible-playbook\s+(\S+)")


def load(path):
    return yaml.safe_load(path.read_text())


def commands(spec):
    for phase in spec["phases"].values():
        yield from phase.get("commands", [])
        yield from phase.get("finally", [])


def test_one_buildspec_per_project_the_role_makes():
    names = yaml.safe_load((ROLE / "tasks" / "names.yml").read_text())
    facts = next(task for task in names if task.get("name") == "Name what the role makes")["ansible.builtin.set_fact"]
    assert sorted(facts["delivery_pipeline__projects"]) == [path.stem for path in BUILDSPECS] == ["build", "deploy", "gate"]


@pytest.mark.parametrize("path", BUILDSPECS, ids=lambda path: path.name)
def test_buildspec_structure(path):
    spec = load(path)
    assert spec["version"] == 0.2
    assert set(spec) <= TOP_KEYS
    assert set(spec.get("env", {})) <= ENV_KEYS
    assert spec["phases"] and set(spec["phases"]) <= PHASES
    for name, phase in spec["phases"].items():
        assert set(phase) <= PHASE_KEYS, name
        assert phase["commands"] and all(isinstance(command, str) for command in phase["commands"]), name
    for report in spec.get("reports", {}).values():
        assert report["files"] and report.get("file-format", "JUNITXML") in REPORT_FORMATS
    assert spec.get("artifacts", {}).get("files")


@pytest.mark.parametrize("path", BUILDSPECS, ids=lambda path: path.name)
def test_no_secret_in_plain_variables(path):
    variables = load(path).get("env", {}).get("variables", {})
    assert [name for name in variables if SECRET_NAME.search(name)] == []


@pytest.mark.parametrize("path", BUILDSPECS, ids=lambda path: path.name)
def test_every_collection_playbook_run_exists(path):
    run = [match for command in commands(load(path)) for match in PLAYBOOK.findall(command)]
    assert run, "each stage runs a collection playbook"
    for name in run:
        assert name.startswith("devsecops.aws."), f"{name}: run the collection's playbooks by FQCN"
        assert (ROOT / "playbooks" / f"{name.split('.', 2)[2]}.yml").is_file(), name


def test_only_the_image_build_is_privileged():
    names = yaml.safe_load((ROLE / "tasks" / "names.yml").read_text())
    projects = next(task for task in names if task.get("name") == "Name what the role makes")["ansible.builtin.set_fact"]["delivery_pipeline__projects"]
    assert {name: project["privileged"] for name, project in projects.items()} == {"build": True, "gate": False, "deploy": False}
    assert "docker" in " ".join(commands(load(ROLE / "files" / "buildspecs" / "build.yml")))
    for name in ("gate", "deploy"):
        assert "docker" not in " ".join(commands(load(ROLE / "files" / "buildspecs" / f"{name}.yml")))


def test_the_variables_each_buildspec_reads_are_set_by_its_project_or_the_pipeline():
    names = yaml.safe_load((ROLE / "tasks" / "names.yml").read_text())
    settings = next(task for task in names if task.get("name") == "Name the ARNs")["ansible.builtin.set_fact"]["delivery_pipeline__project_settings"]
    stages = (ROLE / "templates" / "pipeline_stages.yml.j2").read_text()
    # CodeBuild's own variables, and those a buildspec sets itself.
    given = {"AWS_REGION", "CODEBUILD_RESOLVED_SOURCE_VERSION", "PWD", "IMAGE_DIGEST", "IMAGE_URI", "REPORTS", "TRIVY_VERSION"}
    for path in BUILDSPECS:
        read = set(re.findall(r"\$\{?([A-Z][A-Z0-9_]+)", "\n".join(commands(load(path)))))
        from_action = {name for name in read if f"'name': '{name}'" in stages}
        assert read - given - set(settings[path.stem]) - from_action == set(), path.name
