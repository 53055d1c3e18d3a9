"""execution-environment.yml: `ansible-builder create` writes the build context offline, and the
context holds the collection as built from this checkout with exactly the collections, Python
requirements and system packages the checkout declares."""

import json
import subprocess
import sys
import tarfile
from pathlib import Path

import yaml

from tests.support.paths import ROOT


def requirement_pins(path):
    pins = {}
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[name.strip()] = version.strip()
    return pins


def test_ansible_builder_create_writes_a_context_matching_the_checkout(tmp_path):
    context = tmp_path / "context"
    run = subprocess.run(
        [str(ROOT / "scripts" / "ee-context"), str(context)],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
        env={"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(tmp_path)},
    )
    assert run.returncode == 0, run.stdout + run.stderr
    build = context / "_build"
    containerfile = (context / "Containerfile").read_text()

    # Python requirements and system packages: the checkout's files, as they are.
    assert (build / "requirements.txt").read_text() == (ROOT / "requirements.txt").read_text()
    assert (build / "bindep.txt").read_text() == (ROOT / "bindep.txt").read_text()
    assert "introspect --user-pip=requirements.txt --user-bindep=bindep.txt" in containerfile

    # Collections: this one from the tarball in the context, and galaxy.yml's dependencies, which
    # requirements.yml also lists, with the same version ranges.
    galaxy = yaml.safe_load((ROOT / "galaxy.yml").read_text())
    collections = yaml.safe_load((build / "requirements.yml").read_text())["collections"]
    local = [c for c in collections if c.get("type") == "file"]
    assert [c["name"] for c in local] == ["/build/collections/devsecops-aws.tar.gz"]
    assert {c["name"]: c["version"] for c in collections if "type" not in c} == galaxy["dependencies"]
    requirements = yaml.safe_load((ROOT / "requirements.yml").read_text())["collections"]
    assert {c["name"]: c["version"] for c in requirements} == galaxy["dependencies"]
    assert "COPY _build /build" in containerfile and "ansible-galaxy collection install" in containerfile

    with tarfile.open(build / "collections" / "devsecops-aws.tar.gz") as tarball:
        manifest = json.load(tarball.extractfile("MANIFEST.json"))["collection_info"]
        names = tarball.getnames()
        assert tarball.extractfile("requirements.txt").read().decode() == (ROOT / "requirements.txt").read_text()
    assert (manifest["namespace"], manifest["name"], manifest["version"]) == (galaxy["namespace"], galaxy["name"], galaxy["version"])
    assert manifest["dependencies"] == galaxy["dependencies"]
    assert "roles/awx_config/tasks/main.yml" in names and "plugins/modules/security_gate.py" in names
    assert not any(name.startswith((".venv", ".ee")) for name in names)

    # ansible-core as the tests run it.
    assert f"ansible-core=={requirement_pins(ROOT / 'requirements-dev.txt')['ansible-core']}" in containerfile
