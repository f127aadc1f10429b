"""Our ``show interfaces status`` parser against TextFSM on the very same text.

Builds HOSTS status tables of PORTS rows each (descriptions with spaces, trunk and
routed ports, every common status), parses them with ``parse_output`` and with the
ntc-templates TextFSM template (compiled once, ``Reset`` per table), checks that
both return the same rows, and prints the best CPU times of alternating rounds
and the speed ratio.

    python benchmarks/parse_vs_textfsm.py [--hosts 2000] [--ports 48] [--platform cisco_ios]
"""

from __future__ import annotations

import argparse
import gc
import random
import time
from collections.abc import Callable
from pathlib import Path

import ntc_templates
import textfsm

from statetrace.parsers import parse_output

HEADERS = {
    "cisco_ios": "Port         Name               Status       Vlan       Duplex  Speed Type",
    "arista_eos": "Port       Name                   Status       Vlan        Duplex  Speed Type",
}
NAMES = ["", "User Access Port", "AP - Lobby", "Printer 2nd floor", "Uplink to DIST-A", "cam-12"]
STATES = ["connected", "notconnect", "disabled", "err-disabled"]


def status_table(platform: str, ports: int, rng: random.Random) -> str:
    """One host's status table, aligned on the header like the device prints it."""
    header = HEADERS[platform]
    name_at, status_at, vlan_at = (header.index(w) for w in ("Name", "Status", "Vlan"))
    lines = [header]
    for number in range(1, ports + 1):
        port = f"Gi1/0/{number}" if platform == "cisco_ios" else f"Et{number}"
        state = rng.choice(STATES)
        if platform == "arista_eos" and state == "err-disabled":
            state = "errdisabled"
        vlan = rng.choice(["1", "10", "20", "999", "trunk", "routed"])
        left = f"{port:<{name_at}}{rng.choice(NAMES):<{status_at - name_at}}"
        lines.append(
            f"{left}{state:<{vlan_at - status_at}}{vlan:<10} a-full a-1000 10/100/1000BaseTX"
        )
    return "\n".join(lines) + "\n"


def best_times(functions: list[Callable[[], int]], repeats: int) -> list[tuple[float, int]]:
    """Best CPU time and row count of each function over ``repeats`` alternating rounds.

    CPU time of this process (not wall time) keeps other processes on a shared
    machine out of the figures; rounds alternate between the functions so that both
    see the same conditions; the garbage collector is paused, as ``timeit`` does.
    """
    best = [(float("inf"), 0)] * len(functions)
    gc.disable()
    try:
        for _ in range(repeats):
            for index, function in enumerate(functions):
                start = time.process_time()
                rows = function()
                best[index] = (min(best[index][0], time.process_time() - start), rows)
    finally:
        gc.enable()
    return best


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--hosts", type=int, default=2000)
    options.add_argument("--ports", type=int, default=48)
    options.add_argument("--platform", choices=sorted(HEADERS), default="cisco_ios")
    options.add_argument("--repeats", type=int, default=5, help="best of N rounds (default 5)")
    args = options.parse_args()
    rng = random.Random(7)
    tables = [status_table(args.platform, args.ports, rng) for _ in range(args.hosts)]
    megabytes = sum(len(t) for t in tables) / 1e6
    template = (
        Path(ntc_templates.__file__).parent
        / "templates"
        / f"{args.platform}_show_interfaces_status.textfsm"
    )
    with template.open(encoding="utf-8") as handle:
        fsm = textfsm.TextFSM(handle)

    def ours() -> int:
        return sum(len(parse_output(args.platform, "show interfaces status", t)) for t in tables)

    def theirs() -> int:
        total = 0
        for table in tables:
            fsm.Reset()
            total += len(fsm.ParseText(table))
        return total

    reference = [
        dict(zip(fsm.header, row, strict=True))
        for row in (fsm.Reset(), fsm.ParseText(tables[0]))[1]
    ]
    mine = parse_output(args.platform, "show interfaces status", tables[0])
    assert [(r["PORT"], r["STATUS"], r["VLAN_ID"]) for r in reference] == [
        (r["port"], r["status"], r["vlan"]) for r in mine
    ], "the two parsers disagree"
    (our_time, our_rows), (fsm_time, fsm_rows) = best_times([ours, theirs], args.repeats)
    assert our_rows == fsm_rows == args.hosts * args.ports
    size = f"{our_rows} rows, {megabytes:.1f} MB"
    print(
        f"{args.platform}: {args.hosts} tables x {args.ports} rows = {size}, best of {args.repeats}"
    )
    print(f"statetrace parse_output : {our_time:8.3f} s CPU  {our_rows / our_time:12,.0f} rows/s")
    print(f"TextFSM (compiled once) : {fsm_time:8.3f} s CPU  {fsm_rows / fsm_time:12,.0f} rows/s")
    print(f"ratio (TextFSM time / ours): {fsm_time / our_time:.1f}x")


if __name__ == "__main__":
    main()
