"""The notifier's webhook: validated before any request, never followed elsewhere, retried only where Slack
asks, failing loudly otherwise, and never quoted in a log line or an error."""

import logging
import re
import traceback

import pytest
from notifier_support import SECRET_NAME, WEBHOOK_PATH, WEBHOOK_PATH_PARTS, FakeContext, config_event

from tests.support.local_aws import client

REFUSED = f"the Slack webhook in secret {SECRET_NAME} is refused: "


def leaks(url, error, caplog):
    """Every log line (any logger, DEBUG up) and the error as Lambda would log it that quotes the URL or its path."""
    lines = [record.getMessage() for record in caplog.records]
    lines += [record.exc_text or "" for record in caplog.records]
    if error is not None:
        lines += traceback.format_exception(type(error), error, error.__traceback__)
    secrets = [url, WEBHOOK_PATH] + WEBHOOK_PATH_PARTS
    return [line for line in lines if any(secret in line for secret in secrets)]


def invoke(lambda_, caplog, context=None):
    """The handler's result and the error it raised (None when it returned)."""
    caplog.set_level(logging.DEBUG)
    try:
        return lambda_.notifier.handler(config_event(), context or FakeContext()), None
    except Exception as error:  # the test inspects whatever was raised
        return None, error


@pytest.fixture
def stored(aws, slack, load, monkeypatch):
    """store(url): the notifier with `url` as its secret's value."""

    def store(url):
        client(aws, "secretsmanager").create_secret(Name=SECRET_NAME, SecretString=url)
        monkeypatch.setenv("SLACK_WEBHOOK_SECRET_ID", SECRET_NAME)
        return load()

    return store


@pytest.mark.parametrize(
    "url, reason",
    [
        (f"http://127.0.0.1{WEBHOOK_PATH}", "it is not an https URL"),
        (f"127.0.0.1{WEBHOOK_PATH}", "it is not an https URL"),
        (f"https://hooks.slack.com{WEBHOOK_PATH}", "its host is not in SLACK_WEBHOOK_ALLOWED_HOSTS"),
        (f"https://127.0.0.1.evil.example{WEBHOOK_PATH}", "its host is not in SLACK_WEBHOOK_ALLOWED_HOSTS"),
        (f"https://tok3nS3cr3tValue0123456789@127.0.0.1{WEBHOOK_PATH}", "it holds user information"),
        (f"https://user:pass@127.0.0.1{WEBHOOK_PATH}", "it holds user information"),
        (f"https://127.0.0.1:8443{WEBHOOK_PATH}", "it names a port other than 443"),
        (f"https://127.0.0.1:T0SECRETWS{WEBHOOK_PATH}", "it cannot be parsed as a URL"),
        (f"https://[127.0.0.1{WEBHOOK_PATH}", "it cannot be parsed as a URL"),
        (
            f"https://127.0.0.1{WEBHOOK_PATH}\r\nX-Injected: yes",
            "it is empty or holds spaces, control or non-ASCII characters",
        ),
        (
            f'{{"url": "https://127.0.0.1{WEBHOOK_PATH}"}}',
            "it is empty or holds spaces, control or non-ASCII characters",
        ),
        ("https://127.0.0.1/", "it has no webhook path"),
    ],
    ids=[
        "http",
        "no-scheme",
        "host-not-allowed",
        "host-suffix",
        "token-as-user",
        "user-and-password",
        "other-port",
        "non-numeric-port",
        "unparsable",
        "header-injection",
        "json-document",
        "no-path",
    ],
)
def test_a_malformed_webhook_is_refused_before_any_request_without_quoting_it(stored, slack, caplog, url, reason):
    lambda_ = stored(url)
    result, error = invoke(lambda_, caplog)
    assert result is None and isinstance(error, lambda_.slack_webhook.WebhookError)
    assert str(error) == REFUSED + reason
    assert slack.requests == []
    assert leaks(url, error, caplog) == []


@pytest.mark.parametrize("allowed", ["hooks.slack.com,127.0.0.1", " HOOKS.slack-gov.com , 127.0.0.1 "])
def test_the_allow_list_takes_several_hosts(stored, slack, caplog, monkeypatch, allowed):
    monkeypatch.setenv("SLACK_WEBHOOK_ALLOWED_HOSTS", allowed)
    result, error = invoke(stored(slack.url()), caplog)
    assert error is None and result["action"] == "posted"


def test_the_default_allow_list_is_slacks_own_host(stored, slack, caplog, monkeypatch):
    monkeypatch.delenv("SLACK_WEBHOOK_ALLOWED_HOSTS")
    lambda_ = stored(slack.url())
    _result, error = invoke(lambda_, caplog)
    assert str(error) == REFUSED + "its host is not in SLACK_WEBHOOK_ALLOWED_HOSTS"
    assert lambda_.settings.load().allowed_hosts == ("hooks.slack.com",)


def test_an_explicit_port_443_is_accepted(stored, slack, caplog):
    result, error = invoke(stored(f"https://127.0.0.1:443{WEBHOOK_PATH}"), caplog)
    assert error is None and result["action"] == "posted"
    assert [path for path, _content_type, _body in slack.requests] == [WEBHOOK_PATH]


def test_a_valid_webhook_is_posted_to_without_appearing_in_any_log_line(stored, slack, caplog):
    url = slack.url()
    result, error = invoke(stored(url), caplog)
    assert error is None and result["http_status"] == 200
    # DEBUG logging was on (botocore logs response bodies there): nothing quoted the secret's value.
    assert any(record.name.startswith("botocore") for record in caplog.records)
    assert leaks(url, None, caplog) == []


def test_a_valid_webhook_from_ssm_appears_in_no_log_line(aws, slack, load, caplog, monkeypatch):
    client(aws, "ssm").put_parameter(Name="/devsecops/slack-webhook", Value=slack.url(), Type="SecureString")
    monkeypatch.setenv("SLACK_WEBHOOK_PARAMETER", "/devsecops/slack-webhook")
    result, error = invoke(load(), caplog)
    assert error is None and result["action"] == "posted"
    assert leaks(slack.url(), None, caplog) == []


def test_the_certificate_is_verified(stored, slack, caplog, monkeypatch):
    monkeypatch.delenv("SSL_CERT_FILE")
    lambda_ = stored(slack.url())
    _result, error = invoke(lambda_, caplog)
    assert str(error) == (
        f"cannot post to the Slack webhook in secret {SECRET_NAME}: "
        "the TLS connection failed (SSLCertVerificationError)"
    )
    assert slack.requests == []
    assert leaks(slack.url(), error, caplog) == []


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_a_redirect_is_not_followed_and_fails(stored, slack, caplog, status):
    slack.answers = [(status, {"Location": f"https://evil.example{WEBHOOK_PATH}"})]
    lambda_ = stored(slack.url())
    _result, error = invoke(lambda_, caplog)
    assert str(error) == f"the Slack webhook in secret {SECRET_NAME} answered HTTP {status}; redirects are not followed"
    assert len(slack.requests) == 1
    assert leaks(slack.url(), error, caplog) == []


@pytest.mark.parametrize("status", [400, 401, 500, 502, 503])
def test_slack_refusing_the_post_fails_the_invocation(stored, slack, caplog, status):
    slack.answers = [(status, {})]
    lambda_ = stored(slack.url())
    result, error = invoke(lambda_, caplog)
    assert result is None and str(error) == f"the Slack webhook in secret {SECRET_NAME} answered HTTP {status}"
    assert leaks(slack.url(), error, caplog) == []


def test_an_unreachable_webhook_fails_without_quoting_it(stored, slack, caplog):
    lambda_ = stored(slack.url())
    slack.close()
    _result, error = invoke(lambda_, caplog)
    assert str(error) == (
        f"cannot post to the Slack webhook in secret {SECRET_NAME}: the connection failed (ConnectionRefusedError)"
    )
    assert leaks(slack.url(), error, caplog) == []


def test_a_webhook_that_does_not_answer_times_out_within_the_invocations_time(stored, slack, caplog):
    slack.answers = [(200, {}), "stall"]
    lambda_ = stored(slack.url())
    invoke(lambda_, caplog)
    # With 5 s left (and the URL cached), the request gets what remains after the safety margin, not 10 s.
    _result, error = invoke(lambda_, caplog, FakeContext(seconds=5))
    waited = re.fullmatch(
        f"cannot post to the Slack webhook in secret {SECRET_NAME}: no answer within ([0-9.]+) s", str(error)
    )
    assert waited and float(waited.group(1)) <= 5 - lambda_.slack_webhook.SAFETY_MARGIN_SECONDS
    assert leaks(slack.url(), error, caplog) == []


def test_no_request_is_started_without_time_left(stored, slack, caplog):
    lambda_ = stored(slack.url())
    _result, error = invoke(lambda_, caplog, FakeContext(seconds=2.2))
    assert str(error) == f"no time left in this invocation to post to the Slack webhook in secret {SECRET_NAME}"
    assert slack.requests == []


# Slack's rate limit: 429 with Retry-After.


@pytest.fixture
def rate_limited(stored, slack, monkeypatch):
    """The notifier whose waits are counted on a FakeContext of 60 s instead of slept."""
    lambda_ = stored(slack.url())
    context = FakeContext(seconds=60)
    monkeypatch.setattr(lambda_.slack_webhook, "sleep", context.sleep)
    return lambda_, context


def test_a_429_is_retried_after_its_retry_after(rate_limited, slack, caplog):
    lambda_, context = rate_limited
    slack.answers = [(429, {"Retry-After": "7"})]
    result, error = invoke(lambda_, caplog, context)
    assert error is None and result["action"] == "posted"
    assert context.waits == [7]
    assert len(slack.requests) == 2 and slack.requests[0] == slack.requests[1]


def test_a_429_without_retry_after_waits_a_second(rate_limited, slack, caplog):
    lambda_, context = rate_limited
    slack.answers = [(429, {}), (429, {"Retry-After": "soon"})]
    result, error = invoke(lambda_, caplog, context)
    assert error is None and result["action"] == "posted"
    assert context.waits == [1, 1]


def test_a_429_beyond_the_invocations_time_fails_at_once(rate_limited, slack, caplog):
    lambda_, context = rate_limited
    slack.answers = [(429, {"Retry-After": "90"})]
    result, error = invoke(lambda_, caplog, context)
    assert result is None and isinstance(error, lambda_.slack_webhook.WebhookError)
    assert str(error).startswith(f"the Slack webhook in secret {SECRET_NAME} is rate limited for 90 s, more than the ")
    assert context.waits == [] and len(slack.requests) == 1


def test_the_time_spent_waiting_counts_against_the_invocations_time(rate_limited, slack, caplog):
    lambda_, context = rate_limited
    # 40 s fits in 60 s; a second 40 s does not fit in the 20 s left.
    slack.answers = [(429, {"Retry-After": "40"}), (429, {"Retry-After": "40"})]
    _result, error = invoke(lambda_, caplog, context)
    assert "is rate limited for 40 s" in str(error)
    assert context.waits == [40] and len(slack.requests) == 2


def test_a_webhook_still_rate_limited_after_the_last_attempt_fails(rate_limited, slack, caplog):
    lambda_, context = rate_limited
    slack.answers = [(429, {"Retry-After": "1"})] * 5
    _result, error = invoke(lambda_, caplog, context)
    attempts = lambda_.slack_webhook.RATE_LIMIT_ATTEMPTS
    assert str(error) == f"the Slack webhook in secret {SECRET_NAME} is still rate limited after {attempts} attempts"
    assert len(slack.requests) == attempts and context.waits == [1] * (attempts - 1)
