"""The cold/warm comparison table printed after a warm run."""

from __future__ import annotations

from typing import Any

from statetrace.tables import format_table

#: (label, cold key, warm key) rows of the comparison table.
_ROWS = (
    ("hosts parsed", "ColdHostsParsed", "WarmHostsParsed"),
    ("hosts failed", "ColdHostsFailed", "WarmHostsFailed"),
    ("interface call avg ms", "ColdInterfaceCallAvgMs", "WarmInterfaceCallAvgMs"),
    ("interface call p95 ms", "ColdInterfaceCallP95Ms", "WarmInterfaceCallP95Ms"),
    ("interface call max ms", "ColdInterfaceCallMaxMs", "WarmInterfaceCallMaxMs"),
    ("wall seconds", "ColdWallSeconds", "WarmWallSeconds"),
    ("existing-row store reads", "ColdExistingRowReads", "WarmExistingRowReads"),
    ("rows written", "ColdRowsWritten", "WarmRowsWritten"),
    ("providers", "ColdProviderCounts", "WarmProviderCounts"),
)


def comparison_table(comparison: dict[str, Any]) -> str:
    """Cold vs warm side by side, then the headline improvements."""
    rows = [
        {"metric": label, "cold": _text(comparison.get(cold)), "warm": _text(comparison.get(warm))}
        for label, cold, warm in _ROWS
    ]
    table = format_table(rows, ("metric", "cold", "warm"))
    headline = (
        f"warm improvement {comparison.get('ImprovementPercent')} % (interface call avg), "
        f"wall {comparison.get('WallImprovementPercent')} %, "
        f"warm cache hit ratio {comparison.get('WarmCacheHitRatioPercent')} %, "
        f"hosts skipped {comparison.get('WarmHostsSkipped')}"
    )
    return f"{table}\n{headline}\n{HOW_TO_READ}"


#: What the two improvement figures measure, so a small or negative wall figure beside
#: a passing warm-not-slower gate is not read as a regression.
HOW_TO_READ = (
    "how to read this: 'warm improvement' compares the average per-host interface call"
    " (parse + diff) of the two passes; the warm-improvement and warm-not-slower gates"
    " judge that figure. 'wall' compares whole passes, which also carry fixed costs that"
    " do not shrink when hosts are cached (process and worker start-up, indexing the"
    " captures, importing and writing the snapshot): on a small corpus it can be small or"
    " negative while every host got faster."
)


def _text(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{key}={count}" for key, count in value.items()) or "-"
    return "-" if value is None else str(value)
