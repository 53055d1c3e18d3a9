"""What a converge costs: site.yml against a fresh local endpoint, then again with nothing changed.

    source .venv/bin/activate
    python bench/converge.py
    python bench/converge.py --playbook playbooks/findings.yml

Runs `ansible-playbook -i inventories/local <playbook>` twice against a moto server started here
and prints, for each run, the wall time, the AWS API calls made (the server's access log: one
line a request, counted between runs) and `changed` from the PLAY RECAP. The second run should
change nothing and call little. Prints figures; asserts nothing.
"""

import argparse
import collections
import os
import re
import sys
import tempfile
import time
from pathlib import Path

import _path  # pylint: disable=unused-import  # noqa: F401  (sys.path for tests.support)
from tests.support.local_aws import MotoServer, run_playbook

# werkzeug's access log line: 127.0.0.1 - - [29/Nov/2026 00:41:31] "POST /findings/import HTTP/1.1" 200 -
REQUEST = re.compile(r'\] "(?P<request>[A-Z]+ \S+) HTTP/[\d.]+" (?P<status>\d{3}) ')


def requests_logged(log_path, skip):
    """Request lines of the access log after the first `skip` ones; moto's own admin API excluded."""
    lines = []
    with open(log_path, encoding="utf-8", errors="replace") as log:
        for line in log:
            match = REQUEST.search(line)
            if match:
                lines.append(match.group("request").split("?", 1)[0])
    return [line for line in lines[skip:] if " /moto-api/" not in line], len(lines)


def converge(endpoint, log_path, playbook, seen):
    started = time.perf_counter()
    run = run_playbook(endpoint, playbook)
    wall = time.perf_counter() - started
    calls, seen = requests_logged(log_path, seen)
    return run, wall, calls, seen


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--playbook", default="site.yml")
    parser.add_argument("--top", type=int, default=5, help="request lines listed per run")
    args = parser.parse_args(argv)

    print(f"converge benchmark: {args.playbook}, {os.cpu_count()} cores, fresh moto server on 127.0.0.1")
    with tempfile.TemporaryDirectory(prefix="bench-converge-") as directory:
        log_path = Path(directory) / "moto.log"
        server = MotoServer(log_path=log_path).start()
        try:
            _calls, seen = requests_logged(log_path, 0)
            print(f"  {'run':12}{'rc':>4}{'wall s':>9}{'API calls':>11}{'changed':>9}{'failed':>8}")
            for name in ("first", "no change"):
                run, wall, calls, seen = converge(server.url, log_path, args.playbook, seen)
                print(f"  {name:12}{run.rc:>4}{wall:>9.1f}{len(calls):>11}{run.changed:>9}{run.failed:>8}")
                for request, count in collections.Counter(calls).most_common(args.top):
                    print(f"  {'':16}{count:>6} x {request}")
                if run.rc:
                    print(run.output[-3000:])
        finally:
            server.stop()
    print(
        "\nAPI calls: requests moto logged during the run (Query and JSON-protocol services all log"
        "\n'POST /', REST services their path); changed: sum over the PLAY RECAP's hosts."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
