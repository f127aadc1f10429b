"""End to end with the project's own reader and parsers: the captures say what the model says.

The parsed rows equal the corpus model, and between two days exactly the ports of
the churn manifest change signature (plus the added and removed hosts).
"""

from __future__ import annotations

import pytest
from generate_helpers import parsed_facts as _facts

from statetrace.generate import load_state
from statetrace.generate.state import PLATFORM_OF


def _digits(macs) -> list[str]:
    """MACs without separators, sorted: AOS-CX prints colon MACs, the model keeps dotted."""
    return sorted(mac.replace(":", "").replace(".", "") for mac in macs)


@pytest.mark.parametrize("fixture", ["corpus", "mixed"])
def test_parsed_rows_equal_the_model(request: pytest.FixtureRequest, fixture: str) -> None:
    corpus = request.getfixturevalue(fixture)
    state = load_state(corpus.out)
    facts = _facts(corpus.out)
    assert facts.keys() == {h.hostname for h in state.hosts}
    for host in state.hosts:
        parsed = facts[host.hostname]
        assert parsed.platform == PLATFORM_OF[host.vendor]
        assert (parsed.model, parsed.version, parsed.serial) == (
            host.model,
            host.version,
            host.serial,
        )
        rows = [
            (r.port, r.name, r.status, r.vlan, r.duplex, r.speed, r.type, _digits(r.learned_macs))
            for r in parsed.interfaces
        ]
        assert rows == [
            (
                p.port,
                p.name,
                p.status,
                p.vlan,
                p.duplex,
                p.speed,
                p.type,
                _digits(m for _, m, _ in p.macs),
            )
            for p in host.ports
        ]
        sessions = {
            (r.port, r.auth_mode, r.auth_client_mac) for r in parsed.interfaces if r.auth_client_mac
        }
        assert sessions == {
            (p.port, p.auth_mode, p.auth_client_mac) for p in host.ports if p.auth_mode
        }


def test_changed_signatures_are_exactly_the_manifest(corpus, next_day) -> None:
    before, after = _facts(corpus.out), _facts(next_day.out)
    assert set(after) - set(before) == set(next_day.hosts_added)
    assert set(before) - set(after) == set(next_day.hosts_removed)
    changed = set()
    for hostname in before.keys() & after.keys():
        old = {r.port: r.signature() for r in before[hostname].interfaces}
        new = {r.port: r.signature() for r in after[hostname].interfaces}
        assert old.keys() == new.keys()
        changed |= {(hostname, port) for port in old if old[port] != new[port]}
    assert changed == {(c.hostname, c.port) for c in next_day.changes}
