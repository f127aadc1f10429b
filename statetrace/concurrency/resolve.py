"""Resolve the profile of a run: flag > environment > settings file > autoscale.

Each key is taken from the highest-precedence source that sets it; the keys left
unset are derived by :func:`~statetrace.concurrency.profile.autoscale` from the
set ones.  The result keeps the requested, autoscaled and resolved value of every
key and where it came from, for ``ConcurrencyProfileResolved``.  Whatever the
sources say, ``thread_ceiling`` never exceeds what the machine can hold
(:mod:`statetrace.concurrency.limits`); a value capped is logged as a warning.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from statetrace.concurrency.limits import memory_bytes, worker_cap
from statetrace.concurrency.profile import (
    PROFILE_KEYS,
    ConcurrencyProfile,
    CorpusShape,
    autoscale,
)
from statetrace.concurrency.settings import (
    ENV_NAMES,
    SECTION,
    SETTINGS_FILE_NAME,
    concurrency_settings,
    load_settings,
    settings_path,
)

Source = Literal["flag", "env", "settings", "default", "autoscale"]

#: What an unpinned key starts from when autoscale is disabled: one worker, one host
#: per batch (the sequential run); the site limits then follow from those.
DISABLED_DEFAULTS: Mapping[str, int] = {"thread_ceiling": 1, "jobs_per_thread": 1}

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class ResolvedValue:
    """One key of the profile: what was asked, what autoscale chose, what is used."""

    key: str
    requested: int | None
    autoscaled: int
    resolved: int
    source: Source


@dataclass(frozen=True)
class ResolvedProfile:
    """The profile of a run with the provenance of every value."""

    shape: CorpusShape
    profile: ConcurrencyProfile
    autoscaled: ConcurrencyProfile
    requested: Mapping[str, int]
    sources: Mapping[str, Source]
    autoscale_disabled: bool = False
    #: Why ``thread_ceiling`` was lowered to what the machine holds ("" when it was not).
    capped: str = ""

    def value(self, key: str) -> ResolvedValue:
        """Requested, autoscaled and resolved value of ``key``."""
        return ResolvedValue(
            key=key,
            requested=self.requested.get(key),
            autoscaled=getattr(self.autoscaled, key),
            resolved=getattr(self.profile, key),
            source=self.sources[key],
        )

    @property
    def values(self) -> tuple[ResolvedValue, ...]:
        """Every key, in :data:`PROFILE_KEYS` order."""
        return tuple(self.value(key) for key in PROFILE_KEYS)

    @property
    def manual_overrides(self) -> tuple[str, ...]:
        """Keys set by a flag, the environment or the settings file."""
        return tuple(key for key in PROFILE_KEYS if key in self.requested)


def resolve_profile(
    shape: CorpusShape,
    flags: Mapping[str, int | None],
    env: Mapping[str, str],
    settings: Mapping[str, object],
    *,
    disable_autoscale: bool = False,
    settings_origin: str = SETTINGS_FILE_NAME,
    max_workers: tuple[int, str] | None = None,
) -> ResolvedProfile:
    """Resolve the run's profile; ``settings`` is the ``[concurrency]`` table.

    Invalid values raise ``ValueError`` naming the source and key, e.g.
    ``environment STATETRACE_THREAD_CEILING: expected an integer >= 1, got 'x'``.
    ``max_workers`` (the cap and what sets it) bounds ``thread_ceiling``.
    """
    layers: list[tuple[Source, dict[str, int]]] = [
        ("flag", validate_flags(flags)),
        ("env", _from_env(env)),
        ("settings", _from_settings(settings, settings_origin)),
    ]
    requested: dict[str, int] = {}
    sources: dict[str, Source] = {}
    labels: dict[str, str] = {}
    for source, values in layers:
        for key, value in values.items():
            if key not in requested:
                requested[key], sources[key] = value, source
                labels[key] = _label(source, key, settings_origin)
    pinned = dict(requested)
    if disable_autoscale:
        for key, value in DISABLED_DEFAULTS.items():
            if key not in pinned:
                pinned[key], sources[key] = value, "default"
                labels[key] = "default"
    profile = _build(shape, pinned, labels)
    capped = ""
    if max_workers is not None and profile.thread_ceiling > max_workers[0]:
        cap, reason = max_workers
        capped = (
            f"thread_ceiling {profile.thread_ceiling} ({labels.get('thread_ceiling', 'autoscale')})"
            f" capped to {cap} worker process(es): {reason}"
        )
        logger.warning(capped)
        pinned["thread_ceiling"] = cap
        if pinned.get("min_workers", 0) > cap:
            pinned["min_workers"] = cap
        profile = _build(shape, pinned, labels)
    for key in PROFILE_KEYS:
        sources.setdefault(key, "autoscale")
    return ResolvedProfile(
        shape=shape,
        profile=profile,
        autoscaled=autoscale(shape),
        requested=requested,
        sources=sources,
        autoscale_disabled=disable_autoscale,
        capped=capped,
    )


def resolve_for_data_dir(
    shape: CorpusShape,
    flags: Mapping[str, int | None],
    data_dir: Path,
    env: Mapping[str, str] | None = None,
    *,
    disable_autoscale: bool = False,
) -> ResolvedProfile:
    """:func:`resolve_profile` with ``<data_dir>/statetrace.toml``, ``os.environ`` and
    this machine's worker cap (its CPUs and available memory)."""
    path = settings_path(data_dir)
    table = concurrency_settings(load_settings(path), str(path))
    return resolve_profile(
        shape,
        flags,
        os.environ if env is None else env,
        table,
        disable_autoscale=disable_autoscale,
        settings_origin=str(path),
        max_workers=worker_cap(shape.cpu_count, memory_bytes()),
    )


def thread_ceiling_of_workers(workers: int) -> int:
    """The ``thread_ceiling`` that ``--workers N`` stands for (0 and 1: in-process)."""
    if isinstance(workers, bool) or not isinstance(workers, int) or workers < 0:
        raise ValueError(f"flag --workers: expected an integer >= 0, got {workers!r}")
    return max(1, workers)


def _build(
    shape: CorpusShape, pinned: dict[str, int], labels: dict[str, str]
) -> ConcurrencyProfile:
    """Autoscale around the pinned values; a contradiction names its sources."""
    try:
        return autoscale(shape, pinned)
    except ValueError as error:
        origins = ", ".join(
            f"{key} from {labels.get(key, 'autoscale')}"
            for key in ("min_workers", "thread_ceiling")
        )
        raise ValueError(f"conflicting concurrency values: {error} ({origins})") from error


def _label(source: Source, key: str, settings_origin: str) -> str:
    """Human name of where a key was set, as used in error messages."""
    if source == "flag":
        return "flag --" + key.replace("_", "-")
    if source == "env":
        return f"environment {ENV_NAMES[key]}"
    return f"{settings_origin} [{SECTION}] {key}"


def _checked(value: object, where: str) -> int:
    """``value`` as an integer >= 1, or a ``ValueError`` naming ``where``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ValueError(f"{where}: expected an integer >= 1, got {value!r}")
    return value


def _unknown(keys: set[str], where: str) -> None:
    if keys:
        allowed = ", ".join(PROFILE_KEYS)
        raise ValueError(f"{where}: unknown key(s) {', '.join(sorted(keys))} (allowed: {allowed})")


def validate_flags(flags: Mapping[str, int | None]) -> dict[str, int]:
    """The set flags as ``{key: int >= 1}``; a bad one names its flag (``--thread-ceiling``)."""
    _unknown(set(flags) - set(PROFILE_KEYS), "flags")
    return {
        key: _checked(value, _label("flag", key, ""))
        for key, value in flags.items()
        if value is not None
    }


def _from_env(env: Mapping[str, str]) -> dict[str, int]:
    """Integers from ``STATETRACE_<KEY>``; an empty variable counts as unset."""
    values: dict[str, int] = {}
    for key, name in ENV_NAMES.items():
        text = env.get(name, "").strip()
        if not text:
            continue
        where = _label("env", key, "")
        try:
            number = int(text)
        except ValueError:
            raise ValueError(f"{where}: expected an integer >= 1, got {text!r}") from None
        values[key] = _checked(number, where)
    return values


def _from_settings(settings: Mapping[str, object], origin: str) -> dict[str, int]:
    _unknown(set(settings) - set(PROFILE_KEYS), f"{origin} [{SECTION}]")
    return {
        key: _checked(value, _label("settings", key, origin)) for key, value in settings.items()
    }
