"""Release evidence: the junit contract of the gates and ``statetrace release check``."""

from statetrace.release.check import ReleaseCheck, release_check
from statetrace.release.junit import (
    JunitError,
    JunitRun,
    gate_properties,
    read_junit,
    suite_properties,
)

__all__ = [
    "JunitError",
    "JunitRun",
    "ReleaseCheck",
    "gate_properties",
    "read_junit",
    "release_check",
    "suite_properties",
]
