# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection: text helpers every parser shares."""

import functools
import html
import re

# Only the markup tools really write: "<2.15.0" or "USER <name>" in plain text must survive.
_TAG = re.compile(r"</?(?:p|br|li|ul|ol|a|b|i|em|strong|code|pre|div|span|h\d)\b[^<>]*>", re.IGNORECASE)
_BLANKS = re.compile(r"[ \t]*\n[ \t\n]*")
_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_CVE = re.compile(r"\bCVE-\d{4}-\d{4,}\b", re.IGNORECASE)
_CWE = re.compile(r"\s*(?:external/cwe/)?(?:cwe[-_ :]*)?(\d+)\b", re.IGNORECASE)


def plain(text):
    """Report text that some tools write as HTML paragraphs (ZAP, NVD), as plain text."""
    return _plain(str(text)) if text else ""


# Reports repeat their texts (one rule or CVE text per match or package): clean each text once.
@functools.lru_cache(maxsize=4096)
def _plain(text):
    if "<" in text:
        text = _TAG.sub("\n", text)
    if "&" in text:
        text = html.unescape(text)
    return _BLANKS.sub("\n", text).strip() if "\n" in text else text.strip()


def urls(text):
    """Every URL in a block of text, in order, without repeats."""
    return list(dict.fromkeys(_URL.findall(str(text or ""))))


def cves(*texts):
    """CVE ids mentioned in the texts, upper-cased, in order, without repeats."""
    # One search over the joined texts: a Dependency-Check vulnerability has dozens of references.
    joined = "\n".join(str(text) for text in texts if text)
    return list(dict.fromkeys(match.upper() for match in _CVE.findall(joined))) if "cve" in joined.lower() else []


def cwe(value):
    """"CWE-79" from 79, "79", "CWE-79: ...", "external/cwe/cwe-079"; None for no CWE (0, -1, "")."""
    if value is None:
        return None
    match = _CWE.match(str(value))
    if not match or int(match.group(1)) <= 0:
        return None
    return f"CWE-{int(match.group(1))}"


def cwes(values):
    return list(dict.fromkeys(filter(None, (cwe(value) for value in values or ()))))


def cwes_in_tags(tags):
    """CWEs among free-form tags ("cwe-79", "external/cwe/cwe-079", "CWE-346: ..."); other tags, numbers too, ignored."""
    return cwes(tag for tag in tags or () if "cwe" in str(tag).lower())
