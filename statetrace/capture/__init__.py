"""Reading captures: discovering files, splitting per host, decoding, carving, vendor detection.

Typical use, per host::

    slices = [s for path in discover_captures(paths) for s in index_file(path).slices]
    winners, superseded = newest_per_host(slices)
    capture = read_slice(winner)
    blocks = carve_blocks(capture.text, capture.first_line)
    guess = detect_vendor(capture.text, blocks)
"""

from statetrace.capture.blocks import Block, carve_blocks
from statetrace.capture.decode import CaptureText, decode_capture, read_slice
from statetrace.capture.files import CaptureError, discover_captures
from statetrace.capture.split import (
    CaptureProblem,
    FileIndex,
    HostSlice,
    index_file,
    newest_per_host,
)
from statetrace.capture.vendor import VendorGuess, detect_vendor

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
