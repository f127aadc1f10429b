"""The settings of one command, resolved once and passed explicitly.

The store is decided here; the ``STATETRACE_*`` environment is captured here too and
handed to the run, which resolves its concurrency profile and cache policy from it
(the profile needs the corpus shape, known only once captures are indexed).

Where the inventory lives: ``--store URL`` (or ``--data DIR`` for
``sqlite:///DIR``), else ``STATETRACE_STORE``, else ``[store] url`` in the
settings file, else ``sqlite:///Data``.  The settings file is
``<--data DIR or ./Data>/statetrace.toml``; it also holds the ``[concurrency]``
and ``[cache]`` tables.  Nothing here is written back to the environment or to
the settings file.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from statetrace.concurrency.settings import load_settings, settings_path
from statetrace.store.base import StoreConfigError
from statetrace.store.url import DEFAULT_URL, parse_store_url

ENV_PREFIX = "STATETRACE_"
STORE_ENV = f"{ENV_PREFIX}STORE"
DEFAULT_DATA_DIR = Path("Data")
DEFAULT_LOGS_DIR = Path("Logs")

StoreSource = Literal["flag", "env", "settings", "default"]


@dataclass(frozen=True, slots=True)
class Settings:
    """Where the inventory, the settings file and the workspace (``Logs/``) are."""

    store_url: str
    store_source: StoreSource
    #: Folder of the settings file (and of the SQLite stores when the store is SQLite).
    data_dir: Path
    logs_dir: Path
    #: The ``STATETRACE_*`` variables as they were when the settings were resolved: the
    #: run reads its concurrency and cache policy from these, never from ``os.environ``.
    environ: Mapping[str, str] = field(default_factory=dict)

    @property
    def store_display(self) -> str:
        """The store URL with credentials masked."""
        return parse_store_url(self.store_url).display


def resolve_settings(
    *,
    store: str | None = None,
    data: Path | None = None,
    logs: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Resolve flags, environment, settings file and defaults (in that order).

    Raises StoreConfigError for a malformed URL or settings value (exit 2).
    """
    env = os.environ if environ is None else environ
    data_dir = data if data is not None else DEFAULT_DATA_DIR
    url, source = _store_url(store, data, env, data_dir)
    parse_store_url(url)  # malformed URLs fail here, before any work
    own = {key: value for key, value in env.items() if key.startswith(ENV_PREFIX)}
    return Settings(url, source, data_dir, logs if logs is not None else DEFAULT_LOGS_DIR, own)


def _store_url(
    store: str | None, data: Path | None, env: Mapping[str, str], data_dir: Path
) -> tuple[str, StoreSource]:
    if store is not None and data is not None:
        raise StoreConfigError("--store and --data both name the store: give one")
    if store is not None:
        return store, "flag"
    if data is not None:
        return f"sqlite:///{data}", "flag"
    if env.get(STORE_ENV, "").strip():
        return env[STORE_ENV].strip(), "env"
    path = settings_path(data_dir)
    try:
        table = load_settings(path).get("store", {})
    except ValueError as error:
        raise StoreConfigError(str(error)) from None
    if not isinstance(table, Mapping):
        raise StoreConfigError(f"{path}: [store] must be a table")
    url = table.get("url")
    if url is None:
        return DEFAULT_URL, "default"
    if not isinstance(url, str):
        raise StoreConfigError(f"{path}: [store] url must be a string")
    return url, "settings"
