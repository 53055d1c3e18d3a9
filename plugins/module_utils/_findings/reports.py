# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection.

Scanner reports in, normalised findings out. Each tool's format lives in its own file and offers:

    LABEL                      the tool's name for messages ("OWASP ZAP")
    detect(document) -> bool   whether a parsed JSON document is in this format
    describe(document) -> {"tool": ..., "scope": ...}   what the report is about
    findings(document)         a generator of normalised findings

A report that is missing, empty, truncated or not in a known format raises FindingError with a
message naming the file: never a traceback, never an empty success.
"""

import gc
import json

from . import dependency_check, sarif, sonarqube, trivy, zap
from .model import FindingError

PARSERS = {
    "dependency_check": dependency_check,
    "zap": zap,
    "sonarqube": sonarqube,
    "trivy": trivy,
    "sarif": sarif,
}
FORMATS = tuple(PARSERS)

# Options every module that reads reports shares (documented by the devsecops.aws.reports fragment).
REPORT_OPTIONS = dict(
    path=dict(type="path"),
    paths=dict(type="list", elements="path"),
    format=dict(type="str", default="auto", choices=["auto", *FORMATS]),
)


def report_paths(params):
    """The reports a module was given, through `paths` and `path`, in that order."""
    return list(params.get("paths") or []) + ([params["path"]] if params.get("path") else [])


def load(path):
    """The report's JSON document; FindingError when it cannot be read as one."""
    try:
        with open(path, "rb") as handle:
            raw = handle.read()
    except OSError as e:
        raise FindingError(f"cannot read report {path}: {e.strerror or e}") from None
    if not raw.strip():
        raise FindingError(f"report {path} is empty")
    try:
        document = json.loads(raw)
    except UnicodeDecodeError:
        raise FindingError(f"report {path} is not UTF-8 text") from None
    except ValueError as e:
        raise FindingError(f"report {path} is not valid JSON (truncated?): {e}") from None
    # A large report is millions of objects that hold no reference cycles: left in the young
    # generations, the cycle collector rescans them all again and again while findings are built
    # (half the CPU of a 100,000-finding parse, bench/README.md). They are still freed as usual.
    gc.freeze()
    return document


def detect_format(document):
    """The format of a parsed report, or None when no parser recognises it."""
    for name, parser in PARSERS.items():
        if parser.detect(document):
            return name
    return None


def _parser_for(path, document, fmt):
    if fmt in (None, "auto"):
        fmt = detect_format(document)
        if fmt is None:
            raise FindingError(
                f"report {path} is in no format this collection reads ({', '.join(FORMATS)}); "
                "set format to say which it is"
            )
    elif fmt not in PARSERS:
        raise FindingError(f"unknown report format {fmt!r}: choose one of auto, {', '.join(FORMATS)}")
    return fmt, PARSERS[fmt]


def _describe_failure(error):
    if isinstance(error, KeyError):
        return f"expected key {error.args[0]!r} is missing"
    return str(error) or type(error).__name__


def _guarded(path, parser, step):
    """Run `step` (a parser call); any error it meets becomes a FindingError naming the file."""
    try:
        return step()
    except FindingError as e:
        raise FindingError(f"cannot parse {parser.LABEL} report {path}: {e}") from None
    except (KeyError, TypeError, AttributeError, ValueError, IndexError) as e:
        raise FindingError(f"cannot parse {parser.LABEL} report {path}: {_describe_failure(e)}") from None


def _stream(path, parser, document):
    iterator = _guarded(path, parser, lambda: iter(parser.findings(document)))
    while True:
        finding = _guarded(path, parser, lambda: next(iterator, None))
        if finding is None:
            return
        yield finding


def open_report(path, fmt="auto"):
    """(format, tool, scope, findings generator) of one report; errors name the file."""
    document = load(path)
    fmt, parser = _parser_for(path, document, fmt)
    about = _guarded(path, parser, lambda: parser.describe(document))
    return fmt, about["tool"], about["scope"], _stream(path, parser, document)


def iter_findings(path, fmt="auto"):
    """The findings of one report, one at a time."""
    return open_report(path, fmt)[3]


def parse_report(path, fmt="auto"):
    """{"path", "format", "tool", "scope", "findings"} of one report."""
    fmt, tool, scope, findings = open_report(path, fmt)
    return {"path": path, "format": fmt, "tool": tool, "scope": scope, "findings": list(findings)}


def parse_reports(paths, fmt="auto"):
    return [parse_report(path, fmt) for path in paths]
