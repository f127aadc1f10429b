"""The SkipSiteCacheUpdate policy.

When the policy is on, a run does not publish committed hosts to the site cache
and the shared snapshot (the PowerShell ``SkipSiteCacheUpdate`` mode): sites it
wrote are left out of the next snapshot, so the following run reads them from the
store.  It is set by ``STATETRACE_SKIP_SITECACHE_UPDATE`` (``1``/``true``/``0``/
``false``), else by ``skip_site_cache_update`` in the ``[cache]`` table of
``<data dir>/statetrace.toml``; it is off by default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from statetrace.concurrency.settings import load_settings, settings_path

ENV_NAME = "STATETRACE_SKIP_SITECACHE_UPDATE"
SECTION = "cache"
KEY = "skip_site_cache_update"
_WORDS = {"1": True, "true": True, "yes": True, "on": True,
          "0": False, "false": False, "no": False, "off": False}  # fmt: skip


def skip_site_cache_update(data_dir: Path, environ: Mapping[str, str] | None = None) -> bool:
    """Whether the policy is on for runs on ``data_dir`` (environment first, then settings)."""
    env = os.environ if environ is None else environ
    raw = env.get(ENV_NAME, "").strip().lower()
    if raw:
        if raw not in _WORDS:
            raise ValueError(f"environment {ENV_NAME}: expected 1/true/0/false, got {raw!r}")
        return _WORDS[raw]
    path = settings_path(data_dir)
    value = _setting(path)
    value = False if value is None else value
    if not isinstance(value, bool):
        raise ValueError(f"{path}: [{SECTION}] {KEY} must be true or false, got {value!r}")
    return value


def _setting(path: Path) -> object:
    """``[cache] skip_site_cache_update`` of the settings file at ``path``, if set."""
    section = load_settings(path).get(SECTION)
    return section.get(KEY) if isinstance(section, dict) else None
