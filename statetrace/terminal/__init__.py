"""What the command line draws on a terminal: live progress and highlighted verdicts.

Both are drawn with rich, imported only when the stream is a terminal, so commands
whose output goes to a pipe or a file (and ``statetrace --help``) never load it.
"""

from __future__ import annotations

import os
from typing import TextIO


def is_terminal(stream: TextIO) -> bool:
    """True when ``stream`` is an interactive terminal that is not ``TERM=dumb``."""
    try:
        interactive = stream.isatty()
    except (AttributeError, ValueError):  # replaced or closed stream
        return False
    return interactive and os.environ.get("TERM", "") != "dumb"


def colour_wanted(stream: TextIO) -> bool:
    """Colour on ``stream``: a terminal, and ``NO_COLOR`` (no-color.org) unset or empty."""
    return is_terminal(stream) and not os.environ.get("NO_COLOR")
