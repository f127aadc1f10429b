"""The report's plots, drawn by matplotlib (object API, no pyplot state) as inline SVG."""

from __future__ import annotations

import io
from collections import Counter

import matplotlib
from matplotlib.figure import Figure

_SIZE = (6.4, 3.2)


def latency_plot(latency: dict[str, list[float]]) -> str:
    """Per-host ingest seconds of each pass, as overlaid histograms."""
    figure = Figure(figsize=_SIZE)
    axes = figure.add_subplot()
    top = max(max(values) for values in latency.values()) or 1.0
    bins = [top * i / 30 for i in range(31)]
    for name, values in latency.items():
        axes.hist(values, bins=bins, alpha=0.6, label=f"{name} ({len(values)} hosts)")
    axes.set_xlabel("seconds per host (ParseDuration)")
    axes.set_ylabel("hosts")
    axes.legend()
    return _svg(figure, "Per-host ingest latency")


def grouped_bars(counts: dict[str, Counter[str]], xlabel: str, ylabel: str, title: str) -> str:
    """One bar per (category, series): ``counts`` maps series → category → value."""
    figure = Figure(figsize=_SIZE)
    axes = figure.add_subplot()
    categories = sorted({key for values in counts.values() for key in values})
    width = 0.8 / max(1, len(counts))
    for number, (series, values) in enumerate(counts.items()):
        positions = [i + number * width for i in range(len(categories))]
        axes.bar(positions, [values.get(c, 0) for c in categories], width, label=series)
    axes.set_xticks([i + 0.4 - width / 2 for i in range(len(categories))], categories)
    axes.set_xlabel(xlabel)
    axes.set_ylabel(ylabel)
    axes.legend()
    return _svg(figure, title)


def _svg(figure: Figure, title: str) -> str:
    """The figure as an ``<svg>`` element (XML prolog dropped) titled ``title``."""
    figure.suptitle(title)
    figure.tight_layout()
    buffer = io.StringIO()
    # text stays text (smaller, selectable, no embedded glyphs); ids are reproducible
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "statetrace"}):
        figure.savefig(buffer, format="svg")
    text = buffer.getvalue()
    return text[text.index("<svg") :]
