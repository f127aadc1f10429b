"""Build the concurrency events from the objects of this package."""

from __future__ import annotations

from statetrace.concurrency.overrides import OverrideScope
from statetrace.concurrency.profile import ConcurrencyProfile
from statetrace.concurrency.resolve import ResolvedProfile
from statetrace.concurrency.scheduler import Launch
from statetrace.telemetry.events.concurrency import (
    ConcurrencyOverrideSummary,
    ConcurrencyProfileResolved,
    ParserSchedulerLaunch,
)

#: Telemetry name of each profile key (the PowerShell names).
TELEMETRY_NAMES: dict[str, str] = {
    "thread_ceiling": "ThreadCeiling",
    "jobs_per_thread": "JobsPerThread",
    "max_workers_per_site": "MaxWorkersPerSite",
    "max_active_sites": "MaxActiveSites",
    "max_consecutive_site_launches": "MaxConsecutiveSiteLaunches",
    "min_workers": "MinRunspaces",
}


def profile_resolved_event(
    resolved: ResolvedProfile, run_id: str | None = None
) -> ConcurrencyProfileResolved:
    """``ConcurrencyProfileResolved`` for a resolved profile."""
    fields: dict[str, object] = {}
    for value in resolved.values:
        name = TELEMETRY_NAMES[value.key]
        fields[name] = value.resolved
        fields[f"Autoscaled{name}"] = value.autoscaled
        fields[f"Requested{name}"] = value.requested
        fields[f"{name}Source"] = value.source
    shape = resolved.shape
    return ConcurrencyProfileResolved(
        RunId=run_id,
        ManualOverrides=[TELEMETRY_NAMES[key] for key in resolved.manual_overrides],
        AutoScaleProfileDisabled=resolved.autoscale_disabled,
        DeviceCount=shape.hosts,
        SiteCount=shape.sites,
        CpuCount=shape.cpu_count,
        BytesPerHost=shape.bytes_per_host,
        Backend=shape.backend,
        **fields,
    )


def override_summary_event(
    resolved: ResolvedProfile,
    scope: OverrideScope | None,
    source: str,
    run_id: str | None = None,
) -> ConcurrencyOverrideSummary:
    """``ConcurrencyOverrideSummary`` at the end of a run (``scope`` after its exit)."""
    fields: dict[str, object] = {}
    for key in resolved.manual_overrides:
        value = resolved.value(key)
        name = TELEMETRY_NAMES[key]
        fields[f"{name}Override"] = value.resolved
        fields[f"{name}Previous"] = value.autoscaled
        fields[f"{name}Source"] = value.source
    restored_files = [str(path) for path in scope.report.restored_files] if scope else []
    restored_env = list(scope.report.restored_env) if scope else []
    return ConcurrencyOverrideSummary(
        RunId=run_id,
        ManualOverrides=[TELEMETRY_NAMES[key] for key in resolved.manual_overrides],
        ResetApplied=bool(restored_files or restored_env),
        SettingsResetApplied=bool(restored_files),
        EnvironmentResetApplied=bool(restored_env),
        RestoredFiles=restored_files,
        RestoredEnvironment=restored_env,
        Source=source,
        **fields,
    )


def scheduler_launch_event(
    launch: Launch, profile: ConcurrencyProfile, run_id: str | None = None
) -> ParserSchedulerLaunch:
    """``ParserSchedulerLaunch`` for one launched batch."""
    return ParserSchedulerLaunch(
        RunId=run_id,
        Site=launch.site,
        Hostname=launch.jobs[0].host,
        Hostnames=list(launch.hosts),
        BatchSize=len(launch.jobs),
        Bytes=sum(job.size for job in launch.jobs),
        Sequence=launch.sequence,
        ActiveWorkers=launch.active_workers,
        ActiveSites=launch.active_sites,
        ThreadBudget=profile.thread_ceiling,
        QueuedJobs=launch.queued_jobs,
        QueuedSites=launch.queued_sites,
        SiteQueueLength=launch.site_queue_length,
        Streak=launch.streak,
    )
