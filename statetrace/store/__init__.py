"""Per-site inventory stores behind one small interface; SQLite is the embedded default."""

from statetrace.store.base import (
    DeviceInfo,
    HostChange,
    HostState,
    RunRecord,
    SiteStore,
    StoredInterface,
    StoreError,
    StoreIdentity,
    WriteResult,
)

__all__ = [
    "DeviceInfo",
    "HostChange",
    "HostState",
    "RunRecord",
    "SiteStore",
    "StoreError",
    "StoreIdentity",
    "StoredInterface",
    "WriteResult",
]
