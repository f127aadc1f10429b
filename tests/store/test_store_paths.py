"""Store paths: one file per site, site names never used raw as a path."""

from __future__ import annotations

from pathlib import Path

import pytest

from statetrace.store.base import StoreError
from statetrace.store.sqlite import list_sites, open_site_store, site_store_path


def test_store_path_is_site_folder_and_file(tmp_path: Path) -> None:
    assert site_store_path(tmp_path, "WLLS") == tmp_path / "WLLS" / "WLLS.sqlite"


@pytest.mark.parametrize("site", ["", "wlls", "../X", "A/B", "A\\B", "A\x00B", "A-B", "A B", "."])
def test_unsafe_site_names_are_refused(tmp_path: Path, site: str) -> None:
    with pytest.raises(ValueError, match="invalid site name"):
        site_store_path(tmp_path, site)
    with pytest.raises(ValueError, match="invalid site name"):
        open_site_store(tmp_path, site)
    assert not any(tmp_path.iterdir())


def test_list_sites_finds_only_stores(tmp_path: Path) -> None:
    for site in ("WLLS", "BOYO"):
        open_site_store(tmp_path, site).close()
    (tmp_path / "EMPTY").mkdir()
    (tmp_path / "lower").mkdir()
    (tmp_path / "lower" / "lower.sqlite").touch()
    (tmp_path / "FILE.sqlite").touch()
    assert list_sites(tmp_path) == ["BOYO", "WLLS"]


def test_list_sites_of_missing_folder_is_empty(tmp_path: Path) -> None:
    assert list_sites(tmp_path / "absent") == []


def test_open_without_create_refuses_missing_store(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=r"no store for site WLLS at .*WLLS\.sqlite"):
        open_site_store(tmp_path, "WLLS", create=False)
    assert not (tmp_path / "WLLS").exists()


def test_open_creates_folders(tmp_path: Path) -> None:
    data_dir = tmp_path / "deep" / "Data"
    with open_site_store(data_dir, "WLLS") as store:
        assert store.path == data_dir / "WLLS" / "WLLS.sqlite"
    assert (data_dir / "WLLS" / "WLLS.sqlite").is_file()
    with open_site_store(data_dir, "WLLS", create=False) as store:
        assert store.site == "WLLS"
