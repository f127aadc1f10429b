"""Deterministic synthetic capture corpora in real vendor CLI formats, and next-day churn.

The corpus state (sites, hosts, ports) is saved as ``corpus.json``; rendering turns
it into capture files, and :func:`generate_next_day` loads it, mutates it and
renders it again with a ``churn-manifest.json`` of exactly what changed.
"""

from statetrace.generate.churn import PortChange
from statetrace.generate.corpus import (
    MANIFEST_FILE,
    ChurnManifest,
    CorpusManifest,
    GenerateError,
    generate_corpus,
    generate_next_day,
)
from statetrace.generate.state import CORPUS_FILE, CorpusState, load_state

__all__ = [
    "CORPUS_FILE",
    "MANIFEST_FILE",
    "ChurnManifest",
    "CorpusManifest",
    "CorpusState",
    "GenerateError",
    "PortChange",
    "generate_corpus",
    "generate_next_day",
    "load_state",
]
