"""Reading captures: discovering files, splitting per host, decoding, carving, vendor detection.

Typical use, per host::

    slices = [s for path in discover_captures(paths) for s in index_file(path).slices]
    winners, superseded = newest_per_host(slices)
    capture = read_slice(winner)
    blocks = carve_blocks(capture.text, capture.first_line)
    guess = detect_vendor(capture.text, blocks)

The names are imported on first use (PEP 562): a run whose captures are all
unchanged uses only files and slices, never the prompt rules or the platform
descriptors that splitting, carving and vendor detection import.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from statetrace.capture.blocks import Block, carve_blocks
    from statetrace.capture.decode import CaptureText, decode_capture, read_slice
    from statetrace.capture.files import CaptureError, discover_captures
    from statetrace.capture.slices import CaptureProblem, FileIndex, HostSlice, newest_per_host
    from statetrace.capture.split import index_file
    from statetrace.capture.vendor import VendorGuess, detect_vendor

#: Public name -> the module under ``statetrace.capture`` defining it.
_HOME = {
    "Block": "blocks",
    "carve_blocks": "blocks",
    "CaptureText": "decode",
    "decode_capture": "decode",
    "read_slice": "decode",
    "CaptureError": "files",
    "discover_captures": "files",
    "CaptureProblem": "slices",
    "FileIndex": "slices",
    "HostSlice": "slices",
    "newest_per_host": "slices",
    "index_file": "split",
    "VendorGuess": "vendor",
    "detect_vendor": "vendor",
}

__all__ = [
    "Block",
    "CaptureError",
    "CaptureProblem",
    "CaptureText",
    "FileIndex",
    "HostSlice",
    "VendorGuess",
    "carve_blocks",
    "decode_capture",
    "detect_vendor",
    "discover_captures",
    "index_file",
    "newest_per_host",
    "read_slice",
]


def __getattr__(name: str) -> object:
    """Import the module defining ``name`` when it is first asked for."""
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)
