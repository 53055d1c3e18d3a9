#!/usr/bin/env python3
"""Start and stop the local AWS endpoint: moto in server mode on 127.0.0.1, on a free port.

    scripts/local_endpoint.py start     # prints the endpoint URL, writes .local/endpoint.url
    scripts/local_endpoint.py url       # prints the URL of the running endpoint
    scripts/local_endpoint.py stop
    scripts/local_endpoint.py gaps      # the role tags whose AWS calls this endpoint cannot serve

inventories/local reads .local/endpoint.url unless AWS_ENDPOINT_URL is set; `--state-dir` keeps
another endpoint's files elsewhere (each molecule scenario runs its own). The tests import
MotoServer from here so that they start the endpoint exactly the way a user does.
"""

import argparse
import os
import signal
import sys
import urllib.request
from pathlib import Path

from k8s_emulator import EMULATOR_GAPS
from local_process import LocalServer, running_pid

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_STATE_DIR = ROOT / ".local"

# moto accepts any credentials; these make it obvious that nothing real is used.
DUMMY_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_REGION": "us-east-1",
    "AWS_DEFAULT_REGION": "us-east-1",
}

# Role features (by tag) whose AWS calls moto 5.2.5 cannot serve. Runs against this endpoint skip
# them (ANSIBLE_SKIP_TAGS); on a real account they run. The unit tests check each of these calls
# against the AWS service model instead (README, "What is tested where").
MOTO_GAPS = {
    "securityhub_standards": "GetEnabledStandards, BatchEnableStandards, BatchDisableStandards",
    "securityhub_products": "ListEnabledProductsForImport, Enable/DisableImportFindingsForProduct",
    "securityhub_action_targets": "Describe/Create/Update/DeleteActionTarget(s)",
    "securityhub_finding_aggregator": "List/Get/Create/Update/DeleteFindingAggregator(s)",
    "guardduty_publishing": "List/Describe/Create/Update/DeletePublishingDestination(s)",
    "aws_config_conformance_packs": "Describe/Put/DeleteConformancePack(s) (moto has only the Organization ones)",
    "lambda_function_dead_letter": "a function's DeadLetterConfig (Create/UpdateFunctionConfiguration do not keep it)",
    "siem_streams": "CreateDeliveryStream with AmazonopensearchserviceDestinationConfiguration",
    "siem_data_plane": "the OpenSearch REST API (moto serves the control plane; its domain endpoint resolves nowhere)",
    "eks_cluster_addons": "Describe/Create/Update/DeleteAddon (404)",
    "eks_cluster_access_mode": "UpdateClusterConfig accessConfig: accepted, never returned by DescribeCluster",
}

# ... and those the Kubernetes emulator that runs beside it cannot serve (scripts/k8s_emulator.py).
GAPS = {**MOTO_GAPS, **EMULATOR_GAPS}


def skip_tags():
    """The value of ANSIBLE_SKIP_TAGS for a run against this endpoint."""
    return ",".join(GAPS)


def moto_server_command():
    # This Python's moto, else the one scripts/bootstrap installed (when run as a plain script).
    for exe in (Path(sys.executable).with_name("moto_server"), ROOT / ".venv" / "bin" / "moto_server"):
        if exe.exists():
            return [str(exe)]
    return [sys.executable, "-m", "moto.server"]


def reset(url):
    """Make the endpoint at `url` forget every resource, as a fresh account would."""
    req = urllib.request.Request(f"{url}/moto-api/reset", method="POST")
    urllib.request.urlopen(req, timeout=10).close()


class MotoServer(LocalServer):
    """One moto server process on 127.0.0.1."""

    NAME = "moto_server"
    PROBE = "/moto-api/"

    def command(self):
        return moto_server_command() + ["-H", "127.0.0.1", "-p", str(self.port)]

    def environment(self):
        # AWS managed IAM policies (AWS_ConfigRole, ...) exist on every real account.
        return dict(os.environ, MOTO_IAM_LOAD_MANAGED_POLICIES="true")


class StateDir:
    """Where a started endpoint keeps its URL, process id and log."""

    def __init__(self, path=DEFAULT_STATE_DIR):
        self.path = Path(path)
        self.url_file = self.path / "endpoint.url"
        self.pid_file = self.path / "endpoint.pid"

    def running_pid(self):
        return running_pid(self.pid_file)


def cmd_start(state):
    if state.running_pid():
        print(state.url_file.read_text().strip())
        return 0
    state.path.mkdir(parents=True, exist_ok=True)
    server = MotoServer(log_path=state.path / "endpoint.log").start()
    state.url_file.write_text(server.url + "\n")
    state.pid_file.write_text(str(server.process.pid))
    print(server.url)
    return 0


def cmd_url(state):
    if not state.running_pid():
        print("no local endpoint is running: scripts/local_endpoint.py start", file=sys.stderr)
        return 1
    print(state.url_file.read_text().strip())
    return 0


def cmd_stop(state):
    pid = state.running_pid()
    if pid:
        os.killpg(pid, signal.SIGTERM)
    for path in (state.url_file, state.pid_file):
        path.unlink(missing_ok=True)
    return 0


def cmd_gaps(_state):
    print(skip_tags())
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["start", "url", "stop", "gaps"])
    parser.add_argument("--state-dir", default=DEFAULT_STATE_DIR, help="where the URL, pid and log are kept (default: .local)")
    args = parser.parse_args()
    commands = {"start": cmd_start, "url": cmd_url, "stop": cmd_stop, "gaps": cmd_gaps}
    return commands[args.command](StateDir(args.state_dir))


if __name__ == "__main__":
    sys.exit(main())
