"""The ``rows-written-vs-access`` gate metric: rows our run wrote per site against the interface
rows of the Access databases a PowerShell run produced from the same captures."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from statetrace.access.compare import access_interface_counts, deviation_percent
from statetrace.gates.model import Sample

#: What a gate without a reference says when it is skipped.
NO_REFERENCE = (
    "no Access reference given (pytest --statetrace-access-reference=FILE_OR_DIR,"
    " statetrace gates evaluate --access-reference FILE_OR_DIR)"
)


def rows_vs_access(reference: Path, written: Mapping[str, int]) -> list[Sample]:
    """Per site: |rows written − Access interface rows| as a percent of the Access rows.

    A reference file that cannot be used is a 100 % sample labelled with its problem,
    so the gate fails naming it rather than passing on the sites that could be read.
    """
    counts, problems = access_interface_counts([reference])
    return [*deviation_samples(counts, written), *(Sample(100.0, line) for line in problems)]


def deviation_samples(access: Mapping[str, int], written: Mapping[str, int]) -> list[Sample]:
    """One sample per site of either side (a site on one side only deviates 100 %)."""
    samples = []
    for site in sorted(set(access) | set(written)):
        expected, rows = access.get(site, 0), written.get(site, 0)
        label = f"{site}: written {rows}, Access {expected}"
        samples.append(Sample(deviation_percent(rows, expected), label, site))
    return samples
