"""The bundle's HTML report (the page ``statetrace report`` writes), or why it is missing."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from statetrace.gates.evidence import Evidence
from statetrace.gates.model import GateResult

REPORT = "Report.html"


def write_bundle_report(
    evidence: Evidence, results: Sequence[GateResult], folder: Path
) -> tuple[Path | None, str | None]:
    """``(folder/Report.html, None)``, or ``(None, why)`` when matplotlib is missing."""
    try:
        from statetrace.report import report_of, write_report
    except ImportError as error:
        return None, f"no HTML report: {error} (pip install 'statetrace[report]')"
    return write_report(report_of(evidence, results), folder / REPORT), None


def is_self_contained_page(path: Path) -> bool:
    """An HTML page that loads nothing from elsewhere (no ``src``/``href`` to a URL)."""
    text = path.read_text(encoding="utf-8", errors="replace")
    remote = ('src="http', "src='http", 'href="http', "href='http", "url(http", "@import")
    return text.lstrip().lower().startswith("<!doctype html") and not any(
        marker in text for marker in remote
    )
