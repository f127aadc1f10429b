"""The Jet/ACE file header (page 0): is the database encrypted or password-protected?

The layout, as mdbtools (``src/libmdb/file.c``) and Jackcess / jackcess-encrypt
(after MS-OFFCRYPTO) read it:

* ``0x14``: the version byte (0 Jet 3, 1 Jet 4, 2 and up ACE 12 … 17);
* ``0x18``: 126 (Jet 3) or 128 bytes masked by RC4 with the fixed key ``C7 DA 39 6B``;
* ``0x3E`` (masked): the 4-byte encoding key; not zero when the pages are encrypted:
  Jet RC4 page encoding for Jet 3/4, Office crypto for ACE, whose EncryptionInfo
  starts at ``0x299`` (uint16 length, then uint16 major and minor version);
* ``0x42`` (masked): the database password, 20 bytes (Jet 3) or 40 bytes of UCS-2
  XOR-ed with the 4-byte integer part of the creation date (the double at ``0x72``)
  (Jet 4 and later); all zero when there is none.
"""

from __future__ import annotations

import struct

#: Where the masked part of the header starts, and the key of its RC4 mask.
MASK_START = 0x18
MASK_KEY = b"\xc7\xda\x39\x6b"
VERSION_OFFSET = 0x14
JET3 = 0
ENCODING_KEY = slice(0x3E, 0x42)
PASSWORD_OFFSET = 0x42
CREATION_DATE = slice(0x72, 0x7A)
ENCRYPTION_INFO = 0x299
#: Office crypto schemes by EncryptionInfo version (MS-OFFCRYPTO 2.3.4 – 2.3.6).
OFFICE_SCHEMES = {
    (4, 4): "Office agile encryption",
    (1, 1): "Office RC4 encryption",
    (3, 3): "Office extensible encryption",
    (4, 3): "Office extensible encryption",
}


def rc4_keystream(key: bytes, length: int) -> bytes:
    """The first ``length`` bytes of RC4's keystream for ``key``."""
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) & 0xFF
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for _ in range(length):
        i = (i + 1) & 0xFF
        j = (j + state[i]) & 0xFF
        state[i], state[j] = state[j], state[i]
        out.append(state[(state[i] + state[j]) & 0xFF])
    return bytes(out)


def mask_length(version: int) -> int:
    """How many header bytes from :data:`MASK_START` are masked."""
    return 126 if version == JET3 else 128


def unmasked_header(data: bytes) -> bytes:
    """The header page with its masked part clear (the mask is its own inverse)."""
    length = mask_length(data[VERSION_OFFSET])
    stream = rc4_keystream(MASK_KEY, length)
    masked = data[MASK_START : MASK_START + length]
    clear = bytes(a ^ b for a, b in zip(masked, stream, strict=False))
    return data[:MASK_START] + clear + data[MASK_START + length :]


def protection(data: bytes) -> str:
    """Why the header says the database cannot be read without its password, or ``""``.

    ``data`` is the file (at least its header page); too short a header says nothing.
    """
    version = data[VERSION_OFFSET] if len(data) > VERSION_OFFSET else JET3
    if len(data) < MASK_START + mask_length(version):
        return ""
    header = unmasked_header(data)
    if any(header[ENCODING_KEY]):
        return _encryption(header, version)
    if any(_password(header, version)):
        return "password-protected (a database password is set)"
    return ""


def _encryption(header: bytes, version: int) -> str:
    if version <= 1:
        return "encrypted (Jet RC4 page encoding)"
    if len(header) < ENCRYPTION_INFO + 6:
        return "encrypted (Office crypto)"
    _, major, minor = struct.unpack_from("<HHH", header, ENCRYPTION_INFO)
    scheme = OFFICE_SCHEMES.get((major, minor))
    if scheme is None and minor == 2 and major in (2, 3, 4):
        scheme = "Office standard / RC4 CryptoAPI encryption"
    return f"encrypted ({scheme or 'Office crypto'}, EncryptionInfo version {major}.{minor})"


def _password(header: bytes, version: int) -> bytes:
    if version == JET3:
        return header[PASSWORD_OFFSET : PASSWORD_OFFSET + 20]
    (created,) = struct.unpack("<d", header[CREATION_DATE])
    try:
        mask = struct.pack("<i", int(created))
    except (OverflowError, ValueError, struct.error):  # NaN, infinite or out of range
        mask = b"\x00" * 4
    stored = header[PASSWORD_OFFSET : PASSWORD_OFFSET + 40]
    return bytes(byte ^ mask[i % 4] for i, byte in enumerate(stored))
