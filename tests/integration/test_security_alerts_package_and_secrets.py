"""The security_alerts role deploys a package that holds every module of the notifier, keeps the Slack
webhook out of everything it prints, and says what to set without one.

(What the role builds is verified by its molecule scenario; the package's content and the role's
output are what a scenario does not see.)
"""

import io
import json
import urllib.request
import zipfile
import zipimport

import pytest

from tests.support.local_aws import client, run_playbook
from tests.support.paths import ROOT

pytestmark = pytest.mark.slow

CONVERGE = "extensions/molecule/security_alerts/converge.yml"
WEBHOOK = "https://hooks.slack.com/services/T0SECRET/B0SECRET/never-printed-token"
NOTIFIER = ROOT / "roles" / "security_alerts" / "files" / "notifier"


def run(endpoint, *args, webhook=WEBHOOK):
    return run_playbook(endpoint, CONVERGE, "-e", json.dumps({"scenario_webhook_url": webhook}), *args)


def test_the_webhook_is_in_no_output_and_the_package_holds_every_module(fresh_aws, tmp_path):
    for args in (["--check", "-vv"], ["-vv"], ["-vv", "--diff"]):
        result = run(fresh_aws, *args)
        assert result.rc == 0, result
        assert "T0SECRET" not in result.output, args

    code = client(fresh_aws, "lambda").get_function(FunctionName="devsecops-security-alerts")["Code"]
    package = urllib.request.urlopen(code["Location"], timeout=10).read()
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        assert sorted(archive.namelist()) == sorted(path.name for path in NOTIFIER.glob("*.py"))
    # The handler imports its sibling modules from the package alone, as Lambda loads it.
    (tmp_path / "package.zip").write_bytes(package)
    notifier = zipimport.zipimporter(str(tmp_path / "package.zip")).load_module("notifier")
    assert callable(notifier.handler)


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
