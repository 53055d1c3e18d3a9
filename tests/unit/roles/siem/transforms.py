"""The SIEM's transform Lambdas imported as the Lambda runtime imports them (their directory on sys.path),
and the real-format samples they are tested on."""

import base64
import gzip
import json
import re
import sys

from tests.support.fixtures import REPORTS
from tests.support.paths import ROOT
from tests.support.role_templates import render

TRANSFORMS = ROOT / "roles/siem/files/transforms"
MAPPINGS = ROOT / "roles/siem/files/opensearch/mappings"
if str(TRANSFORMS) not in sys.path:
    sys.path.insert(0, str(TRANSFORMS))

import firehose_processor  # noqa: E402
import guardduty_findings  # noqa: E402
import waf_logs  # noqa: E402

__all__ = ["firehose_processor", "guardduty_findings", "waf_logs"]


def waf_docs_examples():
    """The 6 pretty-printed WAFv2 log records of the AWS WAF developer guide page."""
    text = (REPORTS / "waf/aws-docs-logging-examples.md").read_text()
    return [json.loads(block) for block in re.findall(r"```(?:json)?\n(.*?)```", text, re.S)]


def waf_cloudfront_log():
    """228 WAFv2 records as Firehose delivered them to S3 (CloudFront, all ALLOW)."""
    with gzip.open(REPORTS / "waf/wafv2-cloudfront-allow.log.gz", "rt") as log:
        return [json.loads(line) for line in log if line.strip()]


def waf_own_records():
    """Our own records for what the public samples lack: rate-based rules, IPv6, counted rules (SOURCES.md)."""
    lines = (REPORTS / "waf/own-rate-based-ipv6-count.jsonl").read_text().splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def guardduty_events():
    """GuardDuty findings in the EventBridge envelope Firehose receives them in.

    The raw findings (EventBridge `detail` objects) are real samples; the envelope around them is the
    documented EventBridge shape, written here. The partial sample already has `region` and `detail`.
    """
    events = []
    for path in sorted((REPORTS / "guardduty").glob("finding-*.json")):
        finding = json.loads(path.read_text())
        events.append(
            {
                "version": "0",
                "id": "c8c4daa7-a20c-2f03-0070-b7393dd542ad",
                "detail-type": "GuardDuty Finding",
                "source": "aws.guardduty",
                "account": finding["accountId"],
                "time": finding["updatedAt"],
                "region": finding["region"],
                "resources": [],
                "detail": finding,
            }
        )
    events.append(json.loads((REPORTS / "guardduty/eventbridge-partial-ssh-bruteforce.json").read_text()))
    return events


def firehose_event(*payloads):
    """A Firehose transformation event; str payloads are sent as they are, others as JSON."""
    records = []
    for i, payload in enumerate(payloads):
        raw = payload if isinstance(payload, bytes) else (payload if isinstance(payload, str) else json.dumps(payload)).encode()
        records.append(
            {
                "recordId": f"49546986683135544286507457936321625675700192471156785154-{i}",
                "approximateArrivalTimestamp": 1495072949453,
                "data": base64.b64encode(raw).decode(),
            }
        )
    return {
        "invocationId": "invocationIdExample",
        "deliveryStreamArn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/aws-waf-logs-devsecops",
        "region": "us-east-1",
        "records": records,
    }


def decoded(result):
    return json.loads(base64.b64decode(result["data"]))


def mapping(index):
    return json.loads((MAPPINGS / f"{index}.json").read_text())


def role_template(name, **overrides):
    """roles/siem/templates/opensearch/<name>.yml.j2 (or templates/<name> when it has a suffix) rendered by
    Ansible with the role's defaults and `overrides`."""
    return render("siem", name if "." in name else f"opensearch/{name}.yml.j2", **overrides)
