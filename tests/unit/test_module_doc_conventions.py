"""Module documentation rules of this collection that ansible-test sanity does not check.

validate-modules (scripts/sanity) checks that the docs render with their fragments, that the
documented options are the argument_spec's (types, defaults, choices, required, elements) and
that RETURN exists with a description, type and, at the top level, `returned`. STYLE.md asks for
more: every module declares check and diff mode, its examples name modules by FQCN, and every
return value, nested ones included, says when it is returned and gives a sample.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.support.paths import ROOT

MODULES = sorted(path.stem for path in (ROOT / "plugins/modules").glob("*.py") if not path.stem.startswith("_"))


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
def test_check_and_diff_mode_are_declared(name, rendered):
    attributes = rendered[f"devsecops.aws.{name}"]["doc"].get("attributes", {})
    assert {"check_mode", "diff_mode"} <= set(attributes), f"{name}: declare check_mode and diff_mode"


@pytest.mark.parametrize("name", MODULES)
def test_examples_name_modules_by_fqcn(name, rendered):
    examples = yaml.safe_load(rendered[f"devsecops.aws.{name}"]["examples"])
    assert examples, f"{name}: no examples"
    for task in examples:
        modules = [key for key in task if "." in key]
        assert modules, f"{name}: example {task.get('name')!r} names no FQCN module"


@pytest.mark.parametrize("name", MODULES)
def test_every_return_value_says_when_it_is_returned_and_gives_a_sample(name, rendered):
    def check(values, path):
        for key, spec in values.items():
            assert spec.get("returned") is not None, f"{name}: return {path}{key} has no returned"
            if "contains" in spec:
                check(spec["contains"], f"{path}{key}.")
            else:
                assert "sample" in spec, f"{name}: return {path}{key} has no sample"

    check(rendered[f"devsecops.aws.{name}"]["return"] or {}, "")
