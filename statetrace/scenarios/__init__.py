"""Named scenarios: corpus parameters, churn, history seed, expectations.

The built-in ones are the repository's ``scenarios/*.toml`` (this package's ``data``
folder links to them; the wheel carries them as package data); a
``scenarios/NAME.toml`` in the current folder takes precedence.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from statetrace.generate import CorpusManifest, generate_corpus

#: The built-in scenarios: package data, in a checkout and in an installed wheel alike.
BUILTIN_DIR = Path(__file__).parent / "data"
HISTORY_SEEDS = ("empty", "cold-output")


class ScenarioError(ValueError):
    """A scenario cannot be found or is malformed."""


@dataclass(frozen=True)
class Scenario:
    """Everything a warm run needs to build and check its corpus."""

    name: str
    description: str
    sites: int
    hosts_per_site: int
    ports: int
    vendors: tuple[str, ...]
    seed: int
    churn: float
    next_day_seed: int
    history_seed: str
    expected_hosts: dict[str, int] = field(default_factory=dict)
    path: Path | None = None

    @property
    def hosts(self) -> int:
        """Hosts in the day-0 corpus."""
        return self.sites * self.hosts_per_site

    def generate(self, out: Path) -> CorpusManifest:
        """Write the scenario's day-0 corpus to ``out``."""
        return generate_corpus(
            out,
            sites=self.sites,
            hosts_per_site=self.hosts_per_site,
            ports=self.ports,
            vendors=self.vendors,
            seed=self.seed,
        )


def scenario_path(name_or_path: str | Path) -> Path:
    """Resolve a scenario name (``smoke``) or a path to a TOML file."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml" or candidate.exists():
        if not candidate.is_file():
            raise ScenarioError(f"scenario file not found: {candidate}")
        return candidate
    for folder in (Path.cwd() / "scenarios", BUILTIN_DIR):
        path = folder / f"{name_or_path}.toml"
        if path.is_file():
            return path
    known = ", ".join(sorted(p.stem for p in BUILTIN_DIR.glob("*.toml")))
    raise ScenarioError(f"unknown scenario {str(name_or_path)!r} (known: {known})")


def load_scenario(name_or_path: str | Path) -> Scenario:
    """Load and validate a scenario file."""
    path = scenario_path(name_or_path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        corpus, next_day = data["corpus"], data.get("next_day", {})
        history_seed = data.get("warm", {}).get("history_seed", "empty")
        if history_seed not in HISTORY_SEEDS:
            raise ScenarioError(f"{path}: warm.history_seed must be one of {HISTORY_SEEDS}")
        return Scenario(
            name=str(data.get("name", path.stem)),
            description=str(data.get("description", "")),
            sites=int(corpus["sites"]),
            hosts_per_site=int(corpus["hosts_per_site"]),
            ports=int(corpus["ports"]),
            vendors=tuple(corpus.get("vendors", ("cisco", "arista", "brocade"))),
            seed=int(corpus.get("seed", 0)),
            churn=float(next_day.get("churn", 0.0)),
            next_day_seed=int(next_day.get("seed", 1)),
            history_seed=history_seed,
            expected_hosts={
                str(k): int(v) for k, v in data.get("expect", {}).get("hosts_per_site", {}).items()
            },
            path=path,
        )
    except tomllib.TOMLDecodeError as error:
        raise ScenarioError(f"{path}: not valid TOML: {error}") from None
    except KeyError as error:
        raise ScenarioError(f"{path}: missing key {error}") from None
    except (TypeError, ValueError) as error:
        if isinstance(error, ScenarioError):
            raise
        raise ScenarioError(f"{path}: {error}") from None
