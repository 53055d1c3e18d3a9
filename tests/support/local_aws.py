"""Run playbooks against the local endpoint and read AWS state back through boto3."""

import os
import re
import subprocess
import sys
from pathlib import Path

import boto3

from tests.support.paths import ROOT

from local_endpoint import DUMMY_ENV, MotoServer, reset, skip_tags  # pylint: disable=unused-import  # noqa: F401  (re-exported for conftest and tests)
from local_process import free_port  # pylint: disable=unused-import  # noqa: F401  (re-exported for the stand-ins)

RECAP = re.compile(r"^(\S+)\s*:\s*ok=(\d+)\s+changed=(\d+)\s+unreachable=(\d+)\s+failed=(\d+)", re.M)


def aws_env(endpoint_url):
    env = dict(os.environ, **DUMMY_ENV, AWS_ENDPOINT_URL=endpoint_url)
    env.pop("AWS_PROFILE", None)
    return env


def client(endpoint_url, service):
    return boto3.client(
        service,
        endpoint_url=endpoint_url,
        region_name=DUMMY_ENV["AWS_REGION"],
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


def module_connection(endpoint_url):
    """The connection options a module run in-process (service_model.run_module) needs for the endpoint."""
    return dict(endpoint_url=endpoint_url, region=DUMMY_ENV["AWS_REGION"], access_key="testing", secret_key="testing")


class PlaybookRun:
    def __init__(self, proc):
        self.rc = proc.returncode
        self.output = proc.stdout + proc.stderr
        recap = RECAP.findall(proc.stdout)
        self.changed = sum(int(row[2]) for row in recap)
        self.failed = sum(int(row[4]) + int(row[3]) for row in recap)

    def __repr__(self):
        return f"PlaybookRun(rc={self.rc}, changed={self.changed}, failed={self.failed})\n{self.output[-6000:]}"


def run_playbook(endpoint_url, playbook, *args, extra_vars=None, env=None):
    """ansible-playbook against the local inventory, pointed at `endpoint_url`, skipping what it cannot serve."""
    cmd = [str(Path(sys.executable).with_name("ansible-playbook")), "-i", str(ROOT / "inventories/local"), str(ROOT / playbook)]
    for key, value in (extra_vars or {}).items():
        cmd += ["-e", f"{key}={value}"]
    cmd += list(args)
    full_env = dict(
        aws_env(endpoint_url),
        ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_SKIP_TAGS=skip_tags(),
    )
    full_env.update(env or {})  # a test may serve what the endpoint lacks (ANSIBLE_SKIP_TAGS="")
    return PlaybookRun(subprocess.run(cmd, cwd=ROOT, env=full_env, capture_output=True, text=True, timeout=1200, check=False))


def module_args(endpoint_url, **options):
    """Arguments for run_module() that point a module at `endpoint_url` with moto's dummy credentials."""
    return dict(
        endpoint_url=endpoint_url,
        region=DUMMY_ENV["AWS_REGION"],
        access_key=DUMMY_ENV["AWS_ACCESS_KEY_ID"],
        secret_key=DUMMY_ENV["AWS_SECRET_ACCESS_KEY"],
        **options,
    )
