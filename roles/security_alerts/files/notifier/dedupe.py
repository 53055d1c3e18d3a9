# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Posting an alert once: a small DynamoDB record per finding or Config evaluation.

Table: partition key `id` (string), TTL on `expires_at` (epoch seconds). A record holds the state
last posted (severity rank, record state, workflow status) and suppresses a repeat until it expires;
a finding whose severity rises or whose state changes is posted again.

Two invocations must not both post, and a failed post must not be marked as sent, so posting is
claim, post, confirm:
  claim    a conditional PutItem writes the state being posted, status `posting`, this invocation's
           token and, as `expires_at`, the invocation's deadline: whoever loses the condition does
           not post, and a claim whose invocation died lapses by itself;
  confirm  after Slack accepted the post: status `posted`, expires_at now + DEDUPE_TTL_SECONDS;
  release  after Slack refused it: the record as it was before the claim (or none), so the retry posts.
Records past their expires_at count as absent even before DynamoDB's TTL deletes them.
"""

import functools
import logging
import time
import uuid
from collections import namedtuple

import boto3
from botocore.exceptions import BotoCoreError, ClientError

LOGGER = logging.getLogger(__name__)

SEVERITY_RANK = {"INFORMATIONAL": 0, "LOW": 1, "MEDIUM": 2, "HIGH": 3, "CRITICAL": 4}
# State a repeat is compared on: a higher rank, or any other value that differs, is posted again.
STATE_ATTRIBUTES = ("severity_rank", "record_state", "workflow_status")

# A claim on `key`: the state posted, the record it replaced (None when there was none) and its revision.
Claim = namedtuple("Claim", "key state previous revision")
DUPLICATE, CONTENDED = "duplicate", "contended"


class DedupeError(Exception):
    """The dedupe table could not be read or written."""


@functools.lru_cache(maxsize=None)
def dynamodb():
    """One client per warm container (clients are thread-safe; creating one is not cheap)."""
    return boto3.client("dynamodb")


def finding_key(finding):
    return f"finding|{finding.get('ProductArn', '')}|{finding.get('Id', '')}"


def finding_state(finding):
    label = str(finding.get("Severity", {}).get("Label", "")).upper()
    workflow = finding.get("Workflow", {}).get("Status") or finding.get("WorkflowState", "")
    return {
        "severity_rank": SEVERITY_RANK.get(label, 0),
        "record_state": str(finding.get("RecordState", "")),
        "workflow_status": str(workflow),
    }


def config_key(detail):
    """One record per account, region, rule, resource and compliance type."""
    result = detail.get("newEvaluationResult", {})
    parts = ("awsAccountId", "awsRegion", "configRuleName", "resourceType", "resourceId")
    return "|".join(["config"] + [str(detail.get(part, "")) for part in parts] + [result.get("complianceType", "")])


def covers(record, state):
    """Whether the posted (or being posted) record makes posting `state` a repeat."""
    for attribute in STATE_ATTRIBUTES:
        if attribute not in state:
            continue
        if attribute == "severity_rank":
            if state[attribute] > record.get(attribute, -1):
                return False
        elif state[attribute] != record.get(attribute):
            return False
    return True


def live(record, now):
    """A record suppresses repeats (or holds a claim) until its expires_at, whether or not TTL deleted it yet."""
    return record is not None and record.get("expires_at", 0) > now


def to_item(record):
    return {name: {"N": str(value)} if isinstance(value, int) else {"S": str(value)} for name, value in record.items()}


def from_item(item):
    return {name: int(value["N"]) if "N" in value else value["S"] for name, value in item.items()}


class DedupeStore:
    def __init__(self, table, ttl_seconds):
        self.table, self.ttl_seconds = table, ttl_seconds
        self.token = uuid.uuid4().hex

    def call(self, verb, operation, **kwargs):
        """The DynamoDB call; False when its condition failed, DedupeError when it could not be made."""
        try:
            return getattr(dynamodb(), operation)(TableName=self.table, **kwargs)
        except ClientError as error:
            if error.response["Error"]["Code"] == "ConditionalCheckFailedException":
                return False
            raise DedupeError(
                f"cannot {verb} the dedupe table {self.table}: {error.response['Error']['Code']}"
            ) from error
        except BotoCoreError as error:
            raise DedupeError(f"cannot {verb} the dedupe table {self.table}: {type(error).__name__}") from error

    def read(self, key):
        item = self.call("read", "get_item", Key={"id": {"S": key}}, ConsistentRead=True).get("Item")
        return from_item(item) if item else None

    def claim(self, key, state, hold_until):
        """A Claim when this invocation is to post `state`; DUPLICATE when a live record covers it, CONTENDED
        when another invocation is posting something it does not cover (the caller raises, Lambda retries)."""
        now = time.time()
        previous = self.read(key)
        if live(previous, now) and covers(previous, state):
            return DUPLICATE
        if live(previous, now) and previous.get("status") == "posting":
            return CONTENDED
        revision = previous.get("revision", 0) + 1 if previous else 1
        record = dict(state, id=key, status="posting", claim=self.token, expires_at=int(hold_until), revision=revision)
        if live(previous, now):
            condition, values = "revision = :seen", {":seen": {"N": str(revision - 1)}}
        else:
            condition, values = "attribute_not_exists(id) OR expires_at <= :now", {":now": {"N": str(int(now))}}
        written = self.call(
            "claim a record in",
            "put_item",
            Item=to_item(record),
            ConditionExpression=condition,
            ExpressionAttributeValues=values,
        )
        if written is not False:
            return Claim(key, state, previous, revision)
        # Another invocation claimed it between our read and our write.
        current = self.read(key)
        return DUPLICATE if live(current, now) and covers(current, state) else CONTENDED

    def mine(self):
        return {"ConditionExpression": "claim = :mine", "ExpressionAttributeValues": {":mine": {"S": self.token}}}

    def confirm(self, claim):
        """Slack accepted the post: the record suppresses repeats for ttl_seconds."""
        now = int(time.time())
        record = dict(
            claim.state,
            id=claim.key,
            status="posted",
            posted_at=now,
            expires_at=now + self.ttl_seconds,
            revision=claim.revision,
        )
        if self.call("record a post in", "put_item", Item=to_item(record), **self.mine()) is False:
            LOGGER.warning("the dedupe record %s was claimed by another invocation after this one posted", claim.key)

    def release(self, claim):
        """Slack refused the post: the record as it was before the claim, so that the retry posts."""
        try:
            if claim.previous:
                self.call("restore a record in", "put_item", Item=to_item(claim.previous), **self.mine())
            else:
                self.call("release a record in", "delete_item", Key={"id": {"S": claim.key}}, **self.mine())
        except DedupeError as error:
            # The claim lapses at the invocation's deadline anyway.
            LOGGER.warning("%s; the claim lapses by itself", error)
