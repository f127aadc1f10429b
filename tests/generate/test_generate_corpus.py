"""Determinism, counts and layout of generated corpora."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from generate_helpers import SMALL, capture_files, read_corpus

from statetrace.generate import CORPUS_FILE, GenerateError, generate_corpus

HOSTNAME = re.compile(r"^[A-Z0-9]{4}-A\d\d-AS-\d\d$")


def _all_bytes(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_same_seed_gives_identical_bytes(corpus, tmp_path: Path) -> None:
    again = generate_corpus(tmp_path / "again", **SMALL)
    assert _all_bytes(again.out) == _all_bytes(corpus.out)


def test_different_seed_gives_different_captures(corpus, tmp_path: Path) -> None:
    other = generate_corpus(tmp_path / "other", **{**SMALL, "seed": SMALL["seed"] + 1})
    ours, theirs = capture_files(corpus.out), capture_files(other.out)
    assert ours.keys() == theirs.keys()
    assert all(ours[name] != theirs[name] for name in ours)


def test_counts_and_manifest_match_disk(corpus) -> None:
    state, blocks = read_corpus(corpus.out)
    files = capture_files(corpus.out)
    assert (
        corpus.hosts == len(state.hosts) == len(blocks) == SMALL["sites"] * SMALL["hosts_per_site"]
    )
    assert corpus.ports == sum(len(h.ports) for h in state.hosts) == corpus.hosts * SMALL["ports"]
    assert all(len(h.ports) == SMALL["ports"] for h in state.hosts)
    assert corpus.files == len(files)
    assert corpus.bytes == sum(len(data) for data in files.values())
    assert {h.vendor for h in state.hosts} == {"cisco", "arista", "brocade"}
    assert [s.code for s in state.sites] == ["WLLS", "BOYO"]
    assert all(HOSTNAME.match(h.hostname) and h.hostname.startswith(h.site) for h in state.hosts)


def test_layout_one_file_per_host_plus_a_multi_host_file_per_site(corpus) -> None:
    state, _ = read_corpus(corpus.out)
    by_file: dict[str, list[str]] = {}
    for host in state.hosts:
        by_file.setdefault(host.file, []).append(host.hostname)
    shared = {path: hosts for path, hosts in by_file.items() if len(hosts) > 1}
    assert len(shared) == SMALL["sites"] and all(len(hosts) == 3 for hosts in shared.values())
    for path, hosts in by_file.items():
        text = (corpus.out / path).read_text(encoding="utf-8")
        assert [h for h in hosts if f"{h}#show version" in text] == hosts
        if len(hosts) == 1:
            assert path == f"{hosts[0][:4]}/{hosts[0]}.log"


def test_corpus_json_lists_planted_secrets(corpus) -> None:
    state, _ = read_corpus(corpus.out)
    assert (corpus.out / CORPUS_FILE).is_file()
    assert len(state.planted_secrets) == 6 * SMALL["sites"]
    text = "".join(data.decode() for data in capture_files(corpus.out).values())
    assert all(secret in text for secret in state.planted_secrets)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"vendors": ("cisco", "juniper")}, "unknown vendor"),
        ({"vendors": ()}, "unknown vendor"),
        ({"ports": 0}, "--ports must be at least 1"),
        ({"sites": 0}, "--sites must be at least 1"),
    ],
)
def test_bad_options_are_refused(empty_dir: Path, options: dict, message: str) -> None:
    with pytest.raises(GenerateError, match=message):
        generate_corpus(empty_dir, **options)
    assert not empty_dir.exists()


def test_non_empty_output_folder_is_refused(corpus) -> None:
    with pytest.raises(GenerateError, match="not an empty folder"):
        generate_corpus(corpus.out)


def test_single_vendor_and_tiny_hosts(empty_dir: Path) -> None:
    manifest = generate_corpus(empty_dir, sites=1, hosts_per_site=1, ports=1, vendors=["arista"])
    state, blocks = read_corpus(empty_dir)
    assert (manifest.hosts, manifest.ports, manifest.files) == (1, 1, 1)
    assert state.hosts[0].vendor == "arista" and "show running-config" in blocks["WLLS-A01-AS-01"]
