"""Parser errors: a malformed block (with its line) and an unsupported platform or command."""

from __future__ import annotations


class ParseError(ValueError):
    """A block could not be parsed; ``line`` is 1-based inside the block text."""

    def __init__(self, command: str, message: str, line: int) -> None:
        super().__init__(f"{command}: line {line}: {message}")
        self.command = command
        self.message = message
        self.line = line


class UnsupportedError(ValueError):
    """The platform or command has no parser; the message lists what is supported."""
