"""How fast the findings path is: parse, convert to ASFF and import into Security Hub.

    source .venv/bin/activate
    python bench/findings.py                                  # 1,000 / 10,000 / 100,000, every tool
    python bench/findings.py --sizes 10000 --tools trivy zap

For each size and tool: a report of that many distinct findings in the tool's real format
(bench/generate.py), parsed and converted in a fresh process (bench/_parse_probe.py) so that the
memory peaks of different sizes compare; then imported into a local moto endpoint started here,
reset before every import, once batched (securityhub.send: at most 100 findings a call) and once
naively (one BatchImportFindings call per finding, as many example pipelines do). The naive run
is bounded by --naive-max and extrapolated beyond it; imports above --import-max are planned
(the calls counted) but not sent. Prints figures; asserts nothing.
"""

import argparse
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import _path  # pylint: disable=unused-import  # noqa: F401  (sys.path for the collection and tests.support)
from _parse_probe import ACCOUNT_ID, PRODUCT_ARN
from generate import TOOLS, write_report

import moto
from ansible_collections.amazon.aws.plugins.module_utils.retries import RetryingBotoClientWrapper
from ansible_collections.devsecops.aws.plugins.module_utils._aws import jittered_retry
from ansible_collections.devsecops.aws.plugins.module_utils._findings import securityhub
from ansible_collections.devsecops.aws.plugins.module_utils._findings.asff import to_asff
from ansible_collections.devsecops.aws.plugins.module_utils._findings.reports import parse_report
from tests.support.local_aws import MotoServer, client, reset

PROBE = Path(__file__).with_name("_parse_probe.py")
# The documented 10 calls/s pacing is the API's limit, not our cost: against moto it is lifted.
UNPACED = securityhub.RateLimiter(rate=1e9, burst=1e9)


def probe(mode, report):
    out = subprocess.run([sys.executable, str(PROBE), mode, str(report)], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def import_plan(report):
    """The plan the module would make for `report` on an empty Security Hub (everything created)."""
    parsed = parse_report(report)
    new = [to_asff(finding, ACCOUNT_ID, PRODUCT_ARN) for finding in parsed["findings"]]
    return securityhub.plan_import(new, {}, datetime.now(timezone.utc))


def import_batched(endpoint, shub, findings):
    reset(endpoint)
    cpu, wall = time.process_time(), time.perf_counter()
    calls, failed = securityhub.send(shub, findings, limiter=UNPACED)
    return {"calls": calls, "failed": len(failed), "wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}


def import_naive(endpoint, shub, findings, limit):
    """One call per finding for the first `limit` findings; seconds for all, extrapolated past `limit`."""
    reset(endpoint)
    sample = findings[:limit]
    wall = time.perf_counter()
    for finding in sample:
        securityhub.batch_import_findings(shub, [finding])
    per_call = (time.perf_counter() - wall) / len(sample)
    return {"calls": len(findings), "wall": per_call * len(findings), "extrapolated": len(sample) < len(findings)}


def planned_calls(findings):
    return sum(1 for batch, _too_large in securityhub.batches(findings) if batch)


def paced_floor(calls):
    """Seconds the documented pacing alone needs for `calls` (10 a second after a burst of 30)."""
    return max(0, calls - securityhub.BURST) / securityhub.CALLS_PER_SECOND


def measure(size, tool, directory, endpoint, shub, args):
    report = write_report(tool, size, directory)
    row = {"tool": tool, "size": size, "report_mb": report.stat().st_size / 1e6}
    row.update(probe("held", report))
    row["traced_peak_mb"] = probe("streamed", report)["traced_peak_mb"]
    plan = import_plan(report)
    report.unlink()
    findings, row["duplicate_ids"] = plan.writes(), plan.duplicates
    if size <= args.import_max:
        row["batched"] = import_batched(endpoint, shub, findings)
    else:
        row["batched"] = {"calls": planned_calls(findings), "planned": True}
    row["naive"] = import_naive(endpoint, shub, findings, args.naive_max)
    reset(endpoint)
    return row


def _parse_cpu(row):
    return row["parse_cpu"] + row["convert_cpu"]


PARSE_COLUMNS = (
    ("findings", lambda row: f"{row['findings']:,}"),
    ("report MB", lambda row: f"{row['report_mb']:.1f}"),
    ("parse CPU s", lambda row: f"{row['parse_cpu']:.2f}"),
    ("convert CPU s", lambda row: f"{row['convert_cpu']:.2f}"),
    ("wall s", lambda row: f"{row['parse_wall'] + row['convert_wall']:.2f}"),
    ("findings/s", lambda row: f"{row['findings'] / _parse_cpu(row):,.0f}"),
    ("RSS held MB", lambda row: f"{row['rss_peak_mb'] - row['rss_before_mb']:.0f}"),
    ("traced MB", lambda row: f"{row['traced_peak_mb']:.1f}"),
    ("traced/report", lambda row: f"{row['traced_peak_mb'] / row['report_mb']:.1f}"),
)


def _sent(cell):
    return lambda row: "-" if row["batched"].get("planned") else cell(row)


IMPORT_COLUMNS = (
    ("dup Ids", lambda row: f"{row['duplicate_ids']:,}"),
    ("calls", lambda row: f"{row['batched']['calls']:,}"),
    ("floor", lambda row: f"{math.ceil(row['findings'] / securityhub.MAX_BATCH_COUNT):,}"),
    ("failed", _sent(lambda row: f"{row['batched']['failed']}")),
    ("import s", _sent(lambda row: f"{row['batched']['wall']:.2f}")),
    ("client CPU s", _sent(lambda row: f"{row['batched']['cpu']:.2f}")),
    ("findings/s", _sent(lambda row: f"{row['findings'] / row['batched']['wall']:,.0f}")),
    ("paced s", lambda row: f"{paced_floor(row['batched']['calls']):.1f}"),
    ("naive calls", lambda row: f"{row['naive']['calls']:,}"),
    ("naive s", lambda row: f"{row['naive']['wall']:.1f}" + ("*" if row["naive"]["extrapolated"] else " ")),
    ("naive paced s", lambda row: f"{paced_floor(row['naive']['calls']):,.0f}"),
    ("x calls", lambda row: f"{row['naive']['calls'] / row['batched']['calls']:.0f}"),
    ("x time", _sent(lambda row: f"{row['naive']['wall'] / row['batched']['wall']:.1f}")),
)


def print_table(title, columns, rows):
    print(title)
    widths = [max(len(header), 7) + 2 for header, _cell in columns]
    print(f"  {'tool':17}" + "".join(f"{header:>{width}}" for (header, _cell), width in zip(columns, widths)))
    for row in rows:
        print(f"  {row['tool']:17}" + "".join(f"{cell(row):>{width}}" for (_header, cell), width in zip(columns, widths)))


def print_notes(args):
    print(
        f"""notes:
  RSS held MB    peak RSS growth while parse_report and to_asff hold every finding (as the module does)
  traced MB      tracemalloc peak of iter_findings -> to_asff, one finding at a time, nothing kept;
                 traced/report flat across sizes = memory follows the report, not the finding count
  dup Ids        findings whose ASFF Id repeats another's (the importer sends each Id once); 0 = all distinct
  calls, floor   BatchImportFindings calls made; ceil(N/100), as the API takes at most 100 findings a call
                 (above --import-max: calls planned by securityhub.batches, nothing sent, "-" elsewhere)
  import s       wall seconds of securityhub.send against moto; client CPU s is our side of it
                 (batching, botocore serialisation); the rest is moto and HTTP
  paced s        what the documented 10 calls/s (burst 30) pacing alone needs on real AWS (both ways);
                 lifted here (RateLimiter rate 1e9) because it is the API's limit, not our cost
  naive          one call per finding, measured on the first {args.naive_max:,} findings after a reset;
                 * = extrapolated from that per-call time (a lower bound: moto's per-call cost grows
                 with what it holds, and real AWS would pace 1 finding per 100 ms)
  x calls/time   naive over batched
  --import-max   sizes above {args.import_max:,} are planned, not sent: moto 5.2.5's batch_import_findings looks
                 each finding up by scanning every finding it holds (moto/securityhub/models.py), so an import
                 costs O(held x sent) on the server, minutes per 100,000-finding report (bench/README.md has
                 a measured run). That is moto's cost, not the API's or ours; to measure it anyway:
                 --sizes 100000 --tools zap --import-max 100000"""
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--tools", nargs="+", choices=sorted(TOOLS), default=list(TOOLS))
    parser.add_argument("--naive-max", type=int, default=1_000, help="naive calls measured per report")
    parser.add_argument(
        "--import-max", type=int, default=10_000,
        help="largest size actually imported (moto's import is quadratic in the findings it holds: see the notes)",
    )
    args = parser.parse_args(argv)

    print(
        f"findings benchmark: {platform.python_implementation()} {platform.python_version()}, "
        f"{os.cpu_count()} cores, moto {moto.__version__} server on 127.0.0.1"
    )
    server = MotoServer().start()
    shub = RetryingBotoClientWrapper(client(server.url, "securityhub"), jittered_retry())
    try:
        with tempfile.TemporaryDirectory(prefix="bench-findings-") as directory:
            for size in args.sizes:
                rows = [measure(size, tool, directory, server.url, shub, args) for tool in args.tools]
                print(f"\n== {size:,} findings per report")
                print_table("parse + convert (fresh process per report; CPU = time.process_time)", PARSE_COLUMNS, rows)
                print_table("import into the local endpoint (reset before each; pacing lifted)", IMPORT_COLUMNS, rows)
                sys.stdout.flush()
    finally:
        server.stop()
    print()
    print_notes(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
