# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection.

Scanner reports in, normalised findings out. Each tool's format lives in its own file, registered
in PARSERS, and offers:

    LABEL                      the tool's name for messages ("OWASP ZAP")
    EXPECTED                   what the format has at its top level, for messages
    detect(document) -> bool   whether a parsed JSON document is in this format
    describe(document) -> {"tool", "scope"[, "incomplete"]}   what the report is about; "incomplete"
                               lists what the scanner says it could not do (the scan is not clean)
    findings(document)         a generator of normalised findings
and optionally
    accepts(document) -> bool  what `format:` naming this parser also reads (default: detect)
    unsupported(document) -> str or None   why a document that looks like this tool's is not read

A report that is missing, empty, truncated or not in a known format, or whose content a parser
finds of the wrong shape, raises FindingError with a message naming the file: never an empty
success. Only FindingError leaves a parser on bad input; anything else is a bug and stays one.
parse_report gives each finding once (model.unique): what the report repeats is counted in
`occurrences`. iter_findings streams them as the report gives them, repeats included, so that its
memory follows the report and not the number of findings.
"""

import contextlib
import gc
import json

from . import dependency_check, kube_bench, sarif, sonarqube, trivy, zap
from .model import FindingError, unique

PARSERS = {
    "dependency_check": dependency_check,
    "zap": zap,
    "sonarqube": sonarqube,
    "trivy": trivy,
    "sarif": sarif,
    "kube_bench": kube_bench,
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
    return document


@contextlib.contextmanager
def collector_paused():
    """Pause the cycle collector while reports are read, restoring it after.

    A large report is millions of objects that hold no reference cycles: with the collector on,
    it rescans them again and again while findings are built (half the CPU of a 100,000-finding
    parse, bench/README.md). Modules read their reports inside this; a library caller chooses.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def detect_format(document):
    """The format of a parsed report, or None when no parser recognises it."""
    for name, parser in PARSERS.items():
        if parser.detect(document):
            return name
    return None


def _unsupported(path, document, parsers):
    for parser in parsers:
        reason = getattr(parser, "unsupported", lambda _document: None)(document)
        if reason:
            raise FindingError(f"report {path} is not read: {reason}")


def _parser_for(path, document, fmt):
    if fmt in (None, "auto"):
        fmt = detect_format(document)
        if fmt is None:
            _unsupported(path, document, PARSERS.values())
            raise FindingError(f"report {path} is in no format this collection reads ({', '.join(FORMATS)})")
        return fmt, PARSERS[fmt]
    if fmt not in PARSERS:
        raise FindingError(f"unknown report format {fmt!r}: choose one of auto, {', '.join(FORMATS)}")
    parser = PARSERS[fmt]
    _unsupported(path, document, [parser])
    if not getattr(parser, "accepts", parser.detect)(document):
        found = detect_format(document)
        seen = f"it reads as {PARSERS[found].LABEL}" if found else "it is in no format this collection reads"
        raise FindingError(f"report {path} is not in the {parser.LABEL} format ({seen}): expected {parser.EXPECTED}")
    return fmt, parser


def _guarded(path, parser, step):
    """Run `step` (a parser call); a FindingError it raises is given the file's name."""
    try:
        return step()
    except FindingError as e:
        raise FindingError(f"cannot parse {parser.LABEL} report {path}: {e}") from None


def _stream(path, parser, document):
    iterator = _guarded(path, parser, lambda: iter(parser.findings(document)))
    while True:
        finding = _guarded(path, parser, lambda: next(iterator, None))
        if finding is None:
            return
        yield finding


def open_report(path, fmt="auto"):
    """(format, about, findings generator) of one report; errors name the file.

    `about` is describe()'s answer with "incomplete" always set (a list, empty for a full scan).
    """
    document = load(path)
    fmt, parser = _parser_for(path, document, fmt)
    about = _guarded(path, parser, lambda: parser.describe(document))
    about = dict(about, incomplete=list(about.get("incomplete") or ()))
    return fmt, about, _stream(path, parser, document)


def iter_findings(path, fmt="auto"):
    """The findings of one report, one at a time, repeats included."""
    return open_report(path, fmt)[2]


def parse_report(path, fmt="auto"):
    """{"path", "format", "tool", "scope", "incomplete", "findings"} of one report."""
    fmt, about, findings = open_report(path, fmt)
    return {
        "path": path,
        "format": fmt,
        "tool": about["tool"],
        "scope": about["scope"],
        "incomplete": about["incomplete"],
        "findings": list(unique(findings)),
    }


def parse_reports(paths, fmt="auto"):
    return [parse_report(path, fmt) for path in paths]
