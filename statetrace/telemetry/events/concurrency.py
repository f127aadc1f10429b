"""Events of the concurrency profile, its overrides and the scheduler's launches.

Names follow the PowerShell telemetry (``MinRunspaces`` is the Python
``min_workers``).  Build them with :mod:`statetrace.concurrency.telemetry`.
"""

from __future__ import annotations

from pydantic import Field

from statetrace.telemetry.events.base import Event

_SOURCE = "Where the value came from: flag, env, settings, default or autoscale."
_SITE = "Site of the batch, as decided by statetrace.sites.site_of."


class ConcurrencyProfileResolved(Event):
    """The concurrency profile of a run: requested, autoscaled and resolved values."""

    event_name = "ConcurrencyProfileResolved"
    emitted_when = "once at the start of every run, before the first launch"

    ThreadCeiling: int = Field(
        description="Resolved value used by the run: parse worker processes."
    )
    AutoscaledThreadCeiling: int = Field(
        description="Value autoscale chose for the corpus without overrides."
    )
    RequestedThreadCeiling: int | None = Field(
        default=None, description="Value asked for by a flag, env or settings (absent if none)."
    )
    ThreadCeilingSource: str = Field(description=_SOURCE)
    MaxWorkersPerSite: int = Field(
        description="Resolved value used by the run: batches of one site in flight at once."
    )
    AutoscaledMaxWorkersPerSite: int = Field(
        description="Value autoscale chose for the corpus without overrides."
    )
    RequestedMaxWorkersPerSite: int | None = Field(
        default=None, description="Value asked for by a flag, env or settings (absent if none)."
    )
    MaxWorkersPerSiteSource: str = Field(description=_SOURCE)
    MaxActiveSites: int = Field(
        description="Resolved value used by the run: sites with batches in flight at once."
    )
    AutoscaledMaxActiveSites: int = Field(
        description="Value autoscale chose for the corpus without overrides."
    )
    RequestedMaxActiveSites: int | None = Field(
        default=None, description="Value asked for by a flag, env or settings (absent if none)."
    )
    MaxActiveSitesSource: str = Field(description=_SOURCE)
    MaxConsecutiveSiteLaunches: int = Field(
        description="Resolved value: launches of one site in a row while a site waits for a slot."
    )
    AutoscaledMaxConsecutiveSiteLaunches: int = Field(
        description="Value autoscale chose for the corpus without overrides."
    )
    RequestedMaxConsecutiveSiteLaunches: int | None = Field(
        default=None, description="Value asked for by a flag, env or settings (absent if none)."
    )
    MaxConsecutiveSiteLaunchesSource: str = Field(description=_SOURCE)
    JobsPerThread: int = Field(description="Resolved value used by the run: hosts per task batch.")
    AutoscaledJobsPerThread: int = Field(
        description="Value autoscale chose for the corpus without overrides."
    )
    RequestedJobsPerThread: int | None = Field(
        default=None, description="Value asked for by a flag, env or settings (absent if none)."
    )
    JobsPerThreadSource: str = Field(description=_SOURCE)
    MinRunspaces: int = Field(
        description="Resolved value: worker processes started up front (min_workers)."
    )
    AutoscaledMinRunspaces: int = Field(
        description="Value autoscale chose for the corpus without overrides."
    )
    RequestedMinRunspaces: int | None = Field(
        default=None, description="Value asked for by a flag, env or settings (absent if none)."
    )
    MinRunspacesSource: str = Field(description=_SOURCE)
    ManualOverrides: list[str] = Field(
        description="Keys set by a flag, env or settings (PascalCase), empty when autoscaled."
    )
    AutoScaleProfileDisabled: bool = Field(
        description="True when autoscale was disabled: unset keys start from one worker."
    )
    DeviceCount: int = Field(description="Hosts to ingest in this run (after skips).")
    SiteCount: int = Field(description="Distinct sites of those hosts.")
    CpuCount: int = Field(description="CPUs available to the run.")
    BytesPerHost: float = Field(description="Average slice size of those hosts, in bytes.")
    Backend: str = Field(description="Store backend (sqlite, postgresql, …).")


class ConcurrencyOverrideSummary(Event):
    """Each override of a run, the value it replaced, and whether it was reset."""

    event_name = "ConcurrencyOverrideSummary"
    emitted_when = "once at the end of a run that had overrides or restored settings/env"

    ThreadCeilingOverride: int | None = Field(
        default=None, description="Value the run used for ThreadCeiling (absent if not overridden)."
    )
    ThreadCeilingPrevious: int | None = Field(
        default=None,
        description="Value ThreadCeiling would have had without the override (autoscale).",
    )
    ThreadCeilingSource: str | None = Field(
        default=None, description="Where the override came from: flag, env or settings."
    )
    MaxWorkersPerSiteOverride: int | None = Field(
        default=None,
        description="Value the run used for MaxWorkersPerSite (absent if not overridden).",
    )
    MaxWorkersPerSitePrevious: int | None = Field(
        default=None,
        description="Value MaxWorkersPerSite would have had without the override (autoscale).",
    )
    MaxWorkersPerSiteSource: str | None = Field(
        default=None, description="Where the override came from: flag, env or settings."
    )
    MaxActiveSitesOverride: int | None = Field(
        default=None,
        description="Value the run used for MaxActiveSites (absent if not overridden).",
    )
    MaxActiveSitesPrevious: int | None = Field(
        default=None,
        description="Value MaxActiveSites would have had without the override (autoscale).",
    )
    MaxActiveSitesSource: str | None = Field(
        default=None, description="Where the override came from: flag, env or settings."
    )
    MaxConsecutiveSiteLaunchesOverride: int | None = Field(
        default=None,
        description="Value the run used for MaxConsecutiveSiteLaunches (absent if not overridden).",
    )
    MaxConsecutiveSiteLaunchesPrevious: int | None = Field(
        default=None,
        description="Value MaxConsecutiveSiteLaunches would have had without the override.",
    )
    MaxConsecutiveSiteLaunchesSource: str | None = Field(
        default=None, description="Where the override came from: flag, env or settings."
    )
    JobsPerThreadOverride: int | None = Field(
        default=None, description="Value the run used for JobsPerThread (absent if not overridden)."
    )
    JobsPerThreadPrevious: int | None = Field(
        default=None,
        description="Value JobsPerThread would have had without the override (autoscale).",
    )
    JobsPerThreadSource: str | None = Field(
        default=None, description="Where the override came from: flag, env or settings."
    )
    MinRunspacesOverride: int | None = Field(
        default=None, description="Value the run used for MinRunspaces (absent if not overridden)."
    )
    MinRunspacesPrevious: int | None = Field(
        default=None,
        description="Value MinRunspaces would have had without the override (autoscale).",
    )
    MinRunspacesSource: str | None = Field(
        default=None, description="Where the override came from: flag, env or settings."
    )
    ManualOverrides: list[str] = Field(description="Overridden keys (PascalCase).")
    ResetApplied: bool = Field(
        description="True when anything the run changed (settings file, env) was restored."
    )
    SettingsResetApplied: bool = Field(description="True when a settings file was restored.")
    EnvironmentResetApplied: bool = Field(description="True when env variables were restored.")
    RestoredFiles: list[str] = Field(
        default_factory=list, description="Files restored byte-for-byte after the run."
    )
    RestoredEnvironment: list[str] = Field(
        default_factory=list, description="Environment variables restored or unset after the run."
    )
    Source: str = Field(description="What ran with the overrides (ingest, warm-run, …).")


class ParserSchedulerLaunch(Event):
    """One batch of hosts handed to a parse worker, with the counts after the launch."""

    event_name = "ParserSchedulerLaunch"
    emitted_when = "for every batch the scheduler launches"

    Site: str = Field(description=_SITE)
    Hostname: str = Field(description="First (largest) host of the batch.")
    Hostnames: list[str] = Field(description="Every host of the batch, largest first.")
    BatchSize: int = Field(description="Hosts in the batch.")
    Bytes: int = Field(description="Slice bytes of the batch.")
    Sequence: int = Field(description="1-based launch number within the run.")
    ActiveWorkers: int = Field(description="Batches in flight after the launch.")
    ActiveSites: int = Field(description="Sites with batches in flight after the launch.")
    ThreadBudget: int = Field(description="Worker processes available (ThreadCeiling).")
    QueuedJobs: int = Field(description="Hosts not yet launched, all sites.")
    QueuedSites: int = Field(description="Sites with hosts not yet launched.")
    SiteQueueLength: int = Field(description="Hosts of this site not yet launched.")
    Streak: int = Field(description="Launches of this site in a row, this one included.")
