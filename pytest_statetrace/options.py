"""Command-line options and ini keys of the plugin, resolved into :class:`Settings`.

Imports nothing of :mod:`statetrace` at module level: a pytest run that does not
select the gates must not pay for the library.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

#: (name, metavar, help) of every valued option; each is also an ini key (``-`` → ``_``).
OPTIONS = (
    ("statetrace-scenario", "NAME", "run a cold + warm pass of this scenario (name or file)"),
    ("statetrace-telemetry", "PATH", "evaluate the gates on this WarmRunTelemetry or day file"),
    ("statetrace-gates", "PATH", "gate file or folder (default: <rootdir>/gates, else packaged)"),
    (
        "statetrace-logs",
        "PATH",
        "folder for runs, bundles and the register (default: <rootdir>/Logs)",
    ),
    (
        "statetrace-bundle",
        "NAME",
        "bundle published at the end; may use {date} {time} {commit} (default: a time)",
    ),
    ("statetrace-risk-register", "PATH", "risk register file (default: <logs>/RiskRegister.md)"),
    ("statetrace-keep-runs", "N", "keep the newest N folders of <logs>/WarmRuns (default: 5)"),
    (
        "statetrace-access-reference",
        "PATH",
        "Access databases (file or folder) of a PowerShell run over the same captures, for"
        " rows-written-vs-access (skipped without)",
    ),
    (
        "statetrace-benchmark-results",
        "PATH",
        "pytest-benchmark JSON of this run, for benchmark gates (skipped without)",
    ),
    (
        "statetrace-benchmark-baseline",
        "PATH",
        "saved pytest-benchmark JSON the results are compared with (benchmark gates)",
    ),
    (
        "statetrace-store",
        "URL",
        "run the cold + warm passes in a scratch database on this server (postgresql:// or"
        " odbc:; default: SQLite under <logs>/WarmRuns)",
    ),
)
OVERWRITE = "statetrace-bundle-overwrite"
PATH_OPTIONS = tuple(name for name, metavar, _ in OPTIONS if metavar == "PATH")
#: The mark a gate item carries; ``-m`` expressions selecting it switch the gates on.
GATE_MARK = "warm_regression"
#: The scenario ``pytest -m warm_regression`` runs when no scenario or telemetry is named.
DEFAULT_SCENARIO = "smoke"
#: Same as :data:`statetrace.warmrun.retention.DEFAULT_KEEP_RUNS` (not imported: lazy).
DEFAULT_KEEP_RUNS = 5


def add_options(parser: pytest.Parser) -> None:
    """Register the options and their ini keys."""
    group = parser.getgroup("statetrace", "StateTrace telemetry gates")
    for name, metavar, text in OPTIONS:
        group.addoption(f"--{name}", dest=_dest(name), metavar=metavar, help=text)
        parser.addini(_dest(name), text)
    text = "replace an existing bundle of the same name"
    group.addoption(f"--{OVERWRITE}", dest=_dest(OVERWRITE), action="store_true", help=text)
    parser.addini(_dest(OVERWRITE), text, type="bool", default=False)


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
    """What the session was asked to do (only built when the gates are on)."""

    scenario: str | None
    telemetry: Path | None
    gates: Path
    logs: Path
    bundle: str | None
    risk_register: Path
    overwrite: bool
    keep_runs: int
    access_reference: Path | None = None
    store: str | None = None
    benchmark_results: Path | None = None
    benchmark_baseline: Path | None = None


def settings_of(config: pytest.Config) -> Settings | None:
    """The session's settings, or None when the gates are off.

    Gates are on when a scenario or a telemetry file is given, or when the ``-m``
    expression selects gate items (then the ``smoke`` scenario runs).  Options win
    over ini keys; option paths are relative to the invocation folder, ini paths
    and the defaults to the rootdir, like pytest's own.
    """

    def value(name: str) -> tuple[str | None, Path]:
        given = config.getoption(_dest(name))
        if given:
            return str(given), config.invocation_params.dir
        return (str(config.getini(_dest(name))) or None), config.rootpath

    def path(name: str) -> Path | None:
        text, base = value(name)
        return (base / text).resolve() if text else None

    telemetry = path("statetrace-telemetry")
    scenario = value("statetrace-scenario")[0]
    if scenario is None and telemetry is None:
        if not selects_gates(config.getoption("markexpr", "") or ""):
            return None
        scenario = DEFAULT_SCENARIO
    logs = path("statetrace-logs") or config.rootpath / "Logs"
    return Settings(
        scenario=scenario,
        telemetry=telemetry,
        gates=path("statetrace-gates") or _default_gates(config),
        logs=logs,
        bundle=value("statetrace-bundle")[0],
        risk_register=path("statetrace-risk-register") or logs / "RiskRegister.md",
        overwrite=bool(config.getoption(_dest(OVERWRITE)) or config.getini(_dest(OVERWRITE))),
        keep_runs=_count(*value("statetrace-keep-runs")[:1]),
        access_reference=path("statetrace-access-reference"),
        store=value("statetrace-store")[0],
        benchmark_results=path("statetrace-benchmark-results"),
        benchmark_baseline=path("statetrace-benchmark-baseline"),
    )


def selects_gates(markexpr: str) -> bool:
    """Whether the ``-m`` expression selects a gate item, evaluated as pytest does
    (``not warm_regression`` does not; ``warm_regression or slow`` does)."""
    if not markexpr.strip():
        return False
    from _pytest.mark.expression import Expression

    try:
        expression = Expression.compile(markexpr)
    except Exception:  # ParseError (pytest 8) or SyntaxError (9): pytest reports it itself
        return False
    return expression.evaluate(_gate_marks)


def _gate_marks(name: str, /, **kwargs: str | int | bool | None) -> bool:
    """The marks of a gate item, as a mark-expression matcher."""
    return name in (GATE_MARK, "statetrace_gate")


def _count(text: str | None) -> int:
    if text is None:
        return DEFAULT_KEEP_RUNS
    if not text.isdigit():
        raise pytest.UsageError(f"--statetrace-keep-runs: expected a count >= 0, got {text!r}")
    return int(text)


def _default_gates(config: pytest.Config) -> Path:
    """``gates/`` of the invocation folder or rootdir when it holds gate files,
    else the packaged default set."""
    from statetrace.gates import default_gates_dir, gate_files

    for base in (config.invocation_params.dir, config.rootpath):
        local = base / "gates"
        if local.is_dir() and gate_files(local):
            return local
    return default_gates_dir()
