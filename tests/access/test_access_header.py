"""Encrypted and password-protected Access databases are told by their header (page 0):
synthetic headers built here, and the real BOYO.accdb with the header bytes set."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pytest

from statetrace.access.header import protection, rc4_keystream
from statetrace.access.reader import AccessError, read_access
from statetrace.cli import main
from statetrace.store import open_store

#: The header mask as Jackcess documents it (``JetFormat.BASE_HEADER_MASK``): the RC4
#: keystream of key C7 DA 39 6B that masks the 128 header bytes from 0x18.
JACKCESS_MASK = bytes.fromhex(
    "b56f03626108c255eba96772433f009c7a9f90ff809a31c579baed30bcdfcc9d"
    "63d9e4c37b42fb8abc4e86fbec375d449cfac65e28e613b68a6054947b36f572"
    "dfb177f41343cfafb1333461795b92b57c2a05f17c99011b98fd124f4a946c3e"
    "60265f95f8d089248567c61f2744d2eecf65edff07c746a178160cede92d62d4"
)
CREATED = 46028.561489155094  # 2026-01-06 13:28, the creation date of BOYO.accdb
MAGIC = {0: b"Standard Jet DB\x00", 1: b"Standard Jet DB\x00", 2: b"Standard ACE DB\x00"}
REMOVE = "Access database; remove the password in Access (File > Info > Decrypt Database) first"


def set_header(
    page: bytearray,
    *,
    encoding_key: bytes = bytes(4),
    password: str = "",
    info: tuple[int, int] | None = None,
) -> None:
    """Write clear values into a header page whose masked part is masked (in place)."""
    version = page[0x14]
    length = 126 if version == 0 else 128
    clear = bytearray(
        a ^ b for a, b in zip(page[0x18 : 0x18 + length], JACKCESS_MASK, strict=False)
    )
    clear[0x3E - 0x18 : 0x42 - 0x18] = encoding_key
    if version == 0:
        stored = password.encode("latin-1").ljust(20, b"\x00")
    else:
        mask = struct.pack("<i", int(struct.unpack("<d", clear[0x72 - 0x18 : 0x7A - 0x18])[0]))
        plain = password.encode("utf-16-le").ljust(40, b"\x00")
        stored = bytes(byte ^ mask[i % 4] for i, byte in enumerate(plain))
    clear[0x42 - 0x18 : 0x42 - 0x18 + len(stored)] = stored
    page[0x18 : 0x18 + length] = bytes(a ^ b for a, b in zip(clear, JACKCESS_MASK, strict=False))
    if info is not None:
        page[0x299 : 0x299 + 6] = struct.pack("<HHH", 4, *info)


def synthetic(path: Path, version: int = 2, **header: object) -> Path:
    """A three-page file: a header page (creation date set, nothing else), two empty pages."""
    size = 2048 if version == 0 else 4096
    page = bytearray(size)
    page[:4] = b"\x00\x01\x00\x00"
    page[4:0x14] = MAGIC[version]
    page[0x14] = version
    clear = bytearray(128)
    clear[0x72 - 0x18 : 0x7A - 0x18] = struct.pack("<d", CREATED)
    page[0x18 : 0x18 + 128] = bytes(a ^ b for a, b in zip(clear, JACKCESS_MASK, strict=False))
    set_header(page, **header)  # type: ignore[arg-type]
    path.write_bytes(bytes(page) + bytes(2 * size))
    return path


def test_the_mask_is_jackcess_header_mask() -> None:
    assert rc4_keystream(b"\xc7\xda\x39\x6b", 128) == JACKCESS_MASK


@pytest.mark.parametrize("version", [0, 1, 2])
def test_a_plain_header_is_not_protected(tmp_path: Path, version: int) -> None:
    assert protection(synthetic(tmp_path / "a.accdb", version).read_bytes()) == ""


@pytest.mark.parametrize(
    ("version", "header", "reason"),
    [
        (2, {"info": (4, 4)}, "encrypted (Office agile encryption, EncryptionInfo version 4.4)"),
        (
            2,
            {"info": (3, 2)},
            "encrypted (Office standard / RC4 CryptoAPI encryption, EncryptionInfo version 3.2)",
        ),
        (2, {"info": (1, 1)}, "encrypted (Office RC4 encryption, EncryptionInfo version 1.1)"),
        (2, {"info": (9, 9)}, "encrypted (Office crypto, EncryptionInfo version 9.9)"),
        (1, {}, "encrypted (Jet RC4 page encoding)"),
        (0, {}, "encrypted (Jet RC4 page encoding)"),
    ],
    ids=["ace-agile", "ace-standard", "ace-rc4", "ace-unknown", "jet4", "jet3"],
)
def test_an_encoding_key_means_encrypted(
    tmp_path: Path, version: int, header: dict[str, object], reason: str
) -> None:
    path = synthetic(tmp_path / "a.accdb", version, encoding_key=b"\x11\x22\x33\x44", **header)
    with pytest.raises(AccessError) as raised:
        read_access(path)
    assert str(raised.value) == f"{path}: {reason} {REMOVE}"


@pytest.mark.parametrize("version", [0, 1, 2])
def test_a_database_password_means_protected(tmp_path: Path, version: int) -> None:
    path = synthetic(tmp_path / "a.accdb", version, password="s3cret")
    assert protection(path.read_bytes()) == "password-protected (a database password is set)"


def test_synthetic_encrypted_file_is_one_line_and_exit_1(
    store_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "LAB").mkdir()
    path = synthetic(tmp_path / "LAB" / "LAB.accdb", encoding_key=b"\x01\0\0\0", info=(4, 4))
    for command in ("import", "compare"):
        assert main([command, "access", str(path), "--store", store_url]) == 1
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        (line,) = [line for line in out.splitlines() if line.startswith(str(path))]
        assert line.startswith(f"{path}: encrypted (Office agile encryption")
    assert open_store(store_url).sites() == []


@pytest.fixture
def boyo_bytes(shared_dir: Path, tmp_path: Path) -> Path:
    path = shared_dir / "data/statetrace-upstream/Data/BOYO/BOYO.accdb"
    if not path.is_file():
        pytest.skip(f"{path} not present")
    target = tmp_path / "BOYO" / "BOYO.accdb"
    target.parent.mkdir()
    shutil.copyfile(path, target)
    return target


def test_boyo_header_is_plain(boyo_bytes: Path) -> None:
    assert protection(boyo_bytes.read_bytes()) == ""


@pytest.mark.parametrize(
    ("header", "reason"),
    [
        (
            {"encoding_key": b"\x5a\x5a\x5a\x5a", "info": (4, 4)},
            "encrypted (Office agile encryption, EncryptionInfo version 4.4)",
        ),
        ({"password": "boyo"}, "password-protected (a database password is set)"),
    ],
    ids=["encrypted", "password"],
)
def test_boyo_with_header_bytes_set_is_refused(
    boyo_bytes: Path,
    store_url: str,
    capsys: pytest.CaptureFixture[str],
    header: dict[str, object],
    reason: str,
) -> None:
    data = bytearray(boyo_bytes.read_bytes())
    page = bytearray(data[:4096])
    set_header(page, **header)  # type: ignore[arg-type]
    data[:4096] = page
    boyo_bytes.write_bytes(bytes(data))
    assert main(["import", "access", str(boyo_bytes), "--store", store_url]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert f"{boyo_bytes}: {reason} {REMOVE}" in out.splitlines()
    assert open_store(store_url).sites() == []
