"""The notifier's Slack messages: what each carries, escaped and capped, full or minimal."""

import copy
import html
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from notifier_support import CONFIG_RULE, FakeContext, asff, config_event, securityhub_event

REGION = "us-east-1"
CONSOLE = "https://us-east-1.console.aws.amazon.com/securityhub/home?region=us-east-1#/findings"
HOSTILE = "<!channel> <https://evil.example|click me> & <@U024BE7LH> &amp; done"
BARE_AMPERSAND = re.compile(r"&(?!amp;|lt;|gt;)")


@pytest.fixture(scope="module")
def message(modules):
    return modules.slack_message


def markup(message):
    """The Slack markup a message holds: any < or >, and any & that does not start one of the three entities."""
    serialised = json.dumps(message, ensure_ascii=False)
    return re.findall(r"[<>]", serialised) + BARE_AMPERSAND.findall(serialised)


def test_a_guardduty_finding_becomes_an_attachment_coloured_by_severity_and_linked(message):
    [finding] = asff("guardduty-findings.asff.json")[:1]
    body = message.securityhub_message([finding], REGION, 10, False)
    assert body["text"] == "Security Hub: 1 finding(s)"
    [attachment] = body["attachments"]
    assert attachment["color"] == "#ecb22e"
    assert attachment["title"].startswith(":large_orange_circle: EC2 instance i-1234567890")
    assert attachment["title_link"] == (
        CONSOLE + "?search=Id%3D%255Coperator%255C%253AEQUALS%255C%253Aarn%253Aaws%253Aguardduty%253Aus-east-1"
        "%253A123456789012%253Adetector%252F123456789%252Ffinding%252F123456789789"
    )
    fields = {field["title"]: field["value"] for field in attachment["fields"]}
    assert fields == {
        "Severity": "MEDIUM",
        "Product": "GuardDuty",
        "Account / Region": "123456789012 / us-east-1",
        "Resources": "arn:aws:ec2:us-east-1:123456789012:instance/i-1234567890",
    }
    assert attachment["text"] == finding["Description"]
    assert attachment["footer"] == finding["Id"]


@pytest.mark.parametrize(
    "label, emoji, colour",
    [
        ("CRITICAL", ":rotating_light:", "#7b0000"),
        ("HIGH", ":red_circle:", "#e01e5a"),
        ("MEDIUM", ":large_orange_circle:", "#ecb22e"),
        ("LOW", ":large_yellow_circle:", "#f2c744"),
        ("INFORMATIONAL", ":information_source:", "#439fe0"),
        ("SOMETHING_NEW", ":information_source:", "#439fe0"),
    ],
)
def test_each_severity_has_its_emoji_and_colour(message, label, emoji, colour):
    finding = copy.deepcopy(asff("inspector-one-vuln.asff.json")[0])
    finding["Severity"]["Label"] = label
    [attachment] = message.securityhub_message([finding], REGION, 10, False)["attachments"]
    assert (attachment["title"].split(" ")[0], attachment["color"]) == (emoji, colour)


def test_our_own_scanner_findings_are_formatted_too(message):
    findings = asff("trivy-alpine-310.asff.json")
    body = message.securityhub_message(findings, REGION, 10, False)
    assert body["text"] == f"Security Hub: {len(findings)} finding(s)"
    products = {field["value"] for a in body["attachments"] for field in a["fields"] if field["title"] == "Product"}
    assert products == {"Trivy"}


@pytest.mark.parametrize("shown", [1, 3, 10])
def test_at_most_n_findings_are_shown_the_rest_counted_with_a_console_link(message, shown):
    findings = asff("guardduty-findings.asff.json") * 3
    attachments = message.securityhub_message(findings, REGION, shown, False)["attachments"]
    assert len(attachments) == shown + 1
    assert attachments[-1] == {"text": f"and {len(findings) - shown} more in <{CONSOLE}|Security Hub>"}


def test_the_handler_shows_slack_max_findings_per_message(lambda_, slack, monkeypatch):
    monkeypatch.setenv("SLACK_MAX_FINDINGS", "2")
    findings = asff("guardduty-findings.asff.json")
    lambda_.notifier.handler(securityhub_event(findings), FakeContext())
    [body] = slack.bodies()
    assert body["text"] == "Security Hub: 4 finding(s)"
    assert [a.get("title", "").split(" ")[0] for a in body["attachments"]] == [":large_orange_circle:"] * 2 + [""]
    assert body["attachments"][-1]["text"] == f"and 2 more in <{CONSOLE}|Security Hub>"


def test_a_config_non_compliance_names_the_rule_and_resource_and_escapes_markup(message):
    body = message.config_message(config_event(), False)
    assert body["text"] == f"AWS Config: devsecops-artifacts is non-compliant with {CONFIG_RULE}"
    [attachment] = body["attachments"]
    assert attachment["title"] == f":warning: AWS Config rule {CONFIG_RULE}"
    assert attachment["title_link"] == (
        "https://us-east-1.console.aws.amazon.com/config/home?region=us-east-1"
        f"#/rules/details?configRuleName={CONFIG_RULE}"
    )
    assert attachment["text"] == "The bucket &lt;policy&gt; allows public read &amp; list"
    fields = {field["title"]: field["value"] for field in attachment["fields"]}
    assert fields == {
        "Resource": "AWS::S3::Bucket devsecops-artifacts",
        "Account / Region": "123456789012 / us-east-1",
        "Compliance": "NON_COMPLIANT",
    }


@pytest.mark.parametrize(
    "region, host",
    [("us-gov-west-1", "console.amazonaws-us-gov.com"), ("cn-north-1", "console.amazonaws.cn")],
)
def test_console_links_go_to_the_regions_partition(message, region, host):
    finding = dict(asff("guardduty-findings.asff.json")[0], Region=region)
    [attachment] = message.securityhub_message([finding], region, 10, False)["attachments"]
    assert attachment["title_link"].startswith(f"https://{host}/securityhub/home?region={region}#/findings?search=")


def test_a_region_that_is_not_one_gives_no_link(message):
    finding = dict(asff("guardduty-findings.asff.json")[0], Region="evil.example/x?")
    [attachment] = message.securityhub_message([finding], "evil.example", 10, False)["attachments"]
    assert "title_link" not in attachment


# Hostile text: escaped, then capped without cutting an entity.


def test_finding_text_cannot_mention_channels_or_plant_links(message):
    finding = copy.deepcopy(asff("guardduty-findings.asff.json")[0])
    for name in ("Title", "Description", "Id", "ProductName", "AwsAccountId"):
        finding[name] = HOSTILE
    finding["Resources"][0]["Id"] = HOSTILE
    finding["Severity"]["Label"] = HOSTILE
    for minimal in (False, True):
        body = message.securityhub_message([finding], REGION, 10, minimal, action=HOSTILE)
        assert markup(body) == []
        assert body["text"].endswith(" sent with " + html.escape(HOSTILE, quote=False))


def test_config_text_cannot_mention_channels_or_plant_links(message):
    event = config_event(resourceId=HOSTILE, configRuleName=HOSTILE, resourceType=HOSTILE, awsAccountId=HOSTILE)
    event["detail"]["newEvaluationResult"]["annotation"] = HOSTILE
    for minimal in (False, True):
        assert markup(message.config_message(event, minimal)) == []


def test_every_text_is_capped_after_escaping(message):
    finding = copy.deepcopy(asff("guardduty-findings.asff.json")[0])
    for name in ("Title", "Description", "Id", "ProductName"):
        finding[name] = "&" * 5000
    finding["Resources"][0]["Id"] = "<" * 5000
    [attachment] = message.securityhub_message([finding], REGION, 10, False)["attachments"]
    assert len(attachment["title"]) <= len(":large_orange_circle: ") + message.TITLE_LIMIT
    assert len(attachment["text"]) <= message.TEXT_LIMIT
    assert all(len(field["value"]) <= message.FIELD_LIMIT for field in attachment["fields"])
    assert len(attachment["footer"]) <= message.FIELD_LIMIT
    assert attachment["text"] == "&amp;" * ((message.TEXT_LIMIT - 1) // 5) + "\u2026"


@pytest.mark.parametrize("cut", range(1, 8))
def test_a_cut_at_an_entity_keeps_it_whole_or_drops_it(message, cut):
    escaped = message.escape("abc&def")  # abc&amp;def: the entity spans characters 3 to 7
    capped = message.cap(escaped, 3 + cut)
    assert capped in ("abc\u2026", "abc&amp;\u2026", "abc&amp;d\u2026")


@given(text=st.text(alphabet="ab&<>;\u00e9 ", max_size=60), limit=st.integers(min_value=1, max_value=80))
def test_capping_never_cuts_an_entity_and_keeps_a_prefix(message, text, limit):
    escaped = message.escape(text)
    capped = message.cap(escaped, limit)
    assert len(capped) <= limit
    kept = capped if capped == escaped else capped.removesuffix("\u2026")
    assert capped == escaped or capped.endswith("\u2026")
    assert text.startswith(html.unescape(kept))
    assert not BARE_AMPERSAND.search(kept)


# Minimal messages: nothing that names an address, a principal, an account or a resource.


def identifiers(finding):
    """The IPs, ARNs, account and resource ids a finding names (the ones a minimal message must not carry)."""
    found = {finding["AwsAccountId"], finding["Id"]}
    for resource in finding["Resources"]:
        found.add(resource["Id"])
        found.add(resource["Id"].rsplit("/", 1)[-1])
        found.update(resource.get("Details", {}).get("AwsEc2Instance", {}).get("IpV4Addresses", []))
    found.update(value for key, value in finding.get("ProductFields", {}).items() if "ipAddress" in key)
    return found


@pytest.mark.parametrize("name", ["guardduty-findings.asff.json", "inspector-one-vuln.asff.json"])
def test_a_minimal_message_carries_only_title_severity_resource_type_and_link(message, name):
    findings = asff(name)
    body = message.securityhub_message(findings, REGION, 10, True)
    for finding, attachment in zip(findings, body["attachments"]):
        assert set(attachment) == {"title", "title_link", "color", "fields"}
        assert [field["title"] for field in attachment["fields"]] == ["Severity", "Resource type"]
        assert attachment["title_link"].startswith(f"https://{finding['Region']}.console.aws.amazon.com/securityhub/")
    serialised = json.dumps(body)
    leaked = {identifier for finding in findings for identifier in identifiers(finding) if identifier in serialised}
    assert leaked == set()


def test_a_minimal_guardduty_title_is_masked(message):
    [finding] = asff("guardduty-findings.asff.json")[:1]
    [attachment] = message.securityhub_message([finding], REGION, 10, True)["attachments"]
    assert attachment["title"] == (
        ":large_orange_circle: EC2 instance [redacted] is communicating with an Unusual DNS Resolver [redacted]."
    )
    fields = {field["title"]: field["value"] for field in attachment["fields"]}
    assert fields == {"Severity": "MEDIUM", "Resource type": "AwsEc2Instance"}


def test_a_minimal_link_filters_on_the_ids_last_part_which_names_no_account(message):
    # GuardDuty's finding ids are 32 hex digits (the sample's own is 12 decimal digits).
    finding = dict(asff("guardduty-findings.asff.json")[0])
    finding["Id"] = finding["Id"].rsplit("/", 1)[0] + "/30bf285e52a1e405084ff6ec28e06e17"
    [attachment] = message.securityhub_message([finding], REGION, 10, True)["attachments"]
    assert attachment["title_link"] == (
        CONSOLE + "?search=Id%3D%255Coperator%255C%253ACONTAINS%255C%253A30bf285e52a1e405084ff6ec28e06e17"
    )


def test_a_minimal_link_whose_last_part_looks_like_an_identifier_opens_the_findings_list(message):
    # The sample's 12 digits cannot be told from an account id.
    [finding] = asff("guardduty-findings.asff.json")[:1]
    [attachment] = message.securityhub_message([finding], REGION, 10, True)["attachments"]
    assert attachment["title_link"] == CONSOLE


@pytest.mark.parametrize(
    "title, masked",
    [
        ("API GeneratePassword was invoked from 198.51.100.1.", "API GeneratePassword was invoked from [redacted]."),
        ("Call from 2001:db8::8a2e:370:7334 seen", "Call from [redacted] seen"),
        ("Role arn:aws:iam::111122223333:role/admin assumed", "Role [redacted] assumed"),
        ("Key AKIAIOSFODNN7EXAMPLE used by alice@example.com", "Key [redacted] used by [redacted]"),
        ("Account 111122223333 and volume vol-0123456789abcdef0", "Account [redacted] and volume [redacted]"),
        ("Trivy found CVE-2019-1549 in alpine 3.10.2", "Trivy found CVE-2019-1549 in alpine 3.10.2"),
    ],
)
def test_a_minimal_title_masks_what_looks_like_an_identifier(load, title, masked):
    assert load().redaction.redact(title) == masked


def test_a_minimal_title_masks_the_findings_own_principal_and_resource_names(load):
    redaction = load().redaction
    finding = {
        "AwsAccountId": "111122223333",
        "Resources": [
            {"Id": "arn:aws:iam::111122223333:user/deploy-bot", "Details": {"AwsIamUser": {"UserName": "deploy-bot"}}}
        ],
        "ProductFields": {
            "aws/guardduty/service/action/awsApiCallAction/remoteAccountDetails/principalName": "ops-admin"
        },
    }
    masked = redaction.redact("deploy-bot called ops-admin's keys", redaction.finding_identifiers(finding))
    assert masked == "[redacted] called [redacted]'s keys"


def test_a_minimal_config_message_names_no_resource_account_or_annotation(message):
    event = config_event()
    body = message.config_message(event, True)
    assert body["text"] == f"AWS Config: a AWS::S3::Bucket is non-compliant with {CONFIG_RULE}"
    [attachment] = body["attachments"]
    assert {field["title"]: field["value"] for field in attachment["fields"]} == {
        "Resource type": "AWS::S3::Bucket",
        "Compliance": "NON_COMPLIANT",
    }
    serialised = json.dumps(body)
    assert "devsecops-artifacts" not in serialised and "123456789012" not in serialised
    assert "policy" not in serialised


def test_the_handler_posts_minimal_messages_when_asked(lambda_, slack, monkeypatch):
    monkeypatch.setenv("SLACK_MESSAGE_FIELDS", "minimal")
    findings = asff("guardduty-findings.asff.json")
    lambda_.notifier.handler(securityhub_event(findings), FakeContext())
    [body] = slack.bodies()
    serialised = json.dumps(body)
    assert {
        identifier for finding in findings for identifier in identifiers(finding) if identifier in serialised
    } == set()
    assert all(set(attachment) == {"title", "title_link", "color", "fields"} for attachment in body["attachments"])
