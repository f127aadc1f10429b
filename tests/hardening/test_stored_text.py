"""Control characters never reach the store (and are counted); `schema docs` stays put."""

from __future__ import annotations

import json
import re
from pathlib import Path

from statetrace.cli import main
from statetrace.parsers import build_facts
from statetrace.telemetry.reader import iter_events

CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffd]")
STATUS = (
    "Port      Name               Status       Vlan       Duplex  Speed Type\n"
    "Gi1/0/1   desk\x00 12\x07          connected    10         a-full a-1000 10/100/1000BaseTX\n"
    "Gi1/0/2   printer\ufffd          notconnect   20           auto   auto 10/100/1000BaseTX\n"
)
VERSION = "Cisco IOS Software, Version 15.2(4)E7\ncisco WS-C2960X-48FPD-L (APM86XXX)\n"


def test_build_facts_strips_and_counts_control_characters():
    facts = build_facts(
        "cisco_ios", {"show version": VERSION, "show interfaces status": STATUS}, "SW-1"
    )
    texts = [facts.version, facts.model] + [
        v for r in facts.interfaces for v in r if isinstance(v, str)
    ]
    assert not any(CONTROL.search(text) for text in texts)
    assert [r.name for r in facts.interfaces][1] == "printer"
    assert [r.name for r in facts.interfaces][0] == "desk 12"
    assert facts.control_chars_removed == 3  # NUL, BEL, U+FFFD


def test_ingest_stores_no_control_characters_and_counts_them(tmp_path: Path, capsys):
    captures = tmp_path / "in"
    captures.mkdir()
    (captures / "sw.log").write_text(
        f"SW-1#show version\n{VERSION}SW-1#show interfaces status\n{STATUS}SW-1#\n",
        encoding="utf-8",
    )
    store = ["--data", str(tmp_path / "D"), "--logs", str(tmp_path / "L")]
    assert main(["ingest", str(captures), *store]) == 0
    capsys.readouterr()
    assert main(["show", "SW-1", *store, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 2
    assert not CONTROL.search(json.dumps(rows, ensure_ascii=False))
    events = [
        e for p in (tmp_path / "L" / "IngestionMetrics").glob("20*.json") for e in iter_events(p)
    ]
    parsed = [e for e in events if e["EventName"] == "ParseDuration"]
    assert len(parsed) == 1 and parsed[0]["ControlCharsRemoved"] > 0


def test_clean_hosts_report_zero():
    clean = CONTROL.sub("", STATUS)
    facts = build_facts("cisco_ios", {"show interfaces status": clean}, "SW-1")
    assert facts.control_chars_removed == 0 and len(facts.interfaces) == 2


def test_schema_docs_prints_instead_of_writing_into_the_current_folder(
    tmp_path: Path, monkeypatch, capsys
):
    monkeypatch.chdir(tmp_path)
    assert main(["schema", "docs"]) == 0
    assert capsys.readouterr().out.startswith("# ")
    assert list(tmp_path.iterdir()) == []
    assert main(["schema", "docs", "--out", "ref.md"]) == 0
    assert (tmp_path / "ref.md").read_text(encoding="utf-8").startswith("# ")
