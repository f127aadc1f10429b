"""Moving from the PowerShell StateTrace: read its Access databases, import them into
any store, and compare them with ours (``docs/migrating.md``)."""

from statetrace.access.compare import (
    Comparison,
    access_interface_counts,
    compare_access,
    compare_databases,
)
from statetrace.access.importing import ImportSummary, import_access, import_databases
from statetrace.access.reader import AccessDatabase, AccessError, read_access

__all__ = [
    "AccessDatabase",
    "AccessError",
    "Comparison",
    "ImportSummary",
    "access_interface_counts",
    "compare_access",
    "compare_databases",
    "import_access",
    "import_databases",
    "read_access",
]
