"""Verdict words (PASSED, FAILED, WARNED, SKIPPED, READY, NOT READY) in colour on a
terminal, plain text everywhere else (pipes, files, ``NO_COLOR``, ``TERM=dumb``)."""

from __future__ import annotations

import sys

from statetrace.terminal import colour_wanted

#: rich style of each verdict word (matched whole, upper case).
VERDICT_STYLES = {
    "PASSED": "bold green",
    "FAILED": "bold red",
    "WARNED": "bold yellow",
    "SKIPPED": "cyan",
    "NOT READY": "bold red",
    "READY": "bold green",
}


def print_verdicts(text: str) -> None:
    """Print ``text`` on standard output, its verdict words highlighted on a terminal."""
    if not colour_wanted(sys.stdout):
        print(text)
        return
    from statetrace.terminal.styled import print_styled

    print_styled(text, VERDICT_STYLES)
