"""An imported store is one the engine ingests into: same sites, same port keys."""

from __future__ import annotations

import json
from pathlib import Path

from access_rows import database, interface_row, summary_row

from statetrace.access import import_databases
from statetrace.cli import main
from statetrace.store import open_store


def test_ingest_updates_the_imported_ports(tmp_path: Path, store_url: str) -> None:
    corpus = tmp_path / "corpus"
    assert main(["generate", "--out", str(corpus), "--sites", "1", "--hosts-per-site", "2",
                 "--ports", "4", "--vendors", "brocade"]) == 0  # fmt: skip
    hosts = [host["hostname"] for host in json.loads((corpus / "corpus.json").read_text())["hosts"]]
    summaries = [summary_row(host, make="Brocade") for host in hosts]
    ports = [interface_row(host, f"Et1/1/{n}", Name="old") for host in hosts for n in range(1, 5)]
    summary = import_databases([database(tmp_path / "WLLS.accdb", summaries, ports)], store_url)
    assert summary.ok and summary.totals()["rows_written"] == 8
    logs = str(tmp_path / "Logs")
    code = main(["ingest", str(corpus), "--store", store_url, "--logs", logs, "--json"])
    assert code == 0
    store = open_store(store_url)
    site = store.open_site("WLLS")
    assert site.problems() == [] and site.counts().interfaces == 8  # updated, not added
    rows = [row for host in hosts for row in site.interfaces(host)]
    assert {row.port_key for row in rows} == {f"Ethernet1/1/{n}" for n in range(1, 5)}
    assert "old" not in {row.name for row in rows}
    site.close()
    store.close()
