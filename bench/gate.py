"""How fast the security gate evaluates: 100,000 findings, with a plain policy and with 1,000 waivers.

    source .venv/bin/activate
    python bench/gate.py                          # 100,000 findings; 0 and 1,000 waivers
    python bench/gate.py --findings 1000000 --waivers 0 1000 10000

Findings are built in memory (a mix of tools, severities, CVEs, CWEs, packages and statuses);
waivers match by every key (id, rule, cve, cwe, package), a tenth of them expired. The time is
the best of --repeat runs of gate.evaluate (policy validation and report writing excluded, shown
apart). Prints figures; asserts nothing.
"""

import argparse
import datetime
import random
import time

import _path  # pylint: disable=unused-import  # noqa: F401  (sys.path for the collection)

from ansible_collections.devsecops.aws.plugins.module_utils._findings import gate, gate_reports
from ansible_collections.devsecops.aws.plugins.module_utils._findings.model import SEVERITIES, finding_id, new_finding

TODAY = datetime.date(2026, 11, 29)
TOOLS = ("dependency_check", "trivy", "zap", "sonarqube", "semgrep")
STATUSES = ("active",) * 17 + ("suppressed", "false_positive", "resolved")


def findings(count, seed=7):
    rng = random.Random(seed)
    return [
        new_finding(
            tool=rng.choice(TOOLS),
            rule_id=f"RULE-{rng.randrange(5000)}",
            severity=rng.choice(SEVERITIES),
            status=rng.choice(STATUSES),
            cves=[f"CVE-2024-{rng.randrange(100000):05d}"],
            cwes=[f"CWE-{rng.randrange(1000)}"],
            cvss_score=round(rng.uniform(0, 10), 1),
            package_name=f"package-{rng.randrange(20000)}",
            file=f"src/module_{n % 977}.py",
            line=n,
        )
        for n in range(count)
    ]


def waivers(count, sample, seed=11):
    """`count` waivers over findings of `sample`, by every match key in turn; every tenth expired."""
    rng = random.Random(seed)
    made = []
    for n in range(count):
        target = rng.choice(sample)
        match = [
            {"id": finding_id(target)},
            {"rule": target["rule_id"]},
            {"cve": target["cves"][0]},
            {"cwe": target["cwes"][0]},
            {"package": target["package_name"]},
        ][n % 5]
        expires = "2026-01-31" if n % 10 == 0 else "2027-06-30"
        made.append({"match": match, "reason": f"waiver {n}", "owner": "bench", "expires": expires})
    return made


def policy(waiver_count, sample):
    return {
        "max_findings": {"CRITICAL": 0, "HIGH": 10, "MEDIUM": 1000, "tools": {"zap": {"HIGH": 0}}},
        "max_cvss": 9.0,
        "deny": {"cwes": ["CWE-89", "CWE-78"], "cves": ["CVE-2024-00042"], "rules": ["RULE-1"]},
        "waivers": waivers(waiver_count, sample),
        "required_reports": list(TOOLS),
    }


def best_of(repeat, function):
    times = []
    for _run in range(repeat):
        start = time.perf_counter()
        result = function()
        times.append(time.perf_counter() - start)
    return min(times), result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, nargs="+", default=[100_000])
    parser.add_argument("--waivers", type=int, nargs="+", default=[0, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    for count in args.findings:
        built = findings(count)
        for waiver_count in args.waivers:
            checked = gate.validate_policy(policy(waiver_count, built))
            validate, _checked = best_of(1, lambda: gate.validate_policy(policy(waiver_count, built)))
            seconds, result = best_of(args.repeat, lambda: gate.evaluate(checked, built, TODAY))
            junit, _xml = best_of(1, lambda: gate_reports.junit(result))
            print(
                f"{count:>9,} findings, {waiver_count:>6,} waivers: evaluate {seconds:.3f} s "
                f"({len(result['violations']):,} violations, {len(result['waived']):,} waived, "
                f"{len(result['expired_waivers']):,} expired waivers); "
                f"validate policy {validate:.3f} s; JUnit report {junit:.3f} s"
            )


if __name__ == "__main__":
    main()
