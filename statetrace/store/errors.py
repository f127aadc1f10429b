"""The errors of the store package."""

from __future__ import annotations


class StoreError(RuntimeError):
    """A store operation failed; the host's transaction was rolled back."""


class StoreConfigError(StoreError):
    """The store cannot be used at all: malformed URL, unreachable server, missing driver.

    Its message names the store with credentials masked; commands exit 2 on it.
    """
