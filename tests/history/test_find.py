"""``statetrace find``: every sampled MAC is found in every notation, exactly where the
model has it; prefixes, text and past sightings."""

from __future__ import annotations

import random
from dataclasses import replace

from history_helpers import run_json

from statetrace.generate import CorpusState
from statetrace.history import mac_query


def _notations(mac: str) -> list[str]:
    """``aabb.ccdd.eeff`` in the four notations ``find`` accepts."""
    digits = mac.replace(".", "").lower()
    pairs = [digits[i : i + 2] for i in range(0, 12, 2)]
    return [mac, ":".join(pairs), "-".join(pairs).upper(), digits]


def _where(state: CorpusState, prefix: str) -> set[tuple[str, str]]:
    """Ports of the model with a learned or authenticated MAC starting with ``prefix``."""
    return {
        (host.hostname, port.port)
        for host in state.hosts
        for port in host.ports
        for mac in [*(m for _, m, _ in port.macs), port.auth_client_mac]
        if mac and mac.replace(".", "").lower().startswith(prefix)
    }


def _found(capsys, url: str, *query: str) -> set[tuple[str, str]]:
    code, rows = run_json(capsys, "find", *query, "--store", url, "--json")
    assert code == (0 if rows else 1)
    return {(row["hostname"], row["port"]) for row in rows or [] if row["current"]}


def _stored_state(two_days) -> CorpusState:
    """Day 1, plus the removed hosts (their rows stay in the store as day 0 left them)."""
    removed = [h for h in two_days.day0.hosts if h.hostname in two_days.manifest.hosts_removed]
    state = two_days.day1
    return replace(state, hosts=[*state.hosts, *removed])


def test_every_sampled_mac_is_found_in_each_notation_and_only_there(two_days, capsys) -> None:
    state = _stored_state(two_days)
    macs = sorted(
        {
            m
            for h in state.hosts
            for p in h.ports
            for m in [*(x[1] for x in p.macs), p.auth_client_mac]
            if m
        }
    )
    for mac in random.Random(1).sample(macs, 12):
        expected = _where(state, mac.replace(".", "").lower())
        assert expected
        for notation in _notations(mac):
            assert _found(capsys, two_days.url, notation) == expected, notation


def test_an_oui_prefix_finds_every_port_with_it(two_days, capsys) -> None:
    state = _stored_state(two_days)
    mac = next(m for h in state.hosts for p in h.ports for _, m, _ in p.macs)
    oui = mac.replace(".", "").lower()[:6]
    expected = _where(state, oui)
    assert _found(capsys, two_days.url, f"{oui[:2]}:{oui[2:4]}:{oui[4:]}") == expected
    assert _found(capsys, two_days.url, oui.upper()) == expected


def test_an_unknown_mac_is_not_found(two_days, capsys) -> None:
    assert _found(capsys, two_days.url, "ffff.ffff.fffe") == set()


def test_text_matches_descriptions_ignoring_case(two_days, capsys) -> None:
    state = _stored_state(two_days)
    described = sorted(p.name for h in state.hosts for p in h.ports if len(p.name) > 8)
    text = random.Random(2).choice(described)
    expected = {
        (h.hostname, p.port) for h in state.hosts for p in h.ports if text.lower() in p.name.lower()
    }
    assert _found(capsys, two_days.url, text.upper()) == expected


def test_history_shows_where_a_mac_was_before(two_days, capsys) -> None:
    now = {
        (h.hostname, p.port): {m for _, m, _ in p.macs}
        for h in two_days.day1.hosts
        for p in h.ports
    }
    left = sorted(
        (mac, h.hostname, p.port)
        for h in two_days.day0.hosts
        for p in h.ports
        if (h.hostname, p.port) in now
        for _, mac, _ in p.macs
        if mac not in now[(h.hostname, p.port)]
    )
    assert left, "the churned corpus moves no MAC: pick another seed"
    for mac, host, port in left:
        _, rows = run_json(capsys, "find", mac, "--history", "--store", two_days.url, "--json")
        past = {(r["hostname"], r["port"]) for r in rows if not r["current"]}
        assert (host, port) in past
        assert (host, port) not in {(r["hostname"], r["port"]) for r in rows if r["current"]}


def test_what_counts_as_a_mac() -> None:
    assert mac_query("AA-BB-CC-DD-EE-FF").prefix == "aabbccddeeff"
    assert mac_query("aabb.cc").prefix == "aabbcc"
    assert mac_query("00:1b").prefix == "001b"
    assert mac_query("cafe").text == "cafe"
    assert mac_query("Desk 215").text == "Desk 215"
    assert mac_query("aabbccddeeff00").text == "aabbccddeeff00"
