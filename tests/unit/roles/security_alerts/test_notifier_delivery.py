"""None lost: with Slack answering 500 or 429, every event is either posted or in the dead-letter queue.

Lambda runs an asynchronous invocation (EventBridge's) and, when the handler raises, retries it twice;
after the last failure it sends the event to the function's DeadLetterConfig target, here an SQS queue,
as the message body with RequestID, ErrorCode and ErrorMessage attributes (AWS Lambda developer guide,
"Dead-letter queues"). moto cannot invoke a function without Docker, so `invoke_async` below does what
Lambda does around the role's handler: three attempts, then SendMessage to moto's SQS. The handler, the
webhook, the dedupe table and the queue are real.
"""

import copy
import json

import pytest
from notifier_support import WEBHOOK_PATH_PARTS, FakeContext, asff, securityhub_event

from tests.support.local_aws import client

QUEUE = "devsecops-security-alerts-dlq"
ATTEMPTS = 3  # the invocation and Lambda's two retries


@pytest.fixture
def queue(aws):
    sqs = client(aws, "sqs")
    url = sqs.create_queue(QueueName=QUEUE, Attributes={"MessageRetentionPeriod": "1209600"})["QueueUrl"]

    def dead_letters():
        answer = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=["All"])
        return answer.get("Messages", [])

    return sqs, url, dead_letters


@pytest.fixture
def invoke_async(lambda_, dedupe_table, queue, monkeypatch):
    sqs, url, _dead_letters = queue

    def invoke(event):
        """Lambda's asynchronous invocation of the handler: what each attempt returned or raised."""
        outcomes = []
        for request in range(ATTEMPTS):
            context = FakeContext(seconds=60)
            # Retry-After waits are counted against the invocation's time instead of slept.
            monkeypatch.setattr(lambda_.slack_webhook, "sleep", context.sleep)
            try:
                outcomes.append(lambda_.notifier.handler(copy.deepcopy(event), context))
                return outcomes
            except Exception as error:  # pylint: disable=broad-except  # Lambda catches whatever the handler raises
                outcomes.append(error)
        attributes = {
            "RequestID": {"DataType": "String", "StringValue": f"request-{request}"},
            "ErrorCode": {"DataType": "Number", "StringValue": "200"},
            "ErrorMessage": {"DataType": "String", "StringValue": str(outcomes[-1])},
        }
        sqs.send_message(QueueUrl=url, MessageBody=json.dumps(event), MessageAttributes=attributes)
        return outcomes

    return invoke


@pytest.fixture
def event():
    return securityhub_event([asff("guardduty-findings.asff.json")[0]])


def posted(slack, event):
    """How many times Slack accepted the event's finding."""
    title = event["detail"]["findings"][0]["Title"]
    return sum(title in json.dumps(body) for (body, status) in zip(slack.bodies(), slack.statuses) if status == 200)


@pytest.mark.parametrize(
    "answers",
    [[(500, {})] * ATTEMPTS, [(429, {"Retry-After": "3600"})] * ATTEMPTS, [(429, {"Retry-After": "1"})] * (ATTEMPTS * 3)],
    ids=["500", "429-longer-than-the-invocation", "429-every-attempt"],
)
def test_an_event_slack_never_accepts_ends_in_the_dead_letter_queue_unchanged(invoke_async, queue, slack, dedupe_table, event, answers):
    slack.answers = list(answers)
    outcomes = invoke_async(event)
    assert len(outcomes) == ATTEMPTS and all(isinstance(outcome, Exception) for outcome in outcomes)
    (letter,) = queue[2]()
    assert json.loads(letter["Body"]) == event
    reason = letter["MessageAttributes"]["ErrorMessage"]["StringValue"]
    assert "Slack webhook in secret" in reason
    assert [part for part in WEBHOOK_PATH_PARTS if part in reason] == []
    # Nothing was recorded as posted: replayed once Slack answers again, the dead letter is posted.
    assert dedupe_table.records() == {}
    assert invoke_async(json.loads(letter["Body"]))[-1]["action"] == "posted"
    assert posted(slack, event) == 1


@pytest.mark.parametrize(
    ("answers", "tries"),
    [([(500, {})], 2), ([(500, {}), (503, {})], 3), ([(429, {"Retry-After": "3"})], 1), ([(429, {}), (429, {"Retry-After": "2"})], 1)],
    ids=["500-then-200", "500-503-then-200", "429-then-200", "429-429-then-200"],
)
def test_an_event_slack_refuses_for_a_while_is_retried_and_posted_once(invoke_async, queue, slack, event, answers, tries):
    slack.answers = list(answers)
    outcomes = invoke_async(event)
    assert len(outcomes) == tries and outcomes[-1]["action"] == "posted"
    assert posted(slack, event) == 1
    assert queue[2]() == []
