"""The public entry points: generate a corpus, generate its next day."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import orjson

from statetrace.generate.build import build_corpus
from statetrace.generate.churn import PortChange, advance_day, apply_churn
from statetrace.generate.render import write_files
from statetrace.generate.state import DEFAULT_VENDORS, VENDORS, CorpusState, load_state, save_state

MANIFEST_FILE = "churn-manifest.json"


class GenerateError(ValueError):
    """Bad generator input (a usage error for the CLI)."""


@dataclass(frozen=True, slots=True)
class CorpusManifest:
    """What a generation wrote."""

    out: Path
    hosts: int
    ports: int
    files: int
    bytes: int

    def summary(self) -> str:
        """One line for the CLI."""
        return (
            f"generated {self.hosts} hosts, {self.ports} ports, {self.files} files, "
            f"{self.bytes} bytes in {self.out}"
        )


@dataclass(frozen=True, slots=True)
class ChurnManifest(CorpusManifest):
    """A next-day generation: the corpus figures plus exactly what changed."""

    changes: tuple[PortChange, ...] = ()
    hosts_added: tuple[str, ...] = ()
    hosts_removed: tuple[str, ...] = ()

    def summary(self) -> str:
        """One line for the CLI."""
        return (
            f"{CorpusManifest.summary(self)}; {len(self.changes)} ports changed, "
            f"{len(self.hosts_added)} hosts added, {len(self.hosts_removed)} removed"
        )


def generate_corpus(
    out: Path,
    *,
    sites: int = 3,
    hosts_per_site: int = 10,
    ports: int = 48,
    vendors: Sequence[str] = DEFAULT_VENDORS,
    seed: int = 0,
) -> CorpusManifest:
    """Write a deterministic synthetic capture corpus (and its ``corpus.json``) to ``out``."""
    _check_counts(sites=sites, hosts_per_site=hosts_per_site, ports=ports)
    unknown = sorted(set(vendors) - set(VENDORS))
    if unknown or not vendors:
        raise GenerateError(
            f"unknown vendor(s) {unknown or '(none given)'}; use {', '.join(VENDORS)}"
        )
    out = _prepare_out(out)
    state = build_corpus(
        sites=sites, hosts_per_site=hosts_per_site, ports=ports, vendors=tuple(vendors), seed=seed
    )
    return _write(state, out)


def generate_next_day(source: Path, out: Path, *, churn: float, seed: int = 0) -> ChurnManifest:
    """Load ``source/corpus.json``, advance a day with ``churn``, render into ``out``.

    Every host's clock and uptime move on a day, so every capture file's bytes
    change.  ``churn-manifest.json`` holds ``changes`` (one entry per changed port:
    ``hostname``, ``port`` as shown in the status table / interfaces brief,
    ``field`` ∈ ``status``/``vlan``/``name`` with the vendor's own wording, ``old``,
    ``new``), ``hosts_added``, ``hosts_removed``, ``changed_ports`` (=
    ``round(churn × source_ports)``, capped at the ports of the hosts that stay),
    ``day`` and the seeds.  A changed port may
    also change fields that follow from it (MACs, speed, auth session, config
    stanza); no other port changes at all.
    """
    if not 0.0 <= churn <= 1.0:
        raise GenerateError(f"--churn must be within [0, 1], got {churn}")
    try:
        state = load_state(Path(source))
    except ValueError as exc:
        raise GenerateError(str(exc)) from None
    out = _prepare_out(out)
    advance_day(state)
    result = apply_churn(state, churn, seed)
    written = _write(state, out)
    document = {
        "seed": seed,
        "source_seed": state.seed,
        "day": state.day,
        "churn": churn,
        "source_ports": result.source_ports,
        "changed_ports": len(result.changes),
        "changes": [asdict(change) for change in result.changes],
        "hosts_added": result.hosts_added,
        "hosts_removed": result.hosts_removed,
    }
    (out / MANIFEST_FILE).write_bytes(orjson.dumps(document, option=orjson.OPT_INDENT_2) + b"\n")
    return ChurnManifest(
        out=written.out,
        hosts=written.hosts,
        ports=written.ports,
        files=written.files,
        bytes=written.bytes,
        changes=tuple(result.changes),
        hosts_added=tuple(result.hosts_added),
        hosts_removed=tuple(result.hosts_removed),
    )


def _write(state: CorpusState, out: Path) -> CorpusManifest:
    files, total = write_files(state, out)
    save_state(state, out)
    return CorpusManifest(
        out=out, hosts=len(state.hosts), ports=state.total_ports(), files=files, bytes=total
    )


def _check_counts(**counts: int) -> None:
    for name, value in counts.items():
        if value < 1:
            raise GenerateError(f"--{name.replace('_', '-')} must be at least 1, got {value}")


def _prepare_out(out: Path) -> Path:
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise GenerateError(f"{out}: exists and is not an empty folder")
    out.mkdir(parents=True, exist_ok=True)
    return out
