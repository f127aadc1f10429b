"""Warm-pass diff hotspots (``Analyze-WarmRunDiffHotspots.ps1``, spec §2.3)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from statetrace.analyzers.common import field, has_field, number_or_none, sort_key, text, truthy
from statetrace.analyzers.output import write_csv
from statetrace.stats import dotnet_int, round_half_even
from statetrace.telemetry.reader import read_rows

COLUMNS = (
    "Site",
    "Hostname",
    "DiffComparisonMs",
    "DiffDurationMs",
    "LoadExistingMs",
    "RowSetCount",
    "Provider",
    "ProviderReason",
)
DEFAULT_TOP = 20
WARM_PASS = "warmpass"


def _rows_of(source: Path | str | Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    if isinstance(source, str | Path):
        return [row for row in read_rows(source, objects_only=False) if isinstance(row, dict)]
    return list(source)


def diff_hotspots(
    source: Path | str | Iterable[Mapping[str, Any]],
    *,
    top: int = DEFAULT_TOP,
    min_ms: float = 0.0,
) -> list[dict[str, Any]]:
    """Warm-pass hosts by ``DiffComparisonDurationMs`` (descending; ties keep input
    order); ``top`` ≤ 0 keeps all.  Empty when no warm row has a duration."""
    hot: list[tuple[float, Mapping[str, Any]]] = []
    for row in _rows_of(source):
        if text(field(row, "PassLabel")).lower() != WARM_PASS or not truthy(field(row, "Site")):
            continue
        duration = number_or_none(field(row, "DiffComparisonDurationMs"))
        if duration is not None and duration >= min_ms:
            hot.append((duration, row))
    hot.sort(key=lambda item: -item[0])
    selected = hot if top <= 0 else hot[:top]
    return [_hotspot(duration, row) for duration, row in selected]


def _hotspot(duration: float, row: Mapping[str, Any]) -> dict[str, Any]:
    row_sets = field(row, "LoadExistingRowSetCount")
    return {
        "Site": field(row, "Site"),
        "Hostname": field(row, "Hostname"),
        "DiffComparisonMs": round_half_even(duration, 3),
        "DiffDurationMs": round_half_even(number_or_none(field(row, "DiffDurationMs")), 3),
        "LoadExistingMs": round_half_even(number_or_none(field(row, "LoadExistingDurationMs")), 3),
        "RowSetCount": (
            dotnet_int(number_or_none(row_sets))
            if has_field(row, "LoadExistingRowSetCount")
            else None
        ),
        "Provider": field(row, "Provider"),
        "ProviderReason": field(row, "SiteCacheProviderReason"),
    }


def hotspot_site_totals(hotspots: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Per-site aggregates of hotspot rows, by total comparison time descending."""
    sites: dict[str, dict[str, Any]] = {}
    for spot in hotspots:
        name = text(spot["Site"])
        entry = sites.setdefault(
            name.lower(), {"Site": name, "HostCount": 0, "Total": 0.0, "TotalRowSetCount": 0}
        )
        entry["HostCount"] += 1
        entry["Total"] += spot["DiffComparisonMs"] or 0.0
        entry["TotalRowSetCount"] += spot["RowSetCount"] or 0
    totals = [
        {
            "Site": entry["Site"],
            "HostCount": entry["HostCount"],
            "TotalDiffComparisonMs": round_half_even(entry["Total"], 3),
            "TotalRowSetCount": entry["TotalRowSetCount"],
            "AvgDiffComparisonMs": round_half_even(entry["Total"] / entry["HostCount"], 3),
        }
        for entry in sorted(sites.values(), key=lambda entry: sort_key(entry["Site"]))
    ]
    totals.sort(key=lambda entry: -entry["TotalDiffComparisonMs"])
    return totals


def write_hotspots_csv(path: Path | str, hotspots: Sequence[Mapping[str, Any]]) -> Path:
    """The hotspot CSV in ``Export-Csv`` style."""
    return write_csv(path, hotspots, COLUMNS)
