"""Where each site's SQLite store lives: ``<data_dir>/<SITE>/<SITE>.sqlite``."""

from __future__ import annotations

import re
from pathlib import Path

_SITE_NAME = re.compile(r"[A-Z0-9_]+")
SUFFIX = ".sqlite"


def check_site_name(site: str) -> str:
    """Return ``site`` if it is safe as a folder and file name, else raise ValueError."""
    if not _SITE_NAME.fullmatch(site):
        raise ValueError(f"invalid site name {site!r}: expected upper-case letters, digits or _")
    return site


def site_store_path(data_dir: Path, site: str) -> Path:
    """The database file of ``site`` under ``data_dir``."""
    check_site_name(site)
    return Path(data_dir) / site / f"{site}{SUFFIX}"


def list_sites(data_dir: Path) -> list[str]:
    """Sites that have a store under ``data_dir``, sorted; a missing folder has none."""
    root = Path(data_dir)
    if not root.is_dir():
        return []
    return sorted(
        entry.name
        for entry in root.iterdir()
        if _SITE_NAME.fullmatch(entry.name) and (entry / f"{entry.name}{SUFFIX}").is_file()
    )
