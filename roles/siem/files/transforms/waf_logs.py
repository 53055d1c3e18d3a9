"""Firehose transform for AWS WAF logs: one flat document per request, as the waf-logs index maps it.

Only the request's Host and User-Agent headers are kept: WAF logs every header (the waf role redacts
Authorization and Cookie), and the SIEM needs no more than these two.
"""

import datetime
import ipaddress

from firehose_processor import Rejected, process


def _header(headers, name):
    for header in headers or []:
        if str(header.get("name", "")).lower() == name:
            return header.get("value")
    return None


def _ip(value):
    """The address when it is one; WAF samples and redacted logs carry masks such as X.X.X.X."""
    try:
        return str(ipaddress.ip_address(value))
    except ValueError:
        return None


def _timestamp(milliseconds):
    if isinstance(milliseconds, bool) or not isinstance(milliseconds, int):
        raise Rejected(f"timestamp {milliseconds!r} is not epoch milliseconds")
    moment = datetime.datetime.fromtimestamp(milliseconds / 1000, tz=datetime.timezone.utc)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def _rule_group_matches(groups):
    matches = []
    for group in groups or []:
        terminating = group.get("terminatingRule")
        if terminating:
            matches.append({"rule_group": group["ruleGroupId"], "rule": terminating["ruleId"], "action": terminating["action"], "terminating": True})
        for rule in group.get("nonTerminatingMatchingRules") or []:
            matches.append({"rule_group": group["ruleGroupId"], "rule": rule["ruleId"], "action": rule["action"], "terminating": False})
    return matches


def _web_acl_name(web_acl_id):
    # arn:aws:wafv2:<region>:<account>:<scope>/webacl/<name>/<id>
    parts = web_acl_id.split("/")
    return parts[-2] if len(parts) >= 3 and parts[-3] == "webacl" else web_acl_id


def transform(log):
    if not isinstance(log, dict) or not isinstance(log.get("httpRequest"), dict) or not log.get("action"):
        raise Rejected("not a WAF log record (no action or httpRequest)")
    request = log["httpRequest"]
    document = {
        "@timestamp": _timestamp(log.get("timestamp")),
        "web_acl": _web_acl_name(str(log.get("webaclId", ""))),
        "web_acl_id": log.get("webaclId"),
        "action": log["action"],
        "terminating_rule": log.get("terminatingRuleId"),
        "terminating_rule_type": log.get("terminatingRuleType"),
        "rule_group_matches": _rule_group_matches(log.get("ruleGroupList")),
        "non_terminating_rules": [rule["ruleId"] for rule in log.get("nonTerminatingMatchingRules") or []],
        "rate_based_rules": [rule.get("rateBasedRuleName") or rule.get("rateBasedRuleId") for rule in log.get("rateBasedRuleList") or []],
        "labels": [label["name"] for label in log.get("labels") or []],
        "client_ip": _ip(request.get("clientIp")),
        "country": request.get("country"),
        "uri": request.get("uri"),
        "method": request.get("httpMethod"),
        "http_version": request.get("httpVersion"),
        "host": _header(request.get("headers"), "host"),
        "user_agent": _header(request.get("headers"), "user-agent"),
        "request_id": request.get("requestId"),
        "source": log.get("httpSourceName"),
        "source_id": log.get("httpSourceId"),
    }
    return {key: value for key, value in document.items() if value not in (None, "")}


def handler(event, _context):
    return process(event, transform)
