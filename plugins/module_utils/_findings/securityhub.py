# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection.

Import findings into Security Hub so that it holds exactly what the last scans said:
  1. read what Security Hub holds in each (tool, scope) range of this submission, once, before
     any write (GetFindings is eventually consistent: never decide on a read after our writes);
  2. plan: create what is new, update what changed, leave the unchanged alone unless its last
     update is older than the refresh age (Security Hub deletes a finding 90 days after its last
     UpdatedAt: a finding every scan still reports is refreshed well before that, keeping its
     triage), and archive (RecordState ARCHIVED) what a range no longer reports when asked to;
  3. send in batches bounded by count and size, paced to the API's documented rate, retrying
     throttling and transient per-finding failures, and report every finding that still failed.
Every import fires an EventBridge event (and so a Slack alert): an unchanged scan sends nothing.
"""

import json
import time
from datetime import datetime, timedelta, timezone

from ansible_collections.devsecops.aws.plugins.module_utils._aws import paginate
from ansible_collections.devsecops.aws.plugins.module_utils._securityhub import SecurityHubErrorHandler
from ansible_collections.devsecops.aws.plugins.module_utils._findings.asff import FIELD_PREFIX, OWN_FIELDS, range_prefix

MAX_BATCH_COUNT = 100
MAX_BATCH_BYTES = 6 * 1024 * 1024 - 4096  # 6 MB a request, less room for the envelope
MAX_FINDING_BYTES = 240 * 1024
CALLS_PER_SECOND = 10  # BatchImportFindings: 10 a second per account and region,
BURST = 30  # burst 30
FAILED_FINDING_ATTEMPTS = 4
REFRESH_AFTER_DAYS = 30  # well inside the 90 days after which Security Hub deletes a finding
_TRANSIENT_CODES = ("Throttl", "TooManyRequests", "InternalFailure", "InternalError", "ServiceUnavailable", "Unavailable")


@SecurityHubErrorHandler.common_error_handler("read findings from Security Hub")
def get_findings(client, filters):
    return paginate(client, "get_findings", Filters=filters, PaginationConfig={"PageSize": 100})["Findings"]


@SecurityHubErrorHandler.common_error_handler("import findings into Security Hub")
def batch_import_findings(client, findings):
    return client.batch_import_findings(Findings=findings, aws_retry=True)


def timestamp(moment):
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _parse_timestamp(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def _after(previous, now):
    """`now`, or just after `previous`: Security Hub ignores an update whose UpdatedAt is not newer."""
    if previous and _parse_timestamp(previous) >= now:
        return _parse_timestamp(previous) + timedelta(milliseconds=1)
    return now


def read_ranges(client, product_arn, ranges):
    """Findings Security Hub holds in each (tool, scope) range, by Id, archived ones included."""
    existing = {}
    for tool, scope in sorted(ranges, key=str):
        prefix = range_prefix(tool, scope)
        filters = {
            "ProductArn": [{"Value": product_arn, "Comparison": "EQUALS"}],
            "Id": [{"Value": prefix, "Comparison": "PREFIX"}],
        }
        # Checked again here: a filter an endpoint ignores must not widen what we may archive.
        for finding in get_findings(client, filters):
            if finding["Id"].startswith(prefix) and finding.get("ProductArn") == product_arn:
                existing[finding["Id"]] = finding
    return existing


class Plan:
    def __init__(self):
        self.create = []
        self.update = []
        self.archive = []
        self.unchanged = []
        self.refresh = []
        self.duplicates = 0

    def writes(self):
        return self.create + self.update + self.refresh + self.archive


def _stale(held, now, refresh_after):
    updated = held.get("UpdatedAt")
    return refresh_after is not None and (not updated or _parse_timestamp(updated) <= now - refresh_after)


def plan_import(new_findings, existing, now, resolve=(), workflow=None, refresh_after=None):
    """Decide what to send. `new_findings` are ASFF dicts from to_asff, without timestamps.

    `resolve` lists the (tool, scope) ranges whose active findings not in `new_findings` are archived.
    `workflow(asff)` gives the Workflow status of a created finding (NEW, SUPPRESSED, RESOLVED).
    `refresh_after` (a timedelta) re-sends an unchanged finding whose UpdatedAt is that old.
    """
    plan = Plan()
    stamp = timestamp(now)
    seen = set()
    for asff in new_findings:
        if asff["Id"] in seen:
            plan.duplicates += 1
            continue
        seen.add(asff["Id"])
        held = existing.get(asff["Id"])
        if held is None:
            created = dict(asff, CreatedAt=stamp, FirstObservedAt=stamp, UpdatedAt=stamp, LastObservedAt=stamp)
            created["Workflow"] = {"Status": workflow(asff) if workflow else "NEW"}
            plan.create.append(created)
            continue
        same = _fingerprint_of(held) == _fingerprint_of(asff) and held.get("RecordState") == asff["RecordState"]
        if same and not _stale(held, now, refresh_after):
            plan.unchanged.append(asff)
            continue
        resent = dict(
            asff,
            CreatedAt=held["CreatedAt"],
            FirstObservedAt=held.get("FirstObservedAt") or held["CreatedAt"],
            UpdatedAt=timestamp(_after(held.get("UpdatedAt"), now)),
            LastObservedAt=stamp,
        )
        (plan.refresh if same else plan.update).append(resent)
    prefixes = tuple(range_prefix(tool, scope) for tool, scope in resolve)
    if prefixes:
        for finding_id in sorted(set(existing) - seen):
            held = existing[finding_id]
            if held.get("RecordState") != "ACTIVE" or not finding_id.startswith(prefixes):
                continue
            archived = {key: held[key] for key in OWN_FIELDS if key in held}
            archived.update(RecordState="ARCHIVED", UpdatedAt=timestamp(_after(held.get("UpdatedAt"), now)))
            plan.archive.append(archived)
    return plan


def _fingerprint_of(asff):
    return (asff.get("ProductFields") or {}).get(FIELD_PREFIX + "Fingerprint")


def batches(findings):
    """Split into requests of at most MAX_BATCH_COUNT findings and MAX_BATCH_BYTES.

    Yields (batch, too_large): findings over MAX_FINDING_BYTES cannot be sent at all.
    """
    batch, size, too_large = [], 0, []
    for finding in findings:
        finding_size = len(json.dumps(finding, separators=(",", ":")))
        if finding_size > MAX_FINDING_BYTES:
            too_large.append(finding)
            continue
        if batch and (len(batch) == MAX_BATCH_COUNT or size + finding_size > MAX_BATCH_BYTES):
            yield batch, []
            batch, size = [], 0
        batch.append(finding)
        size += finding_size + 1
    yield batch, too_large


class RateLimiter:
    """A token bucket: `rate` calls a second with bursts of `burst`."""

    def __init__(self, rate=CALLS_PER_SECOND, burst=BURST, clock=time.monotonic, sleep=time.sleep):
        self.rate, self.burst = rate, burst
        self.clock, self.sleep = clock, sleep
        self.tokens, self.last = float(burst), clock()

    def wait(self):
        now = self.clock()
        self.tokens = min(self.burst, self.tokens + (now - self.last) * self.rate)
        self.last = now
        if self.tokens < 1:
            self.sleep((1 - self.tokens) / self.rate)
            self.last = self.clock()
            self.tokens = 1.0
        self.tokens -= 1


def _is_transient(error_code):
    return any(marker in (error_code or "") for marker in _TRANSIENT_CODES)


def send(client, findings, limiter=None, attempts=FAILED_FINDING_ATTEMPTS, sleep=time.sleep):
    """BatchImportFindings for every finding. Returns (calls, failed) where `failed` lists
    {"Id", "ErrorCode", "ErrorMessage"} for each finding not imported after retries."""
    limiter = limiter or RateLimiter()
    calls, failed, pending = 0, [], list(findings)
    for attempt in range(attempts):
        by_id = {finding["Id"]: finding for finding in pending}
        retry = []
        for batch, too_large in batches(pending):
            failed.extend(
                {"Id": f["Id"], "ErrorCode": "FindingTooLarge", "ErrorMessage": f"over {MAX_FINDING_BYTES} bytes"}
                for f in too_large
            )
            if not batch:
                continue
            limiter.wait()
            response = batch_import_findings(client, batch)
            calls += 1
            for failure in response.get("FailedFindings") or []:
                if _is_transient(failure.get("ErrorCode")) and attempt + 1 < attempts:
                    retry.append(by_id[failure["Id"]])
                else:
                    failed.append(failure)
        if not retry:
            break
        pending = retry
        sleep(min(2**attempt, 8))
    return calls, failed
