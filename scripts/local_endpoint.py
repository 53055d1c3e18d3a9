#!/usr/bin/env python3
"""Start and stop the local AWS endpoint: moto in server mode on 127.0.0.1, on a free port.

    scripts/local_endpoint.py start     # prints the endpoint URL, writes .local/endpoint.url
    scripts/local_endpoint.py url       # prints the URL of the running endpoint
    scripts/local_endpoint.py stop

inventories/local reads .local/endpoint.url unless AWS_ENDPOINT_URL is set. The tests import
MotoServer from here so that they start the endpoint exactly the way a user does.
"""

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STATE_DIR = ROOT / ".local"
URL_FILE = STATE_DIR / "endpoint.url"
PID_FILE = STATE_DIR / "endpoint.pid"

# moto accepts any credentials; these make it obvious that nothing real is used.
DUMMY_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_SESSION_TOKEN": "testing",
    "AWS_REGION": "us-east-1",
    "AWS_DEFAULT_REGION": "us-east-1",
}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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


class MotoServer:
    """One moto server process on 127.0.0.1."""

    def __init__(self, port=None, log_path=None):
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.process = None

    def start(self, timeout=30):
        log = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL
        self.process = subprocess.Popen(
            moto_server_command() + ["-H", "127.0.0.1", "-p", str(self.port)],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            # AWS managed IAM policies (AWS_ConfigRole, ...) exist on every real account.
            env=dict(os.environ, MOTO_IAM_LOAD_MANAGED_POLICIES="true"),
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"moto_server exited with code {self.process.returncode}")
            try:
                urllib.request.urlopen(f"{self.url}/moto-api/", timeout=1).close()
                return self
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"moto_server did not answer on {self.url} within {timeout}s")

    def stop(self):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)


def _running_pid():
    try:
        pid = int(PID_FILE.read_text())
        os.kill(pid, 0)
        return pid
    except (OSError, ValueError):
        return None


def cmd_start(_args):
    if _running_pid():
        print(URL_FILE.read_text().strip())
        return 0
    STATE_DIR.mkdir(exist_ok=True)
    server = MotoServer(log_path=STATE_DIR / "endpoint.log").start()
    URL_FILE.write_text(server.url + "\n")
    PID_FILE.write_text(str(server.process.pid))
    print(server.url)
    return 0


def cmd_url(_args):
    if not _running_pid():
        print("no local endpoint is running: scripts/local_endpoint.py start", file=sys.stderr)
        return 1
    print(URL_FILE.read_text().strip())
    return 0


def cmd_stop(_args):
    pid = _running_pid()
    if pid:
        os.killpg(pid, signal.SIGTERM)
    for path in (URL_FILE, PID_FILE):
        path.unlink(missing_ok=True)
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["start", "url", "stop"])
    args = parser.parse_args()
    return {"start": cmd_start, "url": cmd_url, "stop": cmd_stop}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
