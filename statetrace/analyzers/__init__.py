"""Analyzers over telemetry, giving the numbers the PowerShell tools give.

Each analyzer is a library function returning plain data (dicts and lists in the
upstream key order); writers to CSV/JSON are separate.  Inputs are file paths or
iterables of event dicts.
"""

from __future__ import annotations

from statetrace.analyzers.diff_hotspots import diff_hotspots, hotspot_site_totals
from statetrace.analyzers.integrity import check_integrity
from statetrace.analyzers.provider_reasons import provider_reasons
from statetrace.analyzers.rollup import rollup
from statetrace.analyzers.shared_cache import shared_cache, shared_cache_summary
from statetrace.analyzers.warm_comparison import warm_comparison

__all__ = [
    "check_integrity",
    "diff_hotspots",
    "hotspot_site_totals",
    "provider_reasons",
    "rollup",
    "shared_cache",
    "shared_cache_summary",
    "warm_comparison",
]
