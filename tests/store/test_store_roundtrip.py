"""Quotes, SQL, unicode and control characters round-trip exactly: values are always bound."""

from __future__ import annotations

import pytest
from store_helpers import SITE, change, changes, device, every_field, run

from statetrace.model import InterfaceRecord
from statetrace.store.base import DeviceInfo
from statetrace.store.sqlite import FIELDS, SqliteSiteStore

NASTY = [
    "O'Brien's \"desk\"",
    "x'); DROP TABLE interfaces; --",
    "1' OR '1'='1",
    "Büro 3.OG – Raum ✓ 会議室 🚀",
    "tab\there\r\nnew line\\backslash %_ wildcards",
    "   padded   ",
    "nul \x00 byte",
]


@pytest.mark.parametrize("text", NASTY)
def test_text_round_trips_through_rows_and_history(store: SqliteSiteStore, text: str) -> None:
    host = f"WLLS-{text}"
    row = InterfaceRecord("Gi1/0/1", name=text, config=f"interface Gi1/0/1\n description {text}")
    store.apply(change([row], host=device(host, model=text)), run(1))
    (stored,) = store.interfaces(host)
    assert (stored.name, stored.config, stored.hostname) == (row.name, row.config, host)
    assert stored.signature == row.signature()
    assert store.devices() == [DeviceInfo(host, SITE, "cisco_ios", model=text)]
    assert changes(store.path)[0][2:4] == ("insert", None)
    changed = row._replace(name=text + "'")
    store.apply(change([changed], host=device(host, model=text)), run(2))
    assert changes(store.path)[-1][3:] == ("name", text, text + "'")
    assert store.load_site_state()[host].ports == {"GigabitEthernet1/0/1": changed.signature()}
    store.apply(change(deletes=["GigabitEthernet1/0/1"], host=device(host, model=text)), run(3))
    assert store.interfaces(host) == []


def test_stored_fields_follow_the_model_field_order() -> None:
    record = every_field()
    expected = {name: getattr(record, name) for name in FIELDS if name != "learned_macs"}
    stored = dict(zip(FIELDS, record.semantic_values(), strict=True))
    assert stored == {**expected, "learned_macs": "m1,m2"}
