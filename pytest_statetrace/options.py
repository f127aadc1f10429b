"""Command-line options and ini keys of the plugin, resolved into :class:`Settings`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from statetrace.gates import default_gates_dir, gate_files

#: (name, help) of every option; each is also an ini key (``-`` → ``_``).
OPTIONS = (
    ("statetrace-scenario", "run a cold + warm pass of this scenario and evaluate the gates"),
    (
        "statetrace-telemetry",
        "evaluate the gates on this WarmRunTelemetry/day file instead (write --opt=FILE)",
    ),
    ("statetrace-gates", "gate file or folder (default: <rootdir>/gates, else the packaged set)"),
    ("statetrace-logs", "logs folder for runs, bundles and the register (default: ./Logs)"),
    ("statetrace-bundle", "name of the telemetry bundle published at the end (default: a time)"),
    ("statetrace-risk-register", "risk register file (default: <logs>/RiskRegister.md)"),
    (
        "statetrace-access-reference",
        "Access databases (file or folder) of a PowerShell run over the same captures, for"
        " rows-written-vs-access (skipped without)",
    ),
)
OVERWRITE = "statetrace-bundle-overwrite"


def add_options(parser: pytest.Parser) -> None:
    """Register the options and their ini keys."""
    group = parser.getgroup("statetrace", "StateTrace telemetry gates")
    for name, text in OPTIONS:
        group.addoption(f"--{name}", dest=_dest(name), metavar="VALUE", help=text)
        parser.addini(_dest(name), text)
    group.addoption(
        f"--{OVERWRITE}",
        dest=_dest(OVERWRITE),
        action="store_true",
        help="replace an existing bundle of the same name",
    )


PATH_OPTIONS = (
    "statetrace-telemetry",
    "statetrace-gates",
    "statetrace-logs",
    "statetrace-risk-register",
    "statetrace-access-reference",
)


def check_rootdir(config: pytest.Config) -> None:
    """Refuse ``--statetrace-x PATH`` (with a space) for a PATH outside the invocation
    folder: pytest takes PATH for a test path while it chooses the rootdir and ini
    file (before plugins are loaded), so both would move."""
    args = [str(arg) for arg in config.invocation_params.args]
    invoked = config.invocation_params.dir
    for name in PATH_OPTIONS:
        option = f"--{name}"
        if option not in args[:-1]:
            continue
        text = args[args.index(option) + 1]
        if invoked not in (invoked / text).resolve().parents:
            raise pytest.UsageError(
                f"pytest chose the rootdir {config.rootpath} with the value of {option} "
                f"as a test path; write {option}={text} instead"
            )


def _dest(name: str) -> str:
    return name.replace("-", "_")


@dataclass(frozen=True)
class Settings:
    """What the session was asked to do."""

    scenario: str | None
    telemetry: Path | None
    gates: Path
    logs: Path
    bundle: str | None
    risk_register: Path
    overwrite: bool
    access_reference: Path | None = None

    @property
    def enabled(self) -> bool:
        """Gates are collected only when a scenario or a telemetry file is given
        (``-m warm_regression`` alone means the ``smoke`` scenario)."""
        return bool(self.scenario or self.telemetry)


def settings_of(config: pytest.Config) -> Settings:
    """Options win over ini keys; option paths are relative to the invocation
    folder, ini paths to the rootdir.  The logs folder defaults to ``./Logs`` of
    the invocation folder (never next to a telemetry file given as an option)."""

    def value(name: str) -> tuple[str | None, Path]:
        given = config.getoption(_dest(name))
        if given:
            return str(given), config.invocation_params.dir
        return (str(config.getini(_dest(name))) or None), config.rootpath

    def path(name: str) -> Path | None:
        text, base = value(name)
        return (base / text).resolve() if text else None

    logs = path("statetrace-logs") or config.invocation_params.dir / "Logs"
    telemetry = path("statetrace-telemetry")
    scenario = value("statetrace-scenario")[0]
    if scenario is None and telemetry is None and _selects_gates(config):
        scenario = DEFAULT_SCENARIO
    return Settings(
        scenario=scenario,
        telemetry=telemetry,
        gates=path("statetrace-gates") or _default_gates(config),
        logs=logs,
        bundle=value("statetrace-bundle")[0],
        risk_register=path("statetrace-risk-register") or logs / "RiskRegister.md",
        overwrite=bool(config.getoption(_dest(OVERWRITE))),
        access_reference=path("statetrace-access-reference"),
    )


#: The scenario ``pytest -m warm_regression`` runs when no scenario or telemetry is named.
DEFAULT_SCENARIO = "smoke"


def _selects_gates(config: pytest.Config) -> bool:
    """True when the mark expression asks for the gates (``-m warm_regression``)."""
    return "warm_regression" in (config.getoption("markexpr", "") or "")


def _default_gates(config: pytest.Config) -> Path:
    """``gates/`` of the invocation folder or rootdir when it holds gate files,
    else the packaged default set."""
    for base in (config.invocation_params.dir, config.rootpath):
        local = base / "gates"
        if local.is_dir() and gate_files(local):
            return local
    return default_gates_dir()
