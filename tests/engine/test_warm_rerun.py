"""Re-running unchanged or slightly changed captures writes nothing or exactly the change."""

import os
from pathlib import Path

from statetrace.generate import generate_next_day, load_state
from statetrace.store.sqlite import list_sites, open_site_store, site_store_path


def _store_state(data: Path) -> dict[str, tuple[int, bytes]]:
    states = {}
    for site in list_sites(data):
        store = open_site_store(data, site, create=False)
        try:
            states[site] = (store.identity().generation, site_store_path(data, site).read_bytes())
        finally:
            store.close()
    return states


def test_unchanged_captures_are_skipped_without_any_write(corpus: Path, run, tmp_path: Path):
    first = run(corpus)
    before = _store_state(tmp_path / "Data")
    again = run(corpus)
    assert again.hosts_skipped == first.hosts_parsed and again.hosts_parsed == 0
    assert again.rows_written == 0 and again.existing_row_reads == 0
    assert [g for g, _ in _store_state(tmp_path / "Data").values()] == [
        g for g, _ in before.values()
    ]


def test_skips_are_reported(corpus: Path, run, tmp_path: Path, read_events):
    run(corpus)
    again = run(corpus)
    skipped = [
        e
        for e in read_events(tmp_path / "Logs", again.run_id)
        if e["EventName"] == "SkippedDuplicate"
    ]
    assert len(skipped) == again.hosts_skipped
    assert {e["Reason"] for e in skipped} == {"HashMatch"}


def test_reparsing_unchanged_hosts_writes_nothing(corpus: Path, run, tmp_path: Path):
    run(corpus)
    generations = [g for g, _ in _store_state(tmp_path / "Data").values()]
    again = run(corpus, use_history=False)
    assert again.hosts_parsed > 0 and again.rows_written == 0
    assert again.rows_unchanged == sum(len(h.ports) for h in load_state(corpus).hosts)
    assert [g for g, _ in _store_state(tmp_path / "Data").values()] == generations


def test_next_day_writes_exactly_the_churn(corpus: Path, run, tmp_path: Path, read_rows):
    run(corpus)
    next_day = tmp_path / "next-day"
    manifest = generate_next_day(corpus, next_day, churn=0.2, seed=5)
    assert manifest.changes and manifest.hosts_added
    state = load_state(next_day)
    added_ports = sum(len(h.ports) for h in state.hosts if h.hostname in manifest.hosts_added)
    summary = run(next_day)
    changed_rows = {(c.hostname, c.port) for c in manifest.changes}
    assert summary.rows_updated == len(changed_rows)
    assert summary.rows_inserted == added_ports
    assert summary.rows_deleted == 0
    history = read_rows(tmp_path / "Data", "interface_changes")
    updates = {(r["hostname"], r["port"]) for r in history if r["change"] == "update"}
    assert updates == changed_rows


def test_one_description_change_updates_one_row(corpus: Path, run, tmp_path: Path, read_rows):
    run(corpus)
    state = load_state(corpus)
    cisco = next(h for h in state.hosts if h.vendor == "cisco")
    capture = corpus / cisco.file
    text = capture.read_text()
    port = next(p for p in cisco.ports if p.name and p.name in text)
    capture.write_text(text.replace(f" description {port.name}\n", " description Moved desk 99\n"))
    summary = run(corpus)
    assert (summary.rows_updated, summary.rows_inserted, summary.rows_deleted) == (1, 0, 0)
    changes = [
        r for r in read_rows(tmp_path / "Data", "interface_changes") if r["change"] == "update"
    ]
    assert {(c["hostname"], c["port"]) for c in changes} == {(cisco.hostname, port.port)}
    by_field = {c["field"]: c for c in changes}
    assert set(by_field) == {"name", "config"}  # the stanza holds the description too
    assert (by_field["name"]["old_value"], by_field["name"]["new_value"]) == (
        port.name,
        "Moved desk 99",
    )


def test_a_removed_port_is_deleted_and_recorded(corpus: Path, run, tmp_path: Path, read_rows):
    run(corpus)
    state = load_state(corpus)
    arista = next(h for h in state.hosts if h.vendor == "arista")
    capture = corpus / arista.file
    last = arista.ports[-1].port
    lines = capture.read_text().splitlines(keepends=True)
    capture.write_text("".join(line for line in lines if not line.startswith(f"{last} ")))
    os.utime(capture)
    summary = run(corpus)
    assert summary.rows_deleted == 1
    deletes = [
        r for r in read_rows(tmp_path / "Data", "interface_changes") if r["change"] == "delete"
    ]
    assert [(d["hostname"], d["port"]) for d in deletes] == [(arista.hostname, last)]


def test_a_reparsed_unchanged_capture_is_skipped_next_time(corpus: Path, run):
    run(corpus)
    for path in corpus.rglob("*.log"):
        path.write_text(path.read_text().replace("\n", "\n\n", 1))  # new bytes, same content
    second = run(corpus)
    assert second.hosts_parsed > 0 and second.rows_written == 0
    third = run(corpus)
    assert third.hosts_parsed == 0 and third.hosts_skipped == second.hosts_parsed


def test_only_volatile_output_changed_needs_no_interface_parsing(
    corpus: Path, run, tmp_path, read_events
):
    from statetrace.generate import generate_next_day

    run(corpus)
    next_day = tmp_path / "next"
    generate_next_day(corpus, next_day, churn=0.0, seed=1)  # clock and uptime move on only
    state = load_state(next_day)
    summary = run(next_day)
    assert summary.rows_written == 0 and summary.hosts_parsed == len(state.hosts)
    durations = [
        e
        for e in read_events(tmp_path / "Logs", summary.run_id)
        if e["EventName"] == "ParseDuration"
    ]
    shortcut = {e["Hostname"] for e in durations if e["ContentUnchanged"]}
    assert shortcut == {h.hostname for h in state.hosts}  # uptime, MAC ages, timers only
    assert summary.hosts_content_unchanged == len(shortcut)


def test_a_changed_interface_block_is_parsed_in_full(corpus: Path, run, tmp_path):
    from statetrace.generate import generate_next_day

    run(corpus)
    next_day = tmp_path / "next"
    manifest = generate_next_day(corpus, next_day, churn=0.3, seed=2)
    summary = run(next_day)
    assert summary.rows_updated == len({(c.hostname, c.port) for c in manifest.changes})


def test_empty_history_parses_every_host_in_full(corpus: Path, run):
    run(corpus)
    again = run(corpus, use_history=False)
    assert again.hosts_parsed > 0 and again.hosts_content_unchanged == 0


def test_unchanged_files_are_not_read_again(corpus: Path, run):
    first = run(corpus)
    again = run(corpus)
    assert again.files_reused == again.files == first.files
    assert again.hosts_skipped == first.hosts_parsed
    touched = next(corpus.rglob("*.log"))
    touched.write_bytes(touched.read_bytes())  # same bytes, new ctime: indexed again
    third = run(corpus)
    assert third.files_reused == third.files - 1 and third.hosts_skipped == first.hosts_parsed
