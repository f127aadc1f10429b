"""The report page: one HTML file with inline CSS and SVG, no scripts, no fetches."""

from __future__ import annotations

from collections import Counter
from html import escape
from pathlib import Path

from statetrace.gates.model import GateResult
from statetrace.report.data import ReportData
from statetrace.report.plots import grouped_bars, latency_plot

_CSS = """
body { font-family: sans-serif; margin: 2em; color: #222; background: #fff; }
table { border-collapse: collapse; margin: 1em 0; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; }
th { background: #eee; }
.passed { color: #176617; font-weight: bold; }
.failed { color: #b00020; font-weight: bold; }
.warned { color: #a66400; font-weight: bold; }
figure { margin: 1em 0; }
"""


def plots(data: ReportData) -> list[str]:
    """The SVG plots the data calls for: one per part that has values."""
    found = []
    if data.latency:
        found.append(latency_plot(data.latency))
    if data.rows_per_site:
        found.append(
            grouped_bars(data.rows_per_site, "site", "rows written", "Interface rows written")
        )
    if data.providers:
        found.append(grouped_bars(data.providers, "provider", "hosts", "Site-cache providers"))
    if data.changes_today:
        by_kind: dict[str, Counter[str]] = {}
        for site, kinds in data.changes_today.items():
            for kind, count in kinds.items():
                by_kind.setdefault(kind, Counter())[site] = count
        found.append(grouped_bars(by_kind, "site", "change rows", "Today's changes per site"))
    return found


def render_page(data: ReportData) -> str:
    """The whole page as text."""
    parts = [f"<h1>{escape(data.title)}</h1>"]
    if data.gates:
        parts.append("<h2>Gates</h2>" + _gate_table(data.gates))
    if data.changes_today:
        rows = [
            f"<tr><td>{escape(site)}</td><td>{escape(kind)}</td><td>{count}</td></tr>"
            for site, kinds in sorted(data.changes_today.items())
            for kind, count in sorted(kinds.items())
        ]
        parts.append(
            "<h2>Today's changes</h2><table><tr><th>Site</th><th>Change</th><th>Rows</th></tr>"
            + "".join(rows)
            + "</table>"
        )
    figures = plots(data)
    if figures:
        parts.append(
            "<h2>Plots</h2>" + "".join(f'<figure class="plot">{svg}</figure>' for svg in figures)
        )
    if len(parts) == 1:
        parts.append("<p>No telemetry and no store given: nothing to report.</p>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(data.title)}</title><style>{_CSS}</style></head>"
        f"<body>{''.join(parts)}</body></html>\n"
    )


def write_report(data: ReportData, out: Path) -> Path:
    """Write the page to ``out`` (its folder created)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_page(data), encoding="utf-8")
    return out


def _gate_table(results: list[GateResult]) -> str:
    head = "".join(
        f"<th>{name}</th>"
        for name in ("Gate", "Verdict", "Severity", "Statistic", "Value", "Threshold")
    )
    rows = []
    for result in results:
        gate, outcome = result.gate, result.outcome.value
        unit = f" {gate.unit}" if gate.unit else ""
        value = "" if result.value is None else f"{result.value:g}{unit}"
        cells = (
            gate.id,
            outcome.upper(),
            gate.severity,
            gate.statistic,
            value,
            f"{gate.comparator} {gate.threshold:g}{unit}",
        )
        row = "".join(
            f'<td class="{escape(outcome)}">{escape(c)}</td>'
            if i == 1
            else f"<td>{escape(str(c))}</td>"
            for i, c in enumerate(cells)
        )
        rows.append(f"<tr>{row}</tr>")
    return f"<table><tr>{head}</tr>{''.join(rows)}</table>"
