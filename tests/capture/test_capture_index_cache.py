"""A capture's index is reused while the file is provably unchanged, and only then."""

import os
from pathlib import Path

from statetrace.capture import index_file
from statetrace.capture.index_cache import IndexCache

CAPTURE = "SW-1#show version\nCisco IOS XE Software, Version 17.09.04a\nSW-1#\n"


def _saved(tmp_path: Path) -> tuple[Path, Path]:
    capture = tmp_path / "a.log"
    capture.write_text(CAPTURE)
    cache_file = tmp_path / "cache.json"
    IndexCache().save(cache_file, [index_file(capture)])
    return capture, cache_file


def test_unchanged_file_reuses_its_index(tmp_path: Path):
    capture, cache_file = _saved(tmp_path)
    cache = IndexCache.load(cache_file)
    reused = cache.lookup(capture)
    assert reused == index_file(capture) and cache.reused == 1


def test_rewritten_file_is_indexed_again_even_with_the_old_mtime(tmp_path: Path):
    capture, cache_file = _saved(tmp_path)
    stat = capture.stat()
    capture.write_text(CAPTURE.replace("17.09.04a", "17.09.05a"))  # same size
    os.utime(capture, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # mtime put back; ctime moved
    assert IndexCache.load(cache_file).lookup(capture) is None


def test_missing_or_corrupt_cache_is_empty(tmp_path: Path):
    assert IndexCache.load(tmp_path / "nope.json").entries == {}
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    assert IndexCache.load(bad).entries == {}
