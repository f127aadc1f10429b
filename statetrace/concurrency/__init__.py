"""Concurrency of an ingestion run: profile, overrides, and the site-fair scheduler.

- :mod:`~statetrace.concurrency.profile`: :class:`CorpusShape`, :class:`ConcurrencyProfile`,
  :func:`autoscale`.
- :mod:`~statetrace.concurrency.resolve`: :func:`resolve_profile` (flag > env >
  settings > autoscale) and :class:`ResolvedProfile`.
- :mod:`~statetrace.concurrency.settings`: ``statetrace.toml`` and ``STATETRACE_*``.
- :mod:`~statetrace.concurrency.overrides`: :func:`run_scoped_overrides`,
  :func:`restore_on_exit` (the generic one-run guard).
- :mod:`~statetrace.concurrency.scheduler`: :class:`SiteFairScheduler`, :func:`plan_dispatch`.
- :mod:`~statetrace.concurrency.telemetry`: builders of the concurrency events.

A coordinator uses them like this::

    with run_scoped_overrides(flag_values) as scope:
        resolved = resolve_for_data_dir(corpus_shape(jobs), flags, data_dir)
        emit(profile_resolved_event(resolved, run_id))
        scheduler = SiteFairScheduler(jobs, resolved.profile)
        pending = {}
        while not scheduler.finished:
            while (launch := scheduler.next_batch()) is not None:
                pending[pool.submit(parse_batch, launch.jobs)] = launch
                emit(scheduler_launch_event(launch, resolved.profile, run_id))
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in finished:
                scheduler.done(pending.pop(future))
    emit(override_summary_event(resolved, scope, "ingest", run_id))

The names are imported on first use (PEP 562): importing one submodule (as
:mod:`statetrace.settings` does) does not import the others, nor the telemetry
event models (pydantic) that :mod:`~statetrace.concurrency.telemetry` needs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from statetrace.concurrency.overrides import (
        OverrideScope,
        RestoreReport,
        Terminated,
        restore_on_exit,
        run_scoped_overrides,
        sigterm_as_exception,
    )
    from statetrace.concurrency.profile import (
        PROFILE_KEYS,
        ConcurrencyProfile,
        CorpusShape,
        CostModel,
        autoscale,
    )
    from statetrace.concurrency.resolve import (
        ResolvedProfile,
        ResolvedValue,
        resolve_for_data_dir,
        resolve_profile,
    )
    from statetrace.concurrency.scheduler import (
        Job,
        Launch,
        SiteFairScheduler,
        available_cpus,
        corpus_shape,
        plan_dispatch,
    )
    from statetrace.concurrency.settings import (
        ENV_NAMES,
        concurrency_settings,
        load_settings,
        settings_path,
    )
    from statetrace.concurrency.telemetry import (
        TELEMETRY_NAMES,
        override_summary_event,
        profile_resolved_event,
        scheduler_launch_event,
    )

#: Public name -> the module under ``statetrace.concurrency`` defining it.
_HOME = {
    "OverrideScope": "overrides",
    "RestoreReport": "overrides",
    "Terminated": "overrides",
    "restore_on_exit": "overrides",
    "run_scoped_overrides": "overrides",
    "sigterm_as_exception": "overrides",
    "PROFILE_KEYS": "profile",
    "ConcurrencyProfile": "profile",
    "CorpusShape": "profile",
    "CostModel": "profile",
    "autoscale": "profile",
    "ResolvedProfile": "resolve",
    "ResolvedValue": "resolve",
    "resolve_for_data_dir": "resolve",
    "resolve_profile": "resolve",
    "Job": "scheduler",
    "Launch": "scheduler",
    "SiteFairScheduler": "scheduler",
    "available_cpus": "scheduler",
    "corpus_shape": "scheduler",
    "plan_dispatch": "scheduler",
    "ENV_NAMES": "settings",
    "concurrency_settings": "settings",
    "load_settings": "settings",
    "settings_path": "settings",
    "TELEMETRY_NAMES": "telemetry",
    "override_summary_event": "telemetry",
    "profile_resolved_event": "telemetry",
    "scheduler_launch_event": "telemetry",
}

__all__ = [
    "ENV_NAMES",
    "PROFILE_KEYS",
    "ConcurrencyProfile",
    "CorpusShape",
    "CostModel",
    "Job",
    "Launch",
    "OverrideScope",
    "ResolvedProfile",
    "ResolvedValue",
    "RestoreReport",
    "SiteFairScheduler",
    "TELEMETRY_NAMES",
    "Terminated",
    "autoscale",
    "available_cpus",
    "concurrency_settings",
    "corpus_shape",
    "load_settings",
    "override_summary_event",
    "plan_dispatch",
    "profile_resolved_event",
    "resolve_for_data_dir",
    "resolve_profile",
    "restore_on_exit",
    "run_scoped_overrides",
    "scheduler_launch_event",
    "settings_path",
    "sigterm_as_exception",
]


def __getattr__(name: str) -> object:
    """Import the module defining ``name`` when it is first asked for."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)
