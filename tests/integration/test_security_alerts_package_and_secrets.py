"""The security_alerts role deploys a package that holds every module of the notifier, keeps the Slack
webhook out of everything it prints, and says what to set without one.

(What the role builds is verified by its molecule scenario; the package's content and the role's
output are what a scenario does not see.)
"""

import base64
import hashlib
import importlib
import json
import sys
import zipfile

import pytest

from tests.support.local_aws import client, run_playbook
from tests.support.paths import ROOT

pytestmark = pytest.mark.slow

CONVERGE = "extensions/molecule/security_alerts/converge.yml"
WEBHOOK = "https://hooks.slack.com/services/T0SECRET/B0SECRET/never-printed-token"
NOTIFIER = ROOT / "roles" / "security_alerts" / "files" / "notifier"


def run(endpoint, *args, webhook=WEBHOOK):
    return run_playbook(endpoint, CONVERGE, "-e", json.dumps({"scenario_webhook_url": webhook}), *args)


def test_the_webhook_is_in_no_output_and_the_package_holds_every_module(fresh_aws, tmp_path, monkeypatch):
    for args in (["--check", "-vv"], ["-vv"], ["-vv", "--diff"]):
        result = run(fresh_aws, *args)
        assert result.rc == 0, result
        assert "T0SECRET" not in result.output, args

    # moto keeps a function's code but serves no download of it (its Code.Location names no reachable
    # host): the role's own package tasks build the zip again, and the deployed CodeSha256 says it is
    # that zip, byte for byte.
    package = build_package(fresh_aws, tmp_path)
    deployed = client(fresh_aws, "lambda").get_function_configuration(FunctionName="devsecops-security-alerts")
    assert deployed["CodeSha256"] == base64.b64encode(hashlib.sha256(package.read_bytes()).digest()).decode()
    with zipfile.ZipFile(package) as archive:
        assert sorted(archive.namelist()) == sorted(path.name for path in NOTIFIER.glob("*.py"))
    # The handler imports its sibling modules from the package alone: Lambda puts the package's root on
    # sys.path, as the zip is put here (modules of the same names imported from the checkout are forgotten).
    monkeypatch.syspath_prepend(str(package))
    for path in NOTIFIER.glob("*.py"):
        monkeypatch.delitem(sys.modules, path.stem, raising=False)
    notifier = importlib.import_module("notifier")
    assert callable(notifier.handler)
    assert notifier.__file__.startswith(str(package))


def build_package(endpoint, tmp_path):
    """The zip roles/lambda_function/tasks/package.yml builds from the notifier's sources, copied to tmp_path."""
    playbook = tmp_path / "package.yml"
    playbook.write_text(
        json.dumps(
            [
                {
                    "hosts": "localhost",
                    "gather_facts": False,
                    "vars": {
                        "lambda_function_name": "devsecops-security-alerts",
                        "lambda_function__sources": sorted(str(path) for path in NOTIFIER.glob("*.py")),
                    },
                    "tasks": [
                        {"ansible.builtin.import_tasks": str(ROOT / "roles/lambda_function/tasks/package.yml")},
                        {
                            "ansible.builtin.copy": {
                                "src": "{{ lambda_function__build.path }}/package.zip",
                                "dest": str(tmp_path / "package.zip"),
                                "mode": "0644",
                            }
                        },
                    ],
                }
            ]
        )
    )
    result = run_playbook(endpoint, str(playbook))
    assert result.rc == 0, result
    return tmp_path / "package.zip"


def test_without_a_webhook_the_role_says_what_to_set(fresh_aws):
    result = run(fresh_aws, webhook="")
    assert result.rc != 0
    assert "set security_alerts_slack_webhook_url" in result.output


@pytest.mark.parametrize(
    "webhook",
    ["http://hooks.slack.com/services/T/B/x", "https://hooks.slack.evil/services/T/B/x", "https://u:p@hooks.slack.com/s"],
)
def test_a_webhook_off_the_allowed_hosts_is_refused_without_printing_it(fresh_aws, webhook):
    result = run(fresh_aws, webhook=webhook)
    assert result.rc != 0
    assert "hooks.slack.com" in result.output and webhook not in result.output
