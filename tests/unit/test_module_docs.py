"""Every module documents what it does and its docs match its argument_spec.

ansible-test sanity's validate-modules needs downloads this project's machines cannot make;
this covers the same ground for our modules: the docs render with their fragments, every option
and return value is fully described, and the documented options are the ones the code accepts.
"""

import importlib
import json
import subprocess
import sys
from pathlib import Path
from unittest.mock import patch

import pytest
import yaml
from ansible.module_utils import basic

from tests.support.paths import ROOT

MODULES = sorted(path.stem for path in (ROOT / "plugins/modules").glob("*.py") if not path.stem.startswith("_"))


class SpecCaptured(Exception):
    def __init__(self, kwargs):
        super().__init__()
        self.kwargs = kwargs


def argument_spec(name):
    """The argument_spec the module's main() hands to AnsibleModule, captured before it runs."""
    module = importlib.import_module(f"ansible_collections.devsecops.aws.plugins.modules.{name}")

    def capture(self, **kwargs):
        raise SpecCaptured(kwargs)

    with patch.object(basic.AnsibleModule, "__init__", capture):
        with pytest.raises(SpecCaptured) as captured:
            module.main()
    return captured.value.kwargs


@pytest.fixture(scope="module")
def rendered():
    """ansible-doc's view of every module: its own docs merged with the doc fragments."""
    ansible_doc = str(Path(sys.executable).with_name("ansible-doc"))
    names = [f"devsecops.aws.{name}" for name in MODULES]
    out = subprocess.run(
        [ansible_doc, "-t", "module", "--json", *names],
        cwd=ROOT,
        env={"ANSIBLE_CONFIG": str(ROOT / "ansible.cfg"), "PATH": str(Path(sys.executable).parent), "HOME": str(Path.home())},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def test_there_are_modules_to_check():
    assert "securityhub_findings" in MODULES


@pytest.mark.parametrize("name", MODULES)
def test_docs_render_and_describe_every_option(name, rendered):
    doc = rendered[f"devsecops.aws.{name}"]["doc"]
    assert doc["version_added"]
    assert doc["short_description"] and doc["description"]
    for option, spec in doc["options"].items():
        assert spec.get("description"), f"{name}: option {option} has no description"
        assert spec.get("type"), f"{name}: option {option} has no type"
        if spec["type"] == "list":
            assert spec.get("elements"), f"{name}: list option {option} has no elements"
    assert {"check_mode", "diff_mode"} <= set(doc.get("attributes", {})), f"{name}: declare check_mode and diff_mode"


@pytest.mark.parametrize("name", MODULES)
def test_examples_are_yaml_using_fqcns(name, rendered):
    examples = yaml.safe_load(rendered[f"devsecops.aws.{name}"]["examples"])
    assert examples, f"{name}: no examples"
    for task in examples:
        modules = [key for key in task if "." in key]
        assert modules, f"{name}: example {task.get('name')!r} names no FQCN module"


@pytest.mark.parametrize("name", MODULES)
def test_every_return_value_has_description_returned_type_and_sample(name, rendered):
    def check(values, path):
        for key, spec in values.items():
            for field in ("description", "returned", "type"):
                assert spec.get(field) is not None, f"{name}: return {path}{key} has no {field}"
            if "contains" in spec:
                check(spec["contains"], f"{path}{key}.")
            else:
                assert "sample" in spec, f"{name}: return {path}{key} has no sample"

    check(rendered[f"devsecops.aws.{name}"]["return"] or {}, "")


@pytest.mark.parametrize("name", MODULES)
def test_documented_options_match_the_argument_spec(name, rendered):
    documented = rendered[f"devsecops.aws.{name}"]["doc"]["options"]
    spec = argument_spec(name)["argument_spec"]
    assert set(spec) == set(documented), f"{name}: code and docs disagree on options"
    for option, code in spec.items():
        doc = documented[option]
        assert code.get("type", "str") == doc["type"], f"{name}: {option} type"
        assert bool(code.get("required")) == bool(doc.get("required")), f"{name}: {option} required"
        assert code.get("default") == doc.get("default"), f"{name}: {option} default"
        assert code.get("choices") == doc.get("choices"), f"{name}: {option} choices"
        if code.get("type") == "list":
            assert code.get("elements") == doc.get("elements"), f"{name}: {option} elements"
