"""Where the plugin keeps its per-session objects in ``config.stash``."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pytest_statetrace.finish import Published
    from pytest_statetrace.session import StatetraceSession

#: The session's state (absent when the gates are off).
STATE: pytest.StashKey[StatetraceSession] = pytest.StashKey()
#: What the end of the session produced (controller only).
PUBLISHED: pytest.StashKey[Published] = pytest.StashKey()
