"""Run ``statetrace`` with standard output and/or error on a pseudo-terminal."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

#: The terminal's width in the runs (rich and shutil read COLUMNS first).
COLUMNS = 80


@dataclass(frozen=True)
class Captured:
    """A finished run: exit code, and what each stream received."""

    code: int
    out: str
    err: str


def run_statetrace(
    args: list[str],
    cwd: Path,
    *,
    out_tty: bool = False,
    err_tty: bool = False,
    env: dict[str, str] | None = None,
) -> Captured:
    """``python -m statetrace ARGS`` with the asked streams on a pty, the others piped."""
    environ = {**os.environ, "COLUMNS": str(COLUMNS), "TERM": "xterm-256color", **(env or {})}
    for name in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE"):
        if name not in (env or {}):
            environ.pop(name, None)
    streams: dict[str, int] = {}
    ends: dict[str, int] = {}  # the pty's other end, or subprocess.PIPE
    for name, wanted in (("out", out_tty), ("err", err_tty)):
        if wanted:
            streams[name], ends[name] = pty.openpty()
        else:
            ends[name] = subprocess.PIPE
    process = subprocess.Popen(
        [sys.executable, "-m", "statetrace", *args],
        cwd=cwd,
        env=environ,
        stdin=subprocess.DEVNULL,
        stdout=ends["out"],
        stderr=ends["err"],
    )
    for name in streams:
        os.close(ends[name])
    pipes = {"out": process.stdout, "err": process.stderr}
    for name, pipe in pipes.items():
        if pipe is not None:
            streams[name] = pipe.fileno()
    received = {name: b"" for name in streams}
    open_fds = dict(streams)
    while open_fds:
        ready, _, _ = select.select(list(open_fds.values()), [], [], 120)
        if not ready:
            process.kill()
            raise TimeoutError(f"statetrace {args} wrote nothing for 120 s")
        for name, fd in list(open_fds.items()):
            if fd in ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:  # the pty's other end closed (Linux: EIO)
                    chunk = b""
                if chunk:
                    received[name] += chunk
                else:
                    del open_fds[name]
    code = process.wait(timeout=120)
    for name, fd in streams.items():
        if pipes[name] is None:
            os.close(fd)
    for pipe in pipes.values():
        if pipe is not None:
            pipe.close()
    text = {
        name: data.decode("utf-8", "replace").replace("\r\n", "\n")
        for name, data in received.items()
    }
    return Captured(code, text["out"], text["err"])
