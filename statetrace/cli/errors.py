"""How a command ends: its exit code, and the one line it prints for an error.

Exit codes, the same in every command: 0 everything asked for was done; 1 the run
finished but something given could not be used (a file, a host, a gate), or an
unexpected error; 2 usage or configuration error, nothing done; 130 interrupted
(Ctrl-C or SIGTERM).  A closed output pipe ends the command quietly.
"""

from __future__ import annotations

import contextlib
import os
import sys

OK = 0
FAILED = 1
USAGE = 2
INTERRUPTED = 130

DEBUG_HINT = "run with --debug (or STATETRACE_DEBUG=1) for details"

#: Library errors that carry a message for the user, by module and class name (usage or
#: configuration: exit 2; failures: exit 1).  They are looked up only once raised: a
#: class whose module is not loaded cannot have been.
_KNOWN = (("statetrace.store.base", "StoreConfigError"),)
_FAILURES = (("statetrace.store.base", "StoreError"),)
_INTERRUPTS = (("statetrace.concurrency.overrides", "Terminated"),)


class UsageError(ValueError):
    """An option or argument that cannot be used (the message names it)."""


def exit_code_for(error: BaseException, label: str, *, debug: bool = False) -> int:
    """Print ``error`` as one line prefixed ``label`` (a traceback first if ``debug``)
    and return the command's exit code."""
    if isinstance(error, KeyboardInterrupt) or _is_one_of(error, _INTERRUPTS):
        _say("interrupted")
        return INTERRUPTED
    if isinstance(error, BrokenPipeError):
        _silence_stdout()
        return FAILED
    if debug:
        import traceback  # only now: it is not needed on the way to a normal exit

        traceback.print_exception(error, file=sys.stderr)
    if isinstance(error, OSError):
        _say(f"{label}: {describe_os_error(error)}")
        return USAGE
    if isinstance(error, ValueError) or _is_one_of(error, _KNOWN):
        _say(f"{label}: {error}")
        return USAGE
    if _is_one_of(error, _FAILURES):
        _say(f"{label}: {error}")
        return FAILED
    _say(f"{label}: unexpected error: {type(error).__name__}: {error}; {DEBUG_HINT}")
    return FAILED


def describe_os_error(error: OSError) -> str:
    """``<file>: <why>`` for an operating-system error (``<why>`` alone without a file)."""
    why = error.strerror or str(error)
    if error.filename is None:
        return why
    target = f" -> {error.filename2}" if error.filename2 is not None else ""
    return f"{error.filename}{target}: {why}"


def _is_one_of(error: BaseException, classes: tuple[tuple[str, str], ...]) -> bool:
    for module, name in classes:
        loaded = sys.modules.get(module)
        if loaded is not None and isinstance(error, getattr(loaded, name)):
            return True
    return False


def _say(line: str) -> None:
    with contextlib.suppress(OSError):  # stderr gone too: nothing left to tell
        print(line, file=sys.stderr, flush=True)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
