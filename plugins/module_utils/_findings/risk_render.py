# -*- coding: utf-8 -*-

# Copyright: Contributors to the devsecops.aws collection
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)

"""PRIVATE to the devsecops.aws collection.

The risk report (risk.build's result) as Markdown and as one self-contained HTML page: inline CSS,
an inline SVG chart of open findings by severity over the reports kept, no script and no external
asset, so that it reads the same from a laptop, an S3 presigned URL or a mail attachment. Every text
that came from a finding is escaped. Nothing here reads a clock.
"""

import html

from .model import SEVERITIES
from .risk import OLDEST_SEVERITIES

FIRST = "First report: nothing to compare with yet."
MAX_ROWS = 100  # per listing: a report stays readable; the counts above it cover everything
COLOURS = {"CRITICAL": "#8f1d21", "HIGH": "#d9480f", "MEDIUM": "#e8a100", "LOW": "#1c7ed6", "INFORMATIONAL": "#868e96"}
_CSS = """
body{font-family:-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;margin:2rem;color:#212529;max-width:80rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #dee2e6}
p.meta{color:#6c757d;margin-top:0}table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}
th,td{border:1px solid #dee2e6;padding:.3rem .6rem;text-align:left;vertical-align:top;white-space:nowrap}
th{background:#f1f3f5}td.n{text-align:right;font-variant-numeric:tabular-nums}
td.wrap{white-space:normal;max-width:32rem;overflow-wrap:anywhere}
.sev{display:inline-block;padding:0 .4rem;border-radius:.2rem;color:#fff;font-size:.8rem;font-weight:600}
.cards{display:flex;gap:.8rem;flex-wrap:wrap;margin:1rem 0}.card{border-radius:.4rem;color:#fff;padding:.6rem 1rem;min-width:7rem}
.card b{display:block;font-size:1.6rem}svg text{font-family:inherit;font-size:11px;fill:#495057}
""".strip()


def _esc(value):
    return html.escape("" if value is None else str(value), quote=True)


def _age(item):
    return "" if item.get("age_days") is None else f"{item['age_days']} days"


# Markdown


def _cell(value):
    return str("" if value is None else value).replace("|", "\\|").replace("\n", " ")


def _md_table(header, rows):
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines.extend("| " + " | ".join(_cell(value) for value in row) + " |" for row in rows)
    return lines


def _md_counts(title, grouped):
    if not grouped:
        return []
    rows = [(name,) + tuple(counts[severity] for severity in SEVERITIES) + (sum(counts.values()),) for name, counts in grouped.items()]
    return ["", f"### {title}", ""] + _md_table([title.split()[-1].capitalize()] + list(SEVERITIES) + ["Total"], rows)


def _md_findings(title, items, with_age=False, empty="None."):
    lines = ["", f"### {title}", ""]
    if not items:
        return lines + [empty]
    header = ["Severity", "Title", "Product", "Tool", "Scope", "First seen"] + (["Age"] if with_age else [])
    rows = [
        (item["severity"], item["title"], item["product"], item["tool"], item["scope"], item["first_seen"] or "")
        + ((_age(item),) if with_age else ())
        for item in items[:MAX_ROWS]
    ]
    lines += _md_table(header, rows)
    if len(items) > MAX_ROWS:
        lines += ["", f"... and {len(items) - MAX_ROWS} more."]
    return lines


def _since(report, part):
    if part["first_report"]:
        return FIRST
    return f"Since the previous report ({report['previous_generated_at']}): {len(part['new'])} new, {len(part['resolved'])} resolved."


def markdown(report, part, title, scope_link=lambda scope: scope["slug"] + ".md"):
    lines = [f"# {title}", "", f"Generated {report['generated_at']}. {part['total']} open findings.", ""]
    lines += _md_table(["Severity", "Open"], [(name, part["by_severity"][name]) for name in SEVERITIES])
    lines += ["", _since(report, part)]
    if part["history"]:
        lines += ["", "### Open findings over the reports kept", ""]
        rows = [(entry["generated_at"],) + tuple(entry["counts"][name] for name in SEVERITIES) for entry in part["history"]]
        lines += _md_table(["Report"] + list(SEVERITIES), rows)
    if "scopes" in part:
        rows = [
            (scope["name"],) + tuple(scope["by_severity"][name] for name in SEVERITIES)
            + (scope["total"], len(scope["new"]), len(scope["resolved"]), f"[report]({scope_link(scope)})")
            for scope in part["scopes"][:MAX_ROWS]
        ]
        lines += ["", f"### By {report['scope_by']}", ""]
        lines += _md_table(["Scope"] + list(SEVERITIES) + ["Total", "New", "Resolved", "Report"], rows)
        if len(part["scopes"]) > MAX_ROWS:
            lines += ["", f"... and {len(part['scopes']) - MAX_ROWS} more scopes."]
    lines += _md_counts("Open findings by product", part["by_product"])
    lines += _md_counts("Open findings by tool", part["by_tool"])
    for severity in OLDEST_SEVERITIES:
        lines += _md_findings(f"Oldest open {severity.lower()} findings", part["oldest"][severity], with_age=True)
    empty = FIRST if part["first_report"] else "None."
    lines += _md_findings("New since the previous report", part["new"], empty=empty)
    lines += _md_findings("Resolved since the previous report", part["resolved"], empty=empty)
    return "\n".join(lines) + "\n"


# HTML


def _badge(severity):
    return f'<span class="sev" style="background:{COLOURS[severity]}">{_esc(severity)}</span>'


def _html_table(table_id, header, rows, numeric=(), wrap=(0,)):
    """A table of cells already escaped; `numeric` columns align right, `wrap` ones (long names) wrap."""
    out = [f'<table id="{table_id}"><thead><tr>' + "".join(f"<th>{_esc(name)}</th>" for name in header) + "</tr></thead><tbody>"]
    for row in rows:
        cells = []
        for index, value in enumerate(row):
            css = ' class="n"' if index in numeric else ' class="wrap"' if index in wrap else ""
            cells.append(f"<td{css}>{value}</td>")
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _html_counts(table_id, title, grouped):
    if not grouped:
        return ""
    rows = [
        (_esc(name),) + tuple(str(counts[severity]) for severity in SEVERITIES) + (str(sum(counts.values())),)
        for name, counts in grouped.items()
    ]
    numeric = range(1, len(SEVERITIES) + 2)
    return f"<h2>{_esc(title)}</h2>" + _html_table(table_id, [title.split()[-1].capitalize()] + list(SEVERITIES) + ["Total"], rows, numeric)


def _html_findings(table_id, title, items, with_age=False, empty="None."):
    head = f"<h2>{_esc(title)}</h2>"
    if not items:
        return head + f'<p id="{table_id}">{_esc(empty)}</p>'
    header = ["Severity", "Title", "Product", "Tool", "Scope", "First seen"] + (["Age"] if with_age else [])
    rows = [
        (_badge(item["severity"]), _esc(item["title"]), _esc(item["product"]), _esc(item["tool"]), _esc(item["scope"]), _esc(item["first_seen"]))
        + ((_esc(_age(item)),) if with_age else ())
        for item in items[:MAX_ROWS]
    ]
    more = f"<p>... and {len(items) - MAX_ROWS} more.</p>" if len(items) > MAX_ROWS else ""
    return head + _html_table(table_id, header, rows, numeric=(6,) if with_age else (), wrap=(1, 4)) + more


def chart(history, width=720, height=260):
    """An SVG stacked bar chart: one bar per report kept, one colour per severity, with a legend."""
    left, right, top, bottom = 48, 16, 28, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([sum(entry["counts"].values()) for entry in history] + [1])
    step = max(1, -(-peak // 4))  # four gridlines, rounded up
    scale_max = step * 4
    out = [
        f'<svg id="trend" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="Open findings by severity over the reports kept">'
    ]
    for tick in range(5):
        y = top + plot_h - plot_h * tick * step / scale_max
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" stroke="#e9ecef"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick * step}</text>')
    slot = plot_w / max(len(history), 1)
    bar_width = min(48.0, slot * 0.6)
    for index, entry in enumerate(history):
        x = left + slot * index + (slot - bar_width) / 2
        y = top + plot_h
        total = sum(entry["counts"].values())
        for severity in reversed(SEVERITIES):  # informational at the bottom, critical on top
            count = entry["counts"][severity]
            if not count:
                continue
            h = plot_h * count / scale_max
            y -= h
            out.append(
                f'<rect class="bar" data-severity="{severity}" data-report="{_esc(entry["generated_at"])}" x="{x:.1f}" '
                f'y="{y:.1f}" width="{bar_width:.1f}" height="{h:.1f}" fill="{COLOURS[severity]}">'
                f"<title>{_esc(entry['generated_at'])}: {count} {severity}</title></rect>"
            )
        out.append(f'<text x="{x + bar_width / 2:.1f}" y="{y - 4:.1f}" text-anchor="middle">{total}</text>')
        out.append(
            f'<text x="{x + bar_width / 2:.1f}" y="{top + plot_h + 16}" text-anchor="middle">{_esc(entry["generated_at"][:10])}</text>'
        )
    legend_x = left
    for severity in SEVERITIES:
        out.append(f'<rect x="{legend_x}" y="8" width="10" height="10" fill="{COLOURS[severity]}"/>')
        out.append(f'<text x="{legend_x + 14}" y="17">{severity.capitalize()}</text>')
        legend_x += 24 + 7 * len(severity)
    out.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - right}" y2="{top + plot_h}" stroke="#adb5bd"/>')
    out.append("</svg>")
    return "".join(out)


def page(report, part, title, scope_link=lambda scope: scope["slug"] + ".html"):
    cards = "".join(
        f'<div class="card" style="background:{COLOURS[name]}"><b>{part["by_severity"][name]}</b>{name.capitalize()}</div>'
        for name in SEVERITIES
    )
    body = [
        f"<h1>{_esc(title)}</h1>",
        f'<p class="meta">Generated {_esc(report["generated_at"])}. <span id="total">{part["total"]}</span> open findings. '
        f"{_esc(_since(report, part))}</p>",
        f'<div class="cards">{cards}</div>',
        "<h2>Open findings over the reports kept</h2>",
        chart(part["history"]),
    ]
    if "scopes" in part:
        rows = [
            (f'<a href="{_esc(scope_link(scope))}">{_esc(scope["name"])}</a>',)
            + tuple(str(scope["by_severity"][name]) for name in SEVERITIES)
            + (str(scope["total"]), str(len(scope["new"])), str(len(scope["resolved"])))
            for scope in part["scopes"][:MAX_ROWS]
        ]
        body.append(f"<h2>By {_esc(report['scope_by'])}</h2>")
        body.append(
            _html_table("scopes", ["Scope"] + list(SEVERITIES) + ["Total", "New", "Resolved"], rows, range(1, len(SEVERITIES) + 4))
        )
        if len(part["scopes"]) > MAX_ROWS:
            body.append(f"<p>... and {len(part['scopes']) - MAX_ROWS} more scopes.</p>")
    body.append(_html_counts("by-product", "Open findings by product", part["by_product"]))
    body.append(_html_counts("by-tool", "Open findings by tool", part["by_tool"]))
    for severity in OLDEST_SEVERITIES:
        body.append(
            _html_findings(f"oldest-{severity.lower()}", f"Oldest open {severity.lower()} findings", part["oldest"][severity], True)
        )
    empty = FIRST if part["first_report"] else "None."
    body.append(_html_findings("new", "New since the previous report", part["new"], empty=empty))
    body.append(_html_findings("resolved", "Resolved since the previous report", part["resolved"], empty=empty))
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{_esc(title)}</title><style>{_CSS}</style></head><body>" + "".join(body) + "</body></html>\n"
    )
