"""SkipSiteCacheUpdate: the policy, its effect on the snapshot, and the cold-pass guard."""

import os
from pathlib import Path

import pytest

from statetrace.cache_policy import ENV_NAME, skip_site_cache_update
from statetrace.concurrency.settings import settings_path
from statetrace.engine import IngestOptions, ingest
from statetrace.generate import generate_corpus
from statetrace.snapshot import latest_snapshot_path, load_snapshot

SETTINGS = "# ops\r\n[cache]\r\nskip_site_cache_update = true  # during migration\r\n"


def test_policy_comes_from_environment_then_settings(tmp_path: Path):
    assert skip_site_cache_update(tmp_path, environ={}) is False
    settings_path(tmp_path).write_text("[cache]\nskip_site_cache_update = true\n")
    assert skip_site_cache_update(tmp_path, environ={}) is True
    assert skip_site_cache_update(tmp_path, environ={ENV_NAME: "0"}) is False
    with pytest.raises(ValueError, match=ENV_NAME):
        skip_site_cache_update(tmp_path, environ={ENV_NAME: "maybe"})


def test_skipping_updates_leaves_written_sites_out_of_the_snapshot(tmp_path: Path):
    corpus = tmp_path / "corpus"
    generate_corpus(corpus, sites=2, hosts_per_site=2, ports=4, seed=8)
    options = IngestOptions(
        data_dir=tmp_path / "Data", logs_dir=tmp_path / "Logs", workers=0,
        skip_site_cache_update=True,
    )  # fmt: skip
    ingest([corpus], options)
    latest = latest_snapshot_path(tmp_path / "Logs" / "SharedCacheSnapshot")
    assert load_snapshot(latest, tmp_path / "Data").sites == {}


def test_a_cold_pass_publishes_even_when_the_policy_is_on(tmp_path: Path, monkeypatch):
    """The harness turns the policy off for its cold pass by option, not through the
    environment or a settings file: the warm pass still finds every host in the snapshot."""
    from statetrace.scenarios import load_scenario
    from statetrace.warmrun import WarmRunRequest, run_warm_run

    monkeypatch.setenv(ENV_NAME, "1")
    before = dict(os.environ)
    result = run_warm_run(
        WarmRunRequest(logs_dir=tmp_path / "Logs", scenario=load_scenario("smoke"))
    )
    assert result.comparison["WarmCacheHitRatioPercent"] == 100
    assert dict(os.environ) == before
    assert not list((result.work_dir / "Data").glob("statetrace.toml"))
