"""Overrides that live exactly as long as one run.

:func:`restore_on_exit` is the generic guard: it snapshots files (their exact
bytes, or their absence) and environment variables, and restores them when the
block ends - normally, by an exception, by Ctrl-C (``KeyboardInterrupt``) or by
SIGTERM, which is turned into :class:`Terminated` inside the block.
:func:`run_scoped_overrides` uses it to apply concurrency overrides for one run.
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import FrameType

from statetrace.atomic import write_atomic
from statetrace.concurrency.resolve import validate_flags
from statetrace.concurrency.settings import with_table_values

_DEFERRED_SIGNALS = {signal.SIGINT, signal.SIGTERM}


class Terminated(BaseException):
    """SIGTERM arrived inside a guarded block (a ``BaseException``, like Ctrl-C)."""

    def __init__(self, signum: int) -> None:
        super().__init__(f"terminated by signal {signal.Signals(signum).name}")
        self.signum = signum


@dataclass
class RestoreReport:
    """What a guard put back when its block ended (filled in on exit)."""

    restored_files: list[Path] = field(default_factory=list)
    restored_env: list[str] = field(default_factory=list)

    @property
    def reset_applied(self) -> bool:
        """True when anything had changed and was restored."""
        return bool(self.restored_files or self.restored_env)


@contextmanager
def sigterm_as_exception() -> Iterator[None]:
    """Raise :class:`Terminated` on SIGTERM inside the block; restore the old handler.

    Signal handlers can only be set from the main thread; elsewhere, and when
    SIGTERM is deliberately ignored, this is a no-op.
    """
    ignored = signal.getsignal(signal.SIGTERM) == signal.SIG_IGN
    if ignored or threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: FrameType | None) -> None:
        raise Terminated(signum)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


@contextmanager
def restore_on_exit(
    files: Iterable[Path],
    env_keys: Iterable[str],
    environ: MutableMapping[str, str] | None = None,
) -> Iterator[RestoreReport]:
    """Restore ``files`` byte-for-byte and ``env_keys`` when the block ends.

    A file that did not exist is removed again; a variable that was unset is unset
    again.  SIGINT and SIGTERM are held back while restoring, so a second Ctrl-C
    cannot interrupt the restore; they are delivered right after it.
    """
    env = os.environ if environ is None else environ
    saved_files = {Path(path): _snapshot(Path(path)) for path in files}
    saved_env = {key: env.get(key) for key in env_keys}
    report = RestoreReport()
    with sigterm_as_exception():
        try:
            yield report
        finally:
            with _signals_deferred():
                report.restored_env = _restore_env(env, saved_env)
                report.restored_files = _restore_files(saved_files)


@dataclass(frozen=True)
class OverrideScope:
    """The overrides applied for one run and, after it, what was restored."""

    values: Mapping[str, int]
    settings_file: Path | None
    report: RestoreReport


@contextmanager
def run_scoped_overrides(
    overrides: Mapping[str, int], *, settings_file: Path | None = None
) -> Iterator[OverrideScope]:
    """Validate concurrency ``overrides`` for one run and, when ``settings_file`` is given
    (the run was asked to persist them), write them to its ``[concurrency]`` table and
    restore the file's bytes on exit, whatever ended the run.

    Nothing is exported to the environment: the run resolves its profile from the
    flags it is given (flag > env > settings file), and workers get their setup
    explicitly.
    """
    values = validate_flags(overrides)
    files = [settings_file] if settings_file is not None else []
    with restore_on_exit(files, []) as report:
        if settings_file is not None:
            _persist(settings_file, values)
        yield OverrideScope(values=values, settings_file=settings_file, report=report)


def _persist(path: Path, values: Mapping[str, int]) -> None:
    """Write ``values`` into the ``[concurrency]`` table of ``path``."""
    data, mode = _snapshot(path)
    try:
        text = (data or b"").decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"{path}: settings file is not UTF-8 ({error})") from error
    bom = "\ufeff" if text.startswith("\ufeff") else ""
    updated = with_table_values(text.removeprefix("\ufeff"), values)
    _write_bytes(path, (bom + updated).encode("utf-8"), mode)


def _snapshot(path: Path) -> tuple[bytes | None, int | None]:
    """Exact bytes and permission bits of ``path`` (``None, None`` if absent)."""
    try:
        return path.read_bytes(), path.stat().st_mode
    except FileNotFoundError:
        return None, None


def _write_bytes(path: Path, data: bytes, mode: int | None) -> None:
    """Replace ``path`` atomically with ``data``; a new file gets default permissions."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, data, mode)


def _restore_files(saved: Mapping[Path, tuple[bytes | None, int | None]]) -> list[Path]:
    """Put every file back; try them all before reporting the ones that failed."""
    restored, failures = [], []
    for path, (data, mode) in saved.items():
        try:
            if _snapshot(path) == (data, mode):
                continue
            if data is None:
                path.unlink()
            else:
                _write_bytes(path, data, mode)
        except OSError as error:
            failures.append(f"{path}: {error}")
        else:
            restored.append(path)
    if failures:
        raise OSError("could not restore " + "; ".join(failures))
    return restored


def _restore_env(env: MutableMapping[str, str], saved: Mapping[str, str | None]) -> list[str]:
    restored = []
    for key, value in saved.items():
        if env.get(key) == value:
            continue
        if value is None:
            del env[key]
        else:
            env[key] = value
        restored.append(key)
    return restored


@contextmanager
def _signals_deferred() -> Iterator[None]:
    """Block SIGINT/SIGTERM in the main thread for the block (POSIX only)."""
    if not hasattr(signal, "pthread_sigmask") or (
        threading.current_thread() is not threading.main_thread()
    ):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, _DEFERRED_SIGNALS)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)
