"""Helpers for the generator tests: split rendered captures back into sessions and blocks."""

from __future__ import annotations

import re
from pathlib import Path

from statetrace.capture import (
    carve_blocks,
    detect_vendor,
    discover_captures,
    index_file,
    read_slice,
)
from statetrace.generate import CORPUS_FILE, CorpusState, load_state
from statetrace.model import DeviceFacts
from statetrace.parsers.facts import build_facts

#: The small corpus every test shares, and the churn of its next day.
SMALL = {"sites": 2, "hosts_per_site": 7, "ports": 12, "seed": 7}
CHURN = 0.1
PROMPT = re.compile(r"^(?:SSH@|[a-z]+@)?([A-Z0-9-]+)(?:#|> ) ?(.*)$")


def sessions(text: str) -> list[tuple[str, dict[str, str]]]:
    """(hostname, command → output) for every session in a capture, in file order."""
    found: list[tuple[str, dict[str, str]]] = []
    command = ""
    for line in text.splitlines(keepends=True):
        match = PROMPT.match(line.rstrip("\n"))
        if match:
            hostname, command = match.groups()
            if not found or found[-1][0] != hostname or command in found[-1][1]:
                found.append((hostname, {}))
            found[-1][1][command] = ""
        else:
            found[-1][1][command] += line
    return found


def read_corpus(folder: Path) -> tuple[CorpusState, dict[str, dict[str, str]]]:
    """The corpus state and every host's blocks (hostname → command → output)."""
    blocks: dict[str, dict[str, str]] = {}
    for path in sorted(folder.rglob("*.log")):
        for hostname, commands in sessions(path.read_text(encoding="utf-8")):
            assert hostname not in blocks, f"{hostname} rendered twice"
            blocks[hostname] = commands
    return load_state(folder), blocks


def capture_files(folder: Path) -> dict[str, bytes]:
    """Relative path → bytes of every capture file (``corpus.json`` excluded)."""
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != CORPUS_FILE and path.suffix == ".log"
    }


def expand_members(members: str) -> set[str]:
    """``ethe 1/1/1 to 1/1/3 ethe 1/2/1`` → the set of ports."""
    ports: set[str] = set()
    for first, last in re.findall(r"ethe (\S+)(?: to (\S+))?", members):
        module, start = first.rsplit("/", 1)
        end = int(last.rsplit("/", 1)[1]) if last else int(start)
        ports.update(f"{module}/{n}" for n in range(int(start), end + 1))
    return ports


def parsed_facts(folder: Path) -> dict[str, DeviceFacts]:
    """Every host's facts as the project's reader, detector and parsers see them."""
    found = {}
    for path in discover_captures([folder]):
        for piece in index_file(path).slices:
            capture = read_slice(piece)
            blocks = carve_blocks(capture.text, capture.first_line)
            platform = detect_vendor(capture.text, blocks).platform
            texts = {command: block.text for command, block in blocks.items()}
            found[piece.host] = build_facts(platform or "", texts, piece.host)
    return found
