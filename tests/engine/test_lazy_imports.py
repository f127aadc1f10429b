"""An unchanged re-ingest imports no parser, platform descriptor or splitter.

The CLI runs in a new process (as a user starts it), so what it imports is what
start-up pays; the parse path is imported only when something needs parsing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

_PROBE = """
import contextlib, io, json, sys
from statetrace.cli import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    code = main(sys.argv[1:])
print(json.dumps({"code": code, "summary": json.loads(out.getvalue()),
                  "modules": sorted(sys.modules)}))
"""
_PARSE_PATH = (
    "statetrace.parsers",
    "statetrace.platforms",
    "statetrace.capture.split",
    "statetrace.capture.blocks",
    "statetrace.engine.worker",
    "concurrent.futures.process",
    "jsonschema",
)


def _ingest_in_new_process(corpus: Path, data: Path) -> dict:
    args = ["ingest", str(corpus), "--data", str(data), "--logs", str(data / "Logs"), "--json"]
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def _parse_path(modules: list[str]) -> list[str]:
    return [name for name in modules if name.startswith(_PARSE_PATH)]


def test_unchanged_run_imports_nothing_of_the_parse_path(corpus: Path, tmp_path: Path):
    first = _ingest_in_new_process(corpus, tmp_path / "Data")
    assert first["code"] == 0 and first["summary"]["HostsParsed"] > 0
    assert _parse_path(first["modules"])  # the probe sees the parse path when it is used
    again = _ingest_in_new_process(corpus, tmp_path / "Data")
    assert again["code"] == 0 and again["summary"]["HostsSkipped"] == first["summary"]["HostsSeen"]
    assert _parse_path(again["modules"]) == []
