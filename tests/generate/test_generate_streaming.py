"""The corpus is written host by host (warm-run memory), in the same bytes as one
document: ``corpus.json`` and the capture files are unchanged by streaming."""

from __future__ import annotations

from pathlib import Path

import orjson

from statetrace.generate import generate_corpus, load_state
from statetrace.generate.render import render_host


def test_streamed_corpus_json_equals_the_whole_document(tmp_path: Path) -> None:
    generate_corpus(tmp_path / "c", sites=2, hosts_per_site=3, ports=4, seed=5)
    state = load_state(tmp_path / "c")
    document = {
        "format_version": state.format_version,
        "seed": state.seed,
        "day": state.day,
        "planted_secrets": state.planted_secrets,
        "sites": state.sites,
        "hosts": state.hosts,
    }
    assert (tmp_path / "c/corpus.json").read_bytes() == orjson.dumps(document) + b"\n"


def test_capture_files_hold_their_hosts_in_state_order(tmp_path: Path) -> None:
    manifest = generate_corpus(tmp_path / "c", sites=2, hosts_per_site=3, ports=4, seed=5)
    state = load_state(tmp_path / "c")
    sites = {site.code: site for site in state.sites}
    expected: dict[str, str] = {}
    for host in state.hosts:
        expected[host.file] = expected.get(host.file, "") + render_host(host, sites[host.site])
    for relative, text in expected.items():
        assert (tmp_path / "c" / relative).read_text(encoding="utf-8") == text
    assert (manifest.files, manifest.bytes) == (
        len(expected),
        sum(len(text.encode()) for text in expected.values()),
    )
