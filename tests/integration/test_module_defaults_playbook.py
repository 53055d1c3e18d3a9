"""Every module of the collection under the aws group's module_defaults, against the local endpoint."""

import json
import re

import pytest

from tests.support.fixtures import REPORTS
from tests.support.local_aws import client, run_playbook
from tests.support.paths import ROOT

pytestmark = pytest.mark.slow
PLAYBOOK = "tests/integration/playbooks/module_defaults.yml"


def test_the_playbook_runs_every_module_of_the_collection():
    modules = {path.stem for path in (ROOT / "plugins/modules").glob("*.py")}
    used = set(re.findall(r"^ +devsecops\.aws\.(\w+):", (ROOT / PLAYBOOK).read_text(), re.MULTILINE))
    assert used == modules


def test_every_module_takes_the_groups_connection_defaults(fresh_aws):
    extra = {"module_defaults_report": str(REPORTS / "zap/zap-odd-cases.json")}
    run = run_playbook(fresh_aws, PLAYBOOK, "-e", json.dumps(extra))
    assert run.rc == 0 and run.failed == 0, run
    assert "Unsupported parameters" not in run.output, run
    held = client(fresh_aws, "securityhub").get_findings()["Findings"]
    assert {f["ProductFields"]["devsecops/Scope"] for f in held} == {"module-defaults"}
    assert len(held) == 5
    assert client(fresh_aws, "guardduty").list_detectors()["DetectorIds"]
    retention = client(fresh_aws, "s3").get_object_lock_configuration(Bucket="module-defaults-evidence")
    rule = retention["ObjectLockConfiguration"]["Rule"]["DefaultRetention"]
    assert (rule["Mode"], rule["Days"]) == ("GOVERNANCE", 1)
