"""Every benchmark in turn, with its defaults, as the figures in bench/README.md were taken.

    source .venv/bin/activate
    python bench/run_all.py

findings.py (parse, convert, import; naive baseline), gate.py (100,000 findings against 1,000
waivers) and converge.py (site.yml, first and no-change runs). A script not in the checkout yet
is named and skipped. Each runs in its own process, so one's memory does not weigh on the next.
"""

import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
SCRIPTS = ("findings.py", "gate.py", "converge.py")


def main():
    print(time.strftime("benchmarks taken %Y-%m-%d %H:%M UTC", time.gmtime()), flush=True)
    worst = 0
    for script in SCRIPTS:
        print(f"\n######## bench/{script}", flush=True)
        if not (BENCH / script).exists():
            print(f"bench/{script} is not in this checkout yet: skipped")
            continue
        worst = max(worst, subprocess.run([sys.executable, str(BENCH / script)], check=False).returncode)
    return worst


if __name__ == "__main__":
    sys.exit(main())
