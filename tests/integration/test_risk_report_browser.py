"""The risk report's HTML as a browser renders it: Debian's chromium, headless, offline (--screenshot and --dump-dom).

scripts/bootstrap installs chromium where it runs as root with apt-get (CI); elsewhere these tests are
skipped, saying so.
"""

import os
import subprocess
from datetime import datetime, timedelta, timezone
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ansible_collections.devsecops.aws.plugins.module_utils._findings import risk
from ansible_collections.devsecops.aws.plugins.modules.securityhub_risk_report import documents, write_files

from tests.support import png
from tests.support import securityhub_samples as samples

CHROMIUM = Path("/usr/bin/chromium")
NOW = datetime(2026, 12, 1, 6, 0, tzinfo=timezone.utc)
SEVERITY_COLOURS = {"CRITICAL": (0x8F, 0x1D, 0x21), "HIGH": (0xD9, 0x48, 0x0F), "MEDIUM": (0xE8, 0xA1, 0x00)}

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="no /usr/bin/chromium: scripts/bootstrap installs it (apt-get install chromium) when run as root"
)


def chromium(*args):
    # No sandbox: CI runs as root. No network: the page must need none.
    command = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--host-resolver-rules=MAP * ~NOTFOUND", *args]
    env = dict(os.environ, HOME=os.environ.get("TMPDIR", "/tmp"))
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True, env=env)


class Dom(HTMLParser):
    """Ids of tables and their rows' cell texts; the chart's bars."""

    def __init__(self):
        super().__init__()
        self.tables, self.bars, self.ids = {}, [], set()
        self._table, self._row, self._cell = None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if tag == "table":
            self._table = self.tables.setdefault(attrs.get("id"), [])
        elif tag == "tr" and self._table is not None:
            self._row = []
            self._table.append(self._row)
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
        elif tag == "rect" and attrs.get("class") == "bar":
            self.bars.append((attrs["data-report"], attrs["data-severity"]))

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


@pytest.fixture(scope="module")
def report_dir(tmp_path_factory):
    """Three weekly reports: Inspector and GuardDuty, then ours too, then Config and one GuardDuty finding archived."""
    directory = tmp_path_factory.mktemp("risk")
    weeks = [
        samples.inspector() + samples.guardduty(),
        samples.inspector() + samples.guardduty() + samples.ours(),
        samples.inspector() + samples.guardduty()[1:] + samples.ours() + samples.config(),
    ]
    state = None
    for index, findings in enumerate(weeks):
        report, state = risk.build(findings, NOW - timedelta(days=7 * (2 - index)), state)
    write_files(str(directory), documents(report, "Security risk report"), check_mode=False)
    return directory


def test_the_overall_page_renders_with_its_colours(report_dir, tmp_path):
    shot = tmp_path / "risk-report.png"
    chromium("--window-size=900,700", f"--screenshot={shot}", (report_dir / "risk-report.html").as_uri())
    width, height, colours = png.pixels(shot)
    assert (width, height) == (900, 700)
    # The severity cards (inline CSS) were painted: each colour is on the screen.
    missing = [name for name, colour in SEVERITY_COLOURS.items() if colour not in colours]
    assert not missing, f"not rendered: {missing}"


def test_the_rendered_dom_holds_the_tables_and_the_chart(report_dir):
    dom = Dom()
    dom.feed(chromium("--dump-dom", (report_dir / "risk-report.html").as_uri()).stdout)
    for table in ("scopes", "by-product", "by-tool", "oldest-critical", "oldest-high", "new", "resolved"):
        assert table in dom.tables, f"table {table} not in the rendered page"
    products = {row[0]: row[-1] for row in dom.tables["by-product"][1:]}
    assert products == {"Inspector": "8", "devsecops.aws": "65", "GuardDuty": "3", "Config": "1"}
    oldest = dom.tables["oldest-high"][1:]
    assert [row[-1] for row in oldest[:2]] == ["1209 days", "1197 days"]
    assert [row[5] for row in oldest] == sorted(row[5] for row in oldest)
    assert [row[2] for row in dom.tables["new"][1:]] == ["Config"]
    assert [row[2] for row in dom.tables["resolved"][1:]] == ["GuardDuty"]
    # One bar per severity with findings, in each of the three reports.
    reports = sorted({report for report, _severity in dom.bars})
    assert reports == ["2026-11-17T06:00:00Z", "2026-11-24T06:00:00Z", "2026-12-01T06:00:00Z"]
    assert ("2026-11-17T06:00:00Z", "INFORMATIONAL") not in dom.bars  # no informational findings before ours
    assert ("2026-12-01T06:00:00Z", "INFORMATIONAL") in dom.bars


def test_a_scope_page_renders_its_own_findings(report_dir, tmp_path):
    page = next((report_dir / "scopes").glob("webgoat-*.html"))
    dom = Dom()
    dom.feed(chromium("--dump-dom", page.as_uri()).stdout)
    assert {row[0] for row in dom.tables["by-tool"][1:]} == {"trivy", "zap"}
    assert "scopes" not in dom.tables
    shot = tmp_path / "scope.png"
    chromium("--window-size=900,700", f"--screenshot={shot}", page.as_uri())
    assert shot.stat().st_size > 10000
