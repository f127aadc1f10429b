"""``statetrace analyze …`` and ``statetrace schema …`` end to end (in process)."""

from __future__ import annotations

from pathlib import Path

import orjson
import pytest

from statetrace.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_shared_cache_table_and_json(engine_log: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "analyze", "shared-cache", str(engine_log), "--site-breakdown")
    assert code == 0 and "SnapshotImported" in out and "Top sites of" in out
    code, out, _ = run(
        capsys,
        "analyze",
        "shared-cache",
        str(engine_log),
        "--json",
        "--start",
        "2026-01-02T17:00:03",
    )
    (summary,) = orjson.loads(out)
    assert summary["GetHit"] == 1 and summary["StartTimeUtc"] == "2026-01-02T17:00:03Z"


def test_bad_time_is_a_usage_error(engine_log: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["analyze", "shared-cache", str(engine_log), "--start", "noon"])
    assert exit_info.value.code == 2


def test_provider_reasons_with_hosts(engine_log: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(
        capsys, "analyze", "provider-reasons", str(engine_log), "--host-breakdown", "--json"
    )
    data = orjson.loads(out)
    assert code == 0 and [row["Site"] for row in data["Sites"]] == ["ALPHA", "BRAVO"]
    assert data["Hosts"][0]["AvgFetchMs"] == 6.0


def test_rollup_writes_csv_manifest_and_fails_on_warnings(
    engine_log: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b"nope\n")
    output = tmp_path / "out.csv"
    code, out, err = run(
        capsys,
        "analyze",
        "rollup",
        str(engine_log),
        str(bad),
        "--output",
        str(output),
        "--hash-manifest",
        "--fail-on-warnings",
    )
    assert code == 1 and "1 warning" in err and f"{bad}:1" in err
    assert output.exists() and (tmp_path / "out.hashes.json").exists()
    assert "ParseDurationSeconds" in out


def test_diff_hotspots_and_warm_comparison(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = [
        {"PassLabel": "ColdPass", "Site": "S", "Hostname": "h", "InterfaceCallDurationMs": 10.0},
        {
            "PassLabel": "WarmPass",
            "Site": "S",
            "Hostname": "h",
            "InterfaceCallDurationMs": 4.0,
            "Provider": "Cache",
            "DiffComparisonDurationMs": 1.5,
        },
    ]
    warm_run = tmp_path / "WarmRunTelemetry-1.json"
    warm_run.write_bytes(orjson.dumps(rows, option=orjson.OPT_INDENT_2))
    csv_path = tmp_path / "hot.csv"
    code, out, _ = run(capsys, "analyze", "diff-hotspots", str(warm_run), "--output", str(csv_path))
    assert code == 0 and "Per site" in out
    assert csv_path.read_text().splitlines()[1].startswith('"S","h","1.5"')
    code, out, _ = run(capsys, "analyze", "warm-comparison", str(warm_run), "--json")
    assert code == 0 and orjson.loads(out)["ImprovementPercent"] == 60.0


def test_wrong_kind_for_warm_comparison_exits_2(
    engine_log: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "analyze", "warm-comparison", str(engine_log))
    assert code == 2 and "not a WarmRunTelemetry export" in err


def test_integrity_exit_codes(
    engine_log: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "analyze", "integrity", str(engine_log), "--require-interface-sync")[0] == 0
    broken = tmp_path / "broken.json"
    broken.write_bytes(b"{\n")
    code, out, _ = run(capsys, "analyze", "integrity", str(broken), "--json")
    assert code == 1 and orjson.loads(out)["ErrorCount"] == 1


def test_schema_export_and_validate(
    engine_log: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "schema", "export", "--out", str(tmp_path / "schemas"))
    assert code == 0 and (tmp_path / "schemas" / "ParseDuration.schema.json").exists()
    code, out, _ = run(
        capsys, "schema", "validate", str(engine_log), "--schemas", str(tmp_path / "schemas")
    )
    assert code == 0 and "0 problem(s)" in out
    bad = tmp_path / "bad.json"
    bad.write_bytes(b'{"EventName":"ParseDuration"}\n')
    assert run(capsys, "schema", "validate", str(bad))[0] == 1


def test_rollup_without_rows_writes_no_csv(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(b' {""EventName"":""X""} \r\n')
    output = tmp_path / "out.csv"
    code, _, err = run(capsys, "analyze", "rollup", str(bad), "--output", str(output))
    assert code == 0 and not output.exists()
    assert "no summary rows" in err and f"{bad}:1: malformed" in err
