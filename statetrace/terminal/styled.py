"""Text printed with rich, words styled, never wrapped or cut (imported on a terminal only).

rich rather than raw escape codes: its console knows the terminal's colour depth
and the Windows console.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rich.console import Console
from rich.text import Text


def print_styled(text: str, styles: Mapping[str, str]) -> None:
    """Print ``text`` with each whole word (or phrase) of ``styles`` in its style;
    the longest phrase wins where they overlap (``NOT READY`` over ``READY``)."""
    words = sorted(styles, key=len, reverse=True)
    pattern = re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")
    styled = Text(text)
    for match in pattern.finditer(text):
        styled.stylize(styles[match.group()], match.start(), match.end())
    Console(soft_wrap=True, highlight=False).print(styled)
