"""``show interfaces status`` on shapes the synthetic corpus never prints, against TextFSM.

A seeded generator writes Cisco IOS status tables the way the device aligns them
(Port 10, Name 19, Status 13, Vlan 11 columns; Duplex and Speed right-aligned) but
varies what the demo corpus keeps fixed: empty, one-word, full-width (cut at 18
characters) descriptions and descriptions with several spaces or status words in
them; every VLAN form (``1``…``4094``, ``trunk``, ``routed``, ``unassigned``,
``pvlan prom``, ``100,101``); every status word and ``notconnect:`` notes; every port
family (Fa, Gi, Te, Tw, Fo, Hu, Ap, Po); types with spaces (``Not Present``,
``10/100/1000BaseTX SFP``) and none.  The generator knows every row it wrote: our
rows must equal them exactly; TextFSM's wrong rows are counted (its lazy Name stops
at the first status word inside a description).  Both parsers read the same text;
the script prints the best CPU times of alternating rounds and the ratio
(target: >= 15x), and the time of a loop that only cuts lines into the seven fields
(the floor of any parser that builds the same dicts in Python).

    python benchmarks/parse_unseen_shapes.py [--rows 60000] [--ports 48] [--seed 13]
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import ntc_templates
import textfsm
from parse_vs_textfsm import best_times

from statetrace.parsers import parse_output

HEADER = "Port      Name               Status       Vlan       Duplex  Speed Type"
FAMILIES = [
    ("Gi", "1/0/{}"),
    ("Fa", "0/{}"),
    ("Te", "1/1/{}"),
    ("Tw", "1/0/{}"),
    ("Fo", "1/1/{}"),
    ("Hu", "1/0/{}"),
    ("Ap", "1/0/{}"),
    ("Po", "{}"),
]
WORDS = ["AP", "Lobby", "Printer", "2nd", "floor", "cam-12", "uplink", "to", "DIST-A", "Desk"]
STATUSES = [
    "connected",
    "notconnect",
    "disabled",
    "err-disabled",
    "inactive",
    "suspended",
    "monitoring",
]
VLANS = ["trunk", "routed", "unassigned", "pvlan prom", "100,101"]
DUPLEX_SPEED = [
    ("a-full", "a-1000"),
    ("a-full", "a-100"),
    ("a-half", "a-10"),
    ("full", "1000"),
    ("full", "10G"),
    ("auto", "auto"),
    ("a-full", "a-10G"),
]
TYPES = [
    "10/100/1000BaseTX",
    "10/100/1000BaseTX SFP",
    "Not Present",
    "1000BaseSX SFP",
    "SFP-10GBase-SR",
    "100/1000/2.5G/5G/10GBaseTE",
    "",
]


def description(rng: random.Random) -> str:
    """A Name value: empty, one word, several words (some doubled spaces), or a long
    one cut at the 18-character column as IOS prints it; sometimes a status word."""
    kind = rng.random()
    if kind < 0.25:
        return ""
    words = rng.sample(WORDS, rng.randint(1, 4))
    if rng.random() < 0.1:
        words.insert(1, rng.choice(STATUSES))
    separator = "  " if rng.random() < 0.2 else " "
    return separator.join(words)[:18].rstrip()


def status_row(
    rng: random.Random, family: tuple[str, str], number: int
) -> tuple[str, dict[str, str]]:
    """One aligned row and the values it holds."""
    prefix, pattern = family
    port = prefix + pattern.format(number)
    status = rng.choice(STATUSES)
    if status == "notconnect" and rng.random() < 0.05:
        status = "notconnect:"
    vlan = rng.choice(VLANS) if rng.random() < 0.3 else str(rng.randint(1, 4094))
    duplex, speed = rng.choice(DUPLEX_SPEED)
    kind = "" if prefix == "Po" else rng.choice(TYPES)
    name = description(rng)
    line = f"{port:<9} {name:<18} {status:<12} {vlan:<10} {duplex:>6} {speed:>5} {kind}"
    values = (port, name, status.rstrip(":"), vlan, duplex, speed, kind)
    return line.rstrip(), dict(zip(FIELDS, values, strict=True))


FIELDS = ("port", "name", "status", "vlan", "duplex", "speed", "type")


def varied_tables(rows: int, ports: int, seed: int) -> list[tuple[str, list[dict[str, str]]]]:
    """``rows`` rows in tables of ``ports`` rows with the rows they hold, from ``seed``."""
    rng = random.Random(seed)
    tables = []
    for _ in range(max(1, rows // ports)):
        lines, expected = [HEADER], []
        for index in range(ports):
            family = FAMILIES[0] if rng.random() < 0.6 else rng.choice(FAMILIES)
            line, row = status_row(rng, family, index + 1)
            lines.append(line)
            expected.append(row)
        tables.append(("\n".join(lines) + "\n", expected))
    return tables


def row_floor(tables: list[str]) -> int:
    """Rows a loop builds that only cuts each line into the seven fields at the header's
    Status offset (one split, two slices, one strip, the dict), checking nothing: not a
    parser (its rows are wrong for ``pvlan prom`` and misaligned rows), a lower bound on
    the time of any parser that returns the same dicts from Python code."""
    status_at = HEADER.index("Status")
    total = 0
    for table in tables:
        rows = []
        append = rows.append
        for line in table.splitlines()[1:]:
            fields = line[status_at:].split(None, 4)
            space = line.find(" ")
            append(
                {
                    "port": line[:space],
                    "name": line[space:status_at].strip(),
                    "status": fields[0],
                    "vlan": fields[1],
                    "duplex": fields[2],
                    "speed": fields[3],
                    "type": fields[4] if len(fields) > 4 else "",
                }
            )
        total += len(rows)
    return total


def textfsm_rows(fsm: textfsm.TextFSM, text: str) -> list[dict[str, str]]:
    """TextFSM's rows as our field names."""
    fsm.Reset()
    names = {"VLAN_ID": "vlan"}
    header = [names.get(name, name.lower()) for name in fsm.header]
    return [dict(zip(header, record, strict=True)) for record in fsm.ParseText(text)]


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--rows", type=int, default=60000)
    options.add_argument("--ports", type=int, default=48)
    options.add_argument("--seed", type=int, default=13)
    options.add_argument("--repeats", type=int, default=5, help="best of N rounds (default 5)")
    args = options.parse_args()
    generated = varied_tables(args.rows, args.ports, args.seed)
    tables = [text for text, _ in generated]
    template = Path(ntc_templates.__file__).parent / "templates"
    with (template / "cisco_ios_show_interfaces_status.textfsm").open(encoding="utf-8") as handle:
        fsm = textfsm.TextFSM(handle)
    textfsm_wrong = 0
    for table, expected in generated:
        assert parse_output("cisco_ios", "show interfaces status", table) == expected
        theirs = textfsm_rows(fsm, table)
        textfsm_wrong += sum(
            any(row[f] != other[f] for f in FIELDS)
            for row, other in zip(expected, theirs, strict=True)
        )

    def ours_all() -> int:
        return sum(len(parse_output("cisco_ios", "show interfaces status", t)) for t in tables)

    def theirs_all() -> int:
        total = 0
        for table in tables:
            fsm.Reset()
            total += len(fsm.ParseText(table))
        return total

    timed = best_times([ours_all, theirs_all, lambda: row_floor(tables)], args.repeats)
    (our_time, our_rows), (fsm_time, fsm_rows), (floor_time, floor_rows) = timed
    assert our_rows == fsm_rows == floor_rows
    megabytes = sum(len(t) for t in tables) / 1e6
    print(f"varied cisco_ios status tables: {our_rows} rows, {megabytes:.1f} MB, seed {args.seed}")
    print(f"statetrace parse_output : {our_time:8.3f} s CPU  {our_rows / our_time:12,.0f} rows/s")
    print(f"TextFSM (compiled once) : {fsm_time:8.3f} s CPU  {fsm_rows / fsm_time:12,.0f} rows/s")
    print(f"ratio (TextFSM time / ours): {fsm_time / our_time:.1f}x")
    print(f"rows right: ours {our_rows} of {our_rows}, TextFSM {fsm_rows - textfsm_wrong}")
    print(
        f"floor (seven fields per line, no checks): {floor_time:.3f} s CPU, "
        f"{fsm_time / floor_time:.1f}x TextFSM: no parser building row dicts in Python beats it"
    )


if __name__ == "__main__":
    main()
