"""History and search over any store: time windows, changes, the inventory as of a
moment, diffs between moments, MAC and text search, streaming export, retention.

Everything here is backend-independent: it reads stores only through the
:class:`statetrace.store.SiteStore` methods ``runs``, ``changes``,
``find_interfaces``, ``iter_interfaces`` and ``prune_changes``.
"""

from statetrace.history.asof import host_as_of, host_interfaces_as_of, site_as_of
from statetrace.history.changes import SiteChange, list_changes
from statetrace.history.diff import PortDiff, diff_host, diff_site
from statetrace.history.export import EXPORT_FIELDS, export_rows, write_export
from statetrace.history.macs import MacQuery, Sighting, find, mac_query
from statetrace.history.prune import prune
from statetrace.history.when import HistoryError, Window, all_runs, parse_duration, resolve_when

__all__ = [
    "EXPORT_FIELDS",
    "HistoryError",
    "MacQuery",
    "PortDiff",
    "Sighting",
    "SiteChange",
    "Window",
    "all_runs",
    "diff_host",
    "diff_site",
    "export_rows",
    "find",
    "host_as_of",
    "host_interfaces_as_of",
    "list_changes",
    "mac_query",
    "parse_duration",
    "prune",
    "resolve_when",
    "site_as_of",
    "write_export",
]
