"""Running a command and reading its JSON; what the corpus model says a store holds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from statetrace.cli import main
from statetrace.engine import IngestOptions, ingest
from statetrace.generate import CorpusState


def run_json(capsys: Any, *argv: str) -> tuple[int, Any]:
    """Exit code and parsed JSON stdout of ``statetrace argv``."""
    code = main(list(argv))
    out = capsys.readouterr().out
    return code, json.loads(out) if out.strip() else None


def ports_of(state: CorpusState, hostname: str) -> set[str]:
    """The ports (as shown) of one host of the model."""
    host = next(host for host in state.hosts if host.hostname == hostname)
    return {port.port for port in host.ports}


def ingest_day(url: str, folder: Path, logs: Path) -> None:
    """Ingest one day's captures into ``url`` in this process."""
    ingest(
        [folder], IngestOptions(store=url, data_dir=logs.parent / "Data", logs_dir=logs, workers=0)
    )
