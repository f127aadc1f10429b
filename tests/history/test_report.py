"""``statetrace report`` in a real browser: Debian's chromium loads the page with no
console error, the screenshot is not blank, and it holds the plots the data implies."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from statetrace.cli import main
from statetrace.telemetry.reader import iter_events
from tests.gates.synthetic import write_synthetic_run

CHROMIUM = shutil.which("chromium")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium not installed (.ci/run does)")
pytest.importorskip("matplotlib", reason="statetrace[report] (matplotlib) not installed")
Image = pytest.importorskip("PIL.Image", reason="Pillow (a matplotlib dependency) not installed")


def _chromium(page: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """Run headless chromium on ``page``; its stderr carries the console messages."""
    command = [
        CHROMIUM or "chromium", "--headless", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--hide-scrollbars", "--enable-logging=stderr", "--v=0",
        "--window-size=1200,1600", *options, page.resolve().as_uri(),
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


def _console(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stderr.splitlines() if ":CONSOLE" in line]


def _expected_plots(telemetry_dir: Path, store_changes: bool) -> int:
    """One plot per part with data: latency, rows per site, providers, changes today."""
    events = [event for path in telemetry_dir.glob("*.json") for event in _events(path)]
    names = {event.get("EventName") for event in events}
    providers = any(
        e.get("EventName") == "InterfaceSyncTiming" and "SiteCacheProvider" in e for e in events
    )
    return sum(["ParseDuration" in names, "RowsWritten" in names, providers, store_changes])


def _events(path: Path) -> list[dict]:
    return [] if path.name.startswith("WarmRunTelemetry") else list(iter_events(path))


def test_console_errors_are_detected(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text("<html><body><script>console.error('boom')</script></body></html>")
    assert any("boom" in line for line in _console(_chromium(page, "--dump-dom")))


@pytest.mark.parametrize("with_store", [True, False])
def test_report_loads_cleanly_with_the_plots_the_data_implies(
    two_days, tmp_path: Path, with_store: bool
) -> None:
    export = write_synthetic_run(tmp_path / "report" / "Logs")
    page = tmp_path / "report.html"
    store = ["--store", two_days.url] if with_store else []
    assert main(["report", "--warm-run", str(export), *store, "--out", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"<script|<link|<img|src=|href=\"http|url\(http", html)
    dom = _chromium(page, "--dump-dom")
    assert _console(dom) == []
    plots = _expected_plots(export.parent, store_changes=with_store)
    assert dom.stdout.count('<figure class="plot">') == plots
    assert dom.stdout.count("<svg") == plots
    assert "PASSED" in dom.stdout and "FAILED" in dom.stdout
    shot = tmp_path / "shot.png"
    assert _console(_chromium(page, f"--screenshot={shot}")) == []
    image = Image.open(shot).convert("RGB")
    colors = image.getcolors(maxcolors=1 << 20) or []
    assert len(colors) > 50
    white = max(count for count, color in colors if color == (255, 255, 255))
    assert white < image.width * image.height * 0.97
