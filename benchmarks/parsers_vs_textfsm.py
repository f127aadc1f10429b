"""Every parser that has an ntc-templates template, against it, on ntc's real samples.

For each ``<platform>/<command>`` folder of ``../shared/data/ntc-templates`` whose
command we parse (and whose template ships with the installed ntc-templates), both
parsers read every ``.raw`` sample of the folder, repeated until each round holds
about ``--rows`` rows; templates are compiled once and ``Reset`` per sample.  Prints
the best CPU time of alternating rounds per parser and the ratio (target: >= 10x).

    python benchmarks/parsers_vs_textfsm.py [--rows 5000] [--repeats 5]
"""

from __future__ import annotations

import argparse
from pathlib import Path

import ntc_templates
import textfsm
from parse_vs_textfsm import best_times

from statetrace.commands import canonical_command
from statetrace.parsers import UnsupportedError, parse_output
from statetrace.platforms import get_platform

NTC = Path(__file__).resolve().parents[2] / "shared" / "data" / "ntc-templates"
TEMPLATES = Path(ntc_templates.__file__).parent / "templates"


def cases() -> list[tuple[str, str, Path, list[str]]]:
    """``(platform, command, template, sample texts)`` for every folder both parse."""
    found = []
    for folder in sorted(path for path in NTC.glob("*/*") if path.is_dir()):
        template = TEMPLATES / f"{folder.parent.name}_{folder.name}.textfsm"
        command = canonical_command(folder.name.replace("_", " "))
        if command is None or not template.is_file():
            continue
        try:
            platform = get_platform(folder.parent.name).name
            parse_output(platform, command, "")
        except UnsupportedError:
            continue
        texts = [raw.read_text(encoding="utf-8", errors="replace") for raw in folder.glob("*.raw")]
        found.append((platform, command, template, texts))
    return found


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--rows", type=int, default=5000, help="rows per round (about)")
    options.add_argument("--repeats", type=int, default=5, help="best of N rounds (default 5)")
    args = options.parse_args()
    print(f"{'platform':16} {'command':34} {'rows':>7} {'ours s':>8} {'TextFSM s':>9} {'ratio':>6}")
    for platform, command, template, texts in cases():
        with template.open(encoding="utf-8") as handle:
            fsm = textfsm.TextFSM(handle)
        per_round = max(1, sum(len(parse_output(platform, command, t)) for t in texts))
        samples = texts * max(1, args.rows // per_round)

        def ours(
            samples: list[str] = samples, platform: str = platform, command: str = command
        ) -> int:
            return sum(len(parse_output(platform, command, text)) for text in samples)

        def theirs(samples: list[str] = samples, fsm: textfsm.TextFSM = fsm) -> int:
            total = 0
            for text in samples:
                fsm.Reset()
                total += len(fsm.ParseText(text))
            return total

        (our_time, rows), (fsm_time, _) = best_times([ours, theirs], args.repeats)
        ratio = fsm_time / our_time
        print(f"{platform:16} {command:34} {rows:7} {our_time:8.3f} {fsm_time:9.3f} {ratio:5.1f}x")


if __name__ == "__main__":
    main()
