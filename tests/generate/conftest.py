"""Small generated corpora shared by the generator tests (generated once per session)."""

from __future__ import annotations

from pathlib import Path

import pytest
from generate_helpers import CHURN, SMALL

from statetrace.generate import ChurnManifest, CorpusManifest, generate_corpus, generate_next_day


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> CorpusManifest:
    """Two sites × 7 hosts × 12 ports, all three vendors, one multi-host file per site."""
    return generate_corpus(tmp_path_factory.mktemp("gen") / "day0", **SMALL)


@pytest.fixture(scope="session")
def next_day(corpus: CorpusManifest) -> ChurnManifest:
    """The next day of :func:`corpus` at 10 % churn."""
    return generate_next_day(corpus.out, corpus.out.parent / "day1", churn=CHURN, seed=3)


@pytest.fixture(scope="session")
def wide(tmp_path_factory: pytest.TempPathFactory) -> CorpusManifest:
    """One host per vendor with 60 ports: a second stack member / line card, no batch file."""
    return generate_corpus(
        tmp_path_factory.mktemp("wide") / "day0", sites=1, hosts_per_site=3, ports=60, seed=2
    )


@pytest.fixture(scope="session")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> CorpusManifest:
    """Sites mixing the default vendors with NX-OS, AOS-CX and Junos (asked for: not default)."""
    return generate_corpus(
        tmp_path_factory.mktemp("mixed") / "day0",
        sites=2,
        hosts_per_site=6,
        ports=12,
        vendors=("cisco", "nxos", "arista", "brocade", "aoscx", "junos"),
        seed=11,
    )


@pytest.fixture()
def empty_dir(tmp_path: Path) -> Path:
    """A path that does not exist yet."""
    return tmp_path / "out"
