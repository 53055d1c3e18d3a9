"""Parse and convert one report in this fresh process and print its figures as one JSON line.

    python bench/_parse_probe.py held REPORT
    python bench/_parse_probe.py streamed REPORT

findings.py runs it once per report and mode, so that every peak is that report's alone:
  held      parse_report, then to_asff of every finding, keeping both lists, with the cycle
            collector paused (collector_paused) as the securityhub_findings module does: CPU and
            wall seconds of each step, and the process's peak RSS (VmHWM: unlike ru_maxrss it is
            not inherited from the parent)
  streamed  iter_findings, each finding converted and dropped: tracemalloc's peak, i.e. what
            parsing needs beyond the findings themselves
"""

import json
import sys
import time
import tracemalloc

import _path  # pylint: disable=unused-import  # noqa: F401  (sys.path for the collection)
from ansible_collections.devsecops.aws.plugins.module_utils._findings.asff import to_asff
from ansible_collections.devsecops.aws.plugins.module_utils._findings.reports import (
    collector_paused,
    iter_findings,
    parse_report,
)

ACCOUNT_ID = "123456789012"  # moto's default account
PRODUCT_ARN = f"arn:aws:securityhub:us-east-1:{ACCOUNT_ID}:product/{ACCOUNT_ID}/default"


def peak_rss_mb():
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return None


def timed(step):
    """step()'s result, CPU seconds (time.process_time) and wall seconds."""
    cpu, wall = time.process_time(), time.perf_counter()
    result = step()
    return result, time.process_time() - cpu, time.perf_counter() - wall


def held(path):
    rss_before = peak_rss_mb()
    with collector_paused():
        report, parse_cpu, parse_wall = timed(lambda: parse_report(path))
        asff, convert_cpu, convert_wall = timed(
            lambda: [to_asff(finding, ACCOUNT_ID, PRODUCT_ARN) for finding in report["findings"]]
        )
    return {
        "tool": report["tool"],
        "format": report["format"],
        "findings": len(asff),
        "parse_cpu": parse_cpu,
        "parse_wall": parse_wall,
        "convert_cpu": convert_cpu,
        "convert_wall": convert_wall,
        "rss_before_mb": rss_before,
        "rss_peak_mb": peak_rss_mb(),
    }


def streamed(path):
    tracemalloc.start()
    count = 0
    for finding in iter_findings(path):
        to_asff(finding, ACCOUNT_ID, PRODUCT_ARN)
        count += 1
    _current, peak = tracemalloc.get_traced_memory()
    return {"findings": count, "traced_peak_mb": peak / 1e6}


if __name__ == "__main__":
    mode, report_path = sys.argv[1:3]
    print(json.dumps({"held": held, "streamed": streamed}[mode](report_path)))
