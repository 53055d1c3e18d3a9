"""How long the risk report takes for 10,000 open findings: reading them from Security Hub (moto),
building the report, rendering every file, and the next week's report against the saved state.

    source .venv/bin/activate
    python bench/risk_report.py                   # 10,000 findings over 200 scopes
    python bench/risk_report.py --findings 50000 --scopes 1000 --no-endpoint

The findings are real-format samples (ours from a Trivy and a ZAP report, GuardDuty, Inspector,
Config) copied with distinct Ids over --scopes scopes. Prints figures; asserts nothing.
"""

import argparse
import copy
import json
import tempfile
import time
from datetime import datetime, timedelta, timezone

import _path  # pylint: disable=unused-import  # noqa: F401  (sys.path for the collection)

from ansible_collections.devsecops.aws.plugins.module_utils._aws import jittered_retry
from ansible_collections.devsecops.aws.plugins.module_utils._findings import risk, securityhub
from ansible_collections.devsecops.aws.plugins.modules.securityhub_risk_report import documents, write_files
from ansible_collections.amazon.aws.plugins.module_utils.retries import RetryingBotoClientWrapper

from tests.support import securityhub_samples as samples
from tests.support.local_aws import MotoServer, client

NOW = datetime(2026, 12, 1, 6, 0, tzinfo=timezone.utc)


def findings(count, scopes):
    templates = samples.all_products()
    made = []
    for n in range(count):
        finding = copy.deepcopy(templates[n % len(templates)])
        finding["Id"] = f"{finding['Id']}/bench-{n}"
        scope = f"service-{n % scopes}"
        if "devsecops/Scope" in finding.get("ProductFields", {}):
            finding["ProductFields"]["devsecops/Scope"] = scope
        else:
            finding["Resources"][0]["Id"] = f"arn:aws:ecr:us-east-1:123456789012:repository/{scope}"
        made.append(finding)
    return made


def timed(what, function, *args, **kwargs):
    start = time.perf_counter()
    result = function(*args, **kwargs)
    print(f"{what:<48} {time.perf_counter() - start:8.2f} s")
    return result


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--findings", type=int, default=10000)
    parser.add_argument("--scopes", type=int, default=200)
    parser.add_argument("--no-endpoint", action="store_true", help="skip reading them back from a moto server")
    args = parser.parse_args(argv)
    week1 = findings(args.findings, args.scopes)
    print(f"{args.findings} open findings over {args.scopes} scopes")
    if not args.no_endpoint:
        server = MotoServer().start()
        try:
            hub = client(server.url, "securityhub")
            for batch, _too_large in securityhub.batches(week1):
                hub.batch_import_findings(Findings=batch)
            retrying = RetryingBotoClientWrapper(hub, jittered_retry())
            read = timed("GetFindings, 100 a page (moto)", securityhub.get_findings, retrying, risk.open_filters())
            assert len(read) == len(week1)
        finally:
            server.stop()
    report, state = timed("build the first report", risk.build, week1, NOW - timedelta(days=7))
    docs = timed("render every file (overall and per scope)", documents, report, "Security risk report")
    saved = json.loads(json.dumps(state))
    week2 = week1[len(week1) // 10:] + findings(args.findings // 20, args.scopes)[: args.findings // 20]
    for n, finding in enumerate(week2[-(args.findings // 20):]):
        finding["Id"] += f"/new-{n}"
    report, state = timed("build the next report against the state", risk.build, week2, NOW, saved)
    docs = documents(report, "Security risk report")
    with tempfile.TemporaryDirectory() as directory:
        timed("write the files", write_files, directory, docs, False)
    print(f"{len(docs)} files, {sum(len(text) for text in docs.values()) / 1e6:.1f} MB; state "
          f"{len(json.dumps(state)) / 1e6:.1f} MB; new {len(report['overall']['new'])}, resolved {len(report['overall']['resolved'])}")


if __name__ == "__main__":
    main()
