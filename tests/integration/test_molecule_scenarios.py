"""Every molecule scenario under extensions/molecule, the full `molecule test` sequence, each with its
own local endpoint (its `create` starts one), side by side under pytest-xdist."""

import os
import subprocess

import pytest

from tests.support.paths import ROOT

pytestmark = pytest.mark.slow

SCENARIOS = sorted(path.parent.name for path in (ROOT / "extensions" / "molecule").glob("*/molecule.yml"))


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_scenario_passes_molecule_test(scenario):
    env = dict(os.environ, ANSIBLE_NOCOLOR="1", NO_COLOR="1")
    # An endpoint named in the environment would be shared by scenarios running side by side.
    for name in ("AWS_ENDPOINT_URL", "AWS_PROFILE", "DEVSECOPS_REAL_AWS"):
        env.pop(name, None)
    proc = subprocess.run(
        [str(ROOT / "scripts" / "molecule"), "test", "-s", scenario],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
        check=False,
    )
    assert proc.returncode == 0, (proc.stdout + proc.stderr)[-12000:]
