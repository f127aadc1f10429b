"""Warm-run diff hotspots (spec §2.3)."""

from __future__ import annotations

from pathlib import Path

import orjson

from statetrace.analyzers import diff_hotspots, hotspot_site_totals
from statetrace.analyzers.diff_hotspots import write_hotspots_csv
from statetrace.telemetry.reader import read_warm_run


def row(host: str, ms: object, **extra: object) -> dict[str, object]:
    values = {
        "PassLabel": "WarmPass",
        "Site": "A",
        "Hostname": host,
        "DiffComparisonDurationMs": ms,
        "DiffDurationMs": 1.23456,
        "LoadExistingDurationMs": None,
        "LoadExistingRowSetCount": 2.5,
        "Provider": "SharedCache",
        "SiteCacheProviderReason": 'Say "hi"',
    }
    return values | extra


ROWS = [
    row("h1", 5),
    row("h2", 7.00049),
    row("h3", 5, Site="B"),
    row("h4", None),
    row("h5", 100, PassLabel="ColdPass"),
    row("h6", 50, Site=""),
    row("h7", 5, LoadExistingRowSetCount=None),
]


def test_sorted_descending_ties_keep_input_order() -> None:
    assert [spot["Hostname"] for spot in diff_hotspots(ROWS)] == ["h2", "h1", "h3", "h7"]
    assert [spot["Hostname"] for spot in diff_hotspots(ROWS, top=2)] == ["h2", "h1"]
    assert [spot["Hostname"] for spot in diff_hotspots(ROWS, min_ms=6)] == ["h2"]
    assert len(diff_hotspots(ROWS, top=0)) == 4


def test_columns_rounding_and_row_set_count() -> None:
    spots = diff_hotspots(ROWS)
    assert spots[0] == {
        "Site": "A",
        "Hostname": "h2",
        "DiffComparisonMs": 7.0,
        "DiffDurationMs": 1.235,
        "LoadExistingMs": None,
        "RowSetCount": 2,
        "Provider": "SharedCache",
        "ProviderReason": 'Say "hi"',
    }
    assert spots[-1]["RowSetCount"] == 0
    absent = {key: value for key, value in row("h8", 1).items() if key != "LoadExistingRowSetCount"}
    assert diff_hotspots([absent])[0]["RowSetCount"] is None


def test_csv_is_powershell_export_csv(tmp_path: Path) -> None:
    path = write_hotspots_csv(tmp_path / "out" / "hot.csv", diff_hotspots(ROWS, top=2))
    assert path.read_bytes() == (
        b'"Site","Hostname","DiffComparisonMs","DiffDurationMs","LoadExistingMs",'
        b'"RowSetCount","Provider","ProviderReason"\r\n'
        b'"A","h2","7","1.235",,"2","SharedCache","Say ""hi"""\r\n'
        b'"A","h1","5","1.235",,"2","SharedCache","Say ""hi"""\r\n'
    )


def test_site_totals() -> None:
    totals = hotspot_site_totals(diff_hotspots(ROWS))
    assert totals == [
        {
            "Site": "A",
            "HostCount": 3,
            "TotalDiffComparisonMs": 17.0,
            "TotalRowSetCount": 4,
            "AvgDiffComparisonMs": 5.667,
        },
        {
            "Site": "B",
            "HostCount": 1,
            "TotalDiffComparisonMs": 5.0,
            "TotalRowSetCount": 2,
            "AvgDiffComparisonMs": 5.0,
        },
    ]


def test_no_durations_gives_no_rows() -> None:
    assert diff_hotspots([row("h1", None)]) == []


def test_reads_a_pretty_printed_export(tmp_path: Path) -> None:
    path = tmp_path / "WarmRunTelemetry-x.json"
    path.write_bytes(orjson.dumps(ROWS, option=orjson.OPT_INDENT_2))
    assert [spot["Hostname"] for spot in diff_hotspots(path)] == ["h2", "h1", "h3", "h7"]


def test_upstream_warm_run(upstream_metrics: Path) -> None:
    path = upstream_metrics / "WarmRunTelemetry-20251226-125927.json"
    warm = [r for r in read_warm_run(path) if r["PassLabel"] == "WarmPass"]
    spots = diff_hotspots(path)
    assert len(spots) == 20 and len(diff_hotspots(path, top=0)) == 37
    # All warm comparisons took 0 ms: the order is the file order (stable ties).
    assert [spot["Hostname"] for spot in spots] == [r["Hostname"] for r in warm[:20]]
    assert {spot["DiffComparisonMs"] for spot in spots} == {0.0}
    assert spots[0] == {
        "Site": "BOYO",
        "Hostname": "BOYO-A05-AS-12",
        "DiffComparisonMs": 0.0,
        "DiffDurationMs": 7.259,
        "LoadExistingMs": 0.019,
        "RowSetCount": 10,
        "Provider": "SharedCache",
        "ProviderReason": "SharedCacheMatch",
    }
    totals = {t["Site"]: t for t in hotspot_site_totals(diff_hotspots(path, top=0))}
    assert (totals["BOYO"]["HostCount"], totals["WLLS"]["HostCount"]) == (12, 25)
    assert (totals["BOYO"]["TotalRowSetCount"], totals["WLLS"]["TotalRowSetCount"]) == (120, 1200)
