"""Secrets planted in the generated running-configs never reach the store or telemetry."""

from pathlib import Path

from statetrace.generate import load_state
from statetrace.store.sqlite import list_sites, site_store_path


def test_no_planted_secret_is_stored_or_logged(corpus: Path, run, tmp_path: Path):
    secrets = load_state(corpus).planted_secrets
    assert secrets
    raw = b"".join(p.read_bytes() for p in corpus.rglob("*.log"))
    assert all(secret.encode() in raw for secret in secrets)
    run(corpus)
    run(corpus, use_history=False)
    stored = [site_store_path(tmp_path / "Data", site) for site in list_sites(tmp_path / "Data")]
    written = b"".join(p.read_bytes() for p in (tmp_path / "Logs").rglob("*") if p.is_file())
    written += b"".join(p.read_bytes() for path in stored for p in path.parent.iterdir())
    leaked = [secret for secret in secrets if secret.encode() in written]
    assert not leaked
