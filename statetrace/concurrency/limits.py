"""How many parse worker processes this machine can hold: its CPUs and free memory.

Parsing is CPU-bound, so workers beyond the CPUs this process may use only add
start-up cost and memory; each worker also holds the interpreter, the parsers and
the imported snapshot (a peak RSS of 40 MB measured on a 510-host corpus with
the probe now in ``benchmarks/test_scale.py``; the snapshot grows with the inventory), so
the available memory caps them at :data:`WORKER_MEMORY_BYTES` each.  Memory is read from
``/proc/meminfo`` (``MemAvailable``), else ``os.sysconf``.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Memory set aside per parse worker process (5x the peak measured on 510 hosts).
WORKER_MEMORY_BYTES = 200 * 2**20
_MEMINFO = Path("/proc/meminfo")


def memory_bytes(field: str = "MemAvailable") -> int | None:
    """``MemAvailable`` (or ``MemTotal``) in bytes, ``None`` where the OS does not say."""
    try:
        for line in _MEMINFO.read_text(encoding="ascii").splitlines():
            name, _, value = line.partition(":")
            if name == field:
                return int(value.split()[0]) * 1024  # the kernel reports kB
    except (OSError, ValueError, IndexError):
        pass
    pages = "SC_AVPHYS_PAGES" if field == "MemAvailable" else "SC_PHYS_PAGES"
    try:
        return os.sysconf(pages) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, AttributeError):
        return None


def worker_cap(cpus: int, available: int | None) -> tuple[int, str]:
    """The most worker processes to start, and what limits them (for the warning)."""
    if available is not None and available // WORKER_MEMORY_BYTES < cpus:
        reason = (
            f"{available // 2**20} MiB available, {WORKER_MEMORY_BYTES // 2**20} MiB per worker"
        )
        return max(1, available // WORKER_MEMORY_BYTES), reason
    return max(1, cpus), f"{cpus} CPU(s)"
