"""What roles/awx_config sends to AWX, checked without an AWX server.

No AWX server runs here and the awx.awx modules contact one even in check mode. So the role runs
for real (playbooks/awx.yml: its templating, loops, survey and credential type files, no_log)
against stand-ins of the awx.awx modules: each is an AnsibleModule built with the real module's
argument spec, taken from its source in the `ansible` package, that records the parameters it was
given and changes nothing. The checks of this file then read those records the way AWX would read
the objects: playbooks, surveys, workflow nodes, names that must exist.
"""

import importlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator

from tests.support.paths import ROOT

import ansible_collections.awx.awx as awx_collection  # the real one, from the `ansible` package
from ansible_collections.awx.awx.plugins.module_utils import controller_api

AWX_ROOT = Path(awx_collection.__path__[0])


class _Captured(Exception):
    def __init__(self, argument_spec):
        super().__init__("argument spec captured")
        self.argument_spec = argument_spec


def module_spec(name):
    """The full argument spec awx.awx.<name> builds (its own options and the controller's connection)."""
    module = importlib.import_module(f"ansible_collections.awx.awx.plugins.modules.{name}")

    def capture(self, argument_spec=None, **kwargs):
        raise _Captured(argument_spec)

    original = controller_api.ControllerAPIModule.__init__
    controller_api.ControllerAPIModule.__init__ = capture
    try:
        module.main()
    except _Captured as captured:
        return {**controller_api.ControllerModule.AUTH_ARGSPEC, **captured.argument_spec}
    finally:
        controller_api.ControllerAPIModule.__init__ = original
    raise AssertionError(f"awx.awx.{name} built no ControllerAPIModule")


def validate(name, params):
    """The error messages awx.awx.<name>'s argument spec gives for `params` (none when valid)."""
    return ArgumentSpecValidator(module_spec(name)).validate(params).error_messages


def _without_fallbacks(spec):
    # The stand-ins run in a clean environment; env fallbacks are the real modules' business.
    return {
        key: {k: (_without_fallbacks(v) if k == "options" else v) for k, v in option.items() if k != "fallback"}
        for key, option in spec.items()
    }


STAND_IN = '''#!/usr/bin/python
# Stand-in of awx.awx.{name} for tests: validates with the real argument spec, records, changes nothing.
import json
import os

from ansible.module_utils.basic import AnsibleModule, _load_params

SPEC = {spec!r}


def main():
    sent = {{key: value for key, value in _load_params().items() if not key.startswith("_ansible_")}}
    module = AnsibleModule(argument_spec=SPEC, supports_check_mode=True)
    with open(os.environ["AWX_STAND_IN_RECORD"], "a") as record:
        record.write(json.dumps({{"module": "{name}", "params": sent}}) + "\\n")
    module.exit_json(changed=False)


if __name__ == "__main__":
    main()
'''


def stand_in_collection(where, modules):
    """An awx.awx of stand-ins (each records what the role sent, as sent) under `where`/ansible_collections (the real meta/runtime.yml, so its action group)."""
    collection = Path(where) / "ansible_collections" / "awx" / "awx"
    (collection / "meta").mkdir(parents=True)
    (collection / "plugins" / "modules").mkdir(parents=True)
    (collection / "meta" / "runtime.yml").write_text((AWX_ROOT / "meta" / "runtime.yml").read_text())
    for name in modules:
        code = STAND_IN.format(name=name, spec=_without_fallbacks(module_spec(name)))
        (collection / "plugins" / "modules" / f"{name}.py").write_text(code)
    return Path(where)


MODULES = (
    "organization",
    "execution_environment",
    "project",
    "credential_type",
    "credential",
    "notification_template",
    "inventory",
    "inventory_source",
    "job_template",
    "workflow_job_template",
    "schedule",
)


def apply(tmp_path, *args, env=None):
    """Run playbooks/awx.yml against the stand-ins; return (completed process, records)."""
    stand_ins = stand_in_collection(tmp_path / "stand_ins", MODULES)
    record = tmp_path / "record.jsonl"
    record.touch()
    full_env = dict(
        os.environ,
        ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"),
        ANSIBLE_COLLECTIONS_PATH=f"{stand_ins}:{ROOT / '.venv' / 'collections'}",
        ANSIBLE_NOCOLOR="1",
        AWX_STAND_IN_RECORD=str(record),
        CONTROLLER_HOST="https://awx.example.invalid",
        CONTROLLER_OAUTH_TOKEN="token-that-must-never-show",
    )
    full_env.update(env or {})
    cmd = [str(Path(sys.executable).with_name("ansible-playbook")), str(ROOT / "playbooks" / "awx.yml"), *args]
    run = subprocess.run(cmd, cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=600, check=False)
    records = [json.loads(line) for line in record.read_text().splitlines()]
    return run, records


# --- What a playbook declares -------------------------------------------------------------------

SURVEY_TYPES = {
    "text": (str,),
    "textarea": (str,),
    "password": (str,),
    "multiplechoice": (str,),
    "multiselect": (list,),
    "integer": (int,),
    "float": (float, int),
}
SPEC_TYPES = {"str": str, "path": str, "int": int, "float": float, "bool": bool, "list": list, "dict": dict}
LITERAL_DEFAULT = re.compile(r"\b([a-z][a-z0-9_]*)\s*\|\s*default\(\s*('[^']*'|\"[^\"]*\"|-?\d+(?:\.\d+)?|true|false|\[\]|\{\})?")
ANY = None  # declared, but of a type only known at run time (a template)


def _value_type(value):
    if isinstance(value, str) and value.strip().startswith("{{") and value.strip().endswith("}}"):
        return ANY
    return type(value)


def _literal_type(literal):
    if literal is None:
        return ANY
    return type(yaml.safe_load(literal.replace('"', "'") if literal.startswith('"') else literal))


def _roles_of(play):
    names = [role if isinstance(role, str) else role.get("role", role.get("name")) for role in play.get("roles", [])]
    for task in _tasks(play):
        for key in ("ansible.builtin.import_role", "ansible.builtin.include_role", "import_role", "include_role"):
            if key in task:
                names.append(task[key]["name"])
    return [name.split(".")[-1] for name in names]


def _tasks(play):
    pending = list(play.get("tasks", [])) + list(play.get("pre_tasks", [])) + list(play.get("post_tasks", []))
    while pending:
        task = pending.pop()
        yield task
        for key in ("block", "rescue", "always"):
            pending.extend(task.get(key, []))


def declared_variables(playbook):
    """Variable name -> type (or ANY) that `playbook` takes as input: its play vars and vars_files, the
    variables it reads with a default or asserts on, and the argument specs of the roles it applies."""
    path = ROOT / playbook
    declared = {}
    text = path.read_text()
    for name, literal in LITERAL_DEFAULT.findall(text):
        declared.setdefault(name, _literal_type(literal or None))
    for play in yaml.safe_load(text) or []:
        if "import_playbook" in play or "ansible.builtin.import_playbook" in play:
            target = play.get("import_playbook") or play["ansible.builtin.import_playbook"]
            declared.update(declared_variables(str((path.parent / target).relative_to(ROOT))))
            continue
        for task in _tasks(play):
            assertion = task.get("ansible.builtin.assert") or task.get("assert")
            if assertion:
                that = assertion["that"] if isinstance(assertion["that"], list) else [assertion["that"]]
                for condition in that:
                    for name in re.findall(r"\b([a-z][a-z0-9_]*) is defined\b", condition):
                        declared.setdefault(name, ANY)
        for vars_file in play.get("vars_files", []):
            vars_text = (path.parent / vars_file).read_text()
            for name, literal in LITERAL_DEFAULT.findall(vars_text):
                declared.setdefault(name, _literal_type(literal or None))
            for name, value in (yaml.safe_load(vars_text) or {}).items():
                declared[name] = _value_type(value)
        for name, value in (play.get("vars") or {}).items():
            declared[name] = _value_type(value)
        for role in _roles_of(play):
            spec_file = ROOT / "roles" / role / "meta" / "argument_specs.yml"
            if spec_file.is_file():
                options = yaml.safe_load(spec_file.read_text())["argument_specs"]["main"]["options"]
                for name, option in options.items():
                    declared[name] = SPEC_TYPES.get(option.get("type", "str"), ANY)
    return {name: kind for name, kind in declared.items() if not name.startswith("_")}


# --- The checks ---------------------------------------------------------------------------------


def survey_problems(survey, playbooks):
    """What AWX would refuse in `survey`, and its variables that none of `playbooks` declares with a compatible type."""
    problems = []
    if not isinstance(survey, dict) or not {"name", "description", "spec"} <= set(survey):
        return [f"a survey needs name, description and spec, got {sorted(survey) if isinstance(survey, dict) else survey!r}"]
    declared = {}
    for playbook in playbooks:
        for name, kind in declared_variables(playbook).items():
            declared.setdefault(name, set()).add(kind)
    seen = set()
    for question in survey["spec"]:
        variable = question.get("variable")
        kind = question.get("type")
        where = f"survey {survey['name']!r}, variable {variable!r}"
        missing = {"question_name", "variable", "type", "required"} - set(question)
        if missing:
            problems.append(f"{where}: missing {sorted(missing)}")
            continue
        if kind not in SURVEY_TYPES:
            problems.append(f"{where}: type {kind!r} is not one of {sorted(SURVEY_TYPES)}")
            continue
        if variable in seen:
            problems.append(f"{where}: asked twice")
        seen.add(variable)
        if kind in ("multiplechoice", "multiselect") and not question.get("choices"):
            problems.append(f"{where}: a {kind} question needs choices")
        if "default" in question and question["default"] != "" and not isinstance(question["default"], SURVEY_TYPES[kind]):
            problems.append(f"{where}: default {question['default']!r} is not a {kind}")
        if "min" in question and "max" in question and question["min"] > question["max"]:
            problems.append(f"{where}: min above max")
        if variable not in declared:
            problems.append(f"{where}: not declared by {', '.join(playbooks)} or their roles' argument specs")
        elif ANY not in declared[variable] and not any(issubclass(t, SURVEY_TYPES[kind]) for t in declared[variable]):
            names = sorted(t.__name__ for t in declared[variable])
            problems.append(f"{where}: a {kind} answer, but the playbook takes {'/'.join(names)}")
    return problems


def workflow_problems(workflow, job_templates):
    """Nodes of a workflow_job_template call that name a missing job template or a missing node."""
    problems = []
    identifiers = [node["identifier"] for node in workflow["workflow_nodes"]]
    if len(set(identifiers)) != len(identifiers):
        problems.append(f"workflow {workflow['name']!r}: identifiers repeat: {identifiers}")
    for node in workflow["workflow_nodes"]:
        template = node["unified_job_template"]
        if template.get("type") != "job_template" or template.get("name") not in job_templates:
            problems.append(f"workflow {workflow['name']!r}, node {node['identifier']!r}: no job template {template.get('name')!r}")
        for kind, targets in node.get("related", {}).items():
            for target in targets if kind.endswith("_nodes") else []:
                if target["identifier"] not in identifiers:
                    problems.append(f"workflow {workflow['name']!r}, node {node['identifier']!r}: {kind} names no node {target['identifier']!r}")
    return problems


def by_module(records, module):
    return [record["params"] for record in records if record["module"] == module]
