import pickle

import pytest

from statetrace.capture import CaptureError, decode_capture, index_file, read_slice


@pytest.mark.parametrize(
    "raw",
    [
        b"SW#show ver\nline two\n",
        b"\xef\xbb\xbfSW#show ver\r\nline two\r\n",
        b"SW#show ver\rline two\r",
        b"SW#show ver\r\nline two\n",
    ],
)
def test_bom_and_newline_styles(raw):
    decoded = decode_capture(raw)
    assert decoded.text == "SW#show ver\nline two\n"
    assert decoded.invalid_bytes == 0
    assert decoded.first_line == 1


def test_invalid_bytes_are_replaced_and_counted():
    decoded = decode_capture(b"caf\xe9 \xff\xfe ok \xe2\x82\xac \xef\xbf\xbd\n")
    assert decoded.text == "caf\ufffd \ufffd\ufffd ok \u20ac \ufffd\n"
    assert decoded.invalid_bytes == 3  # a real U+FFFD in the input is not counted


def test_cisco_more_prompt_and_its_erasure():
    erase = "\x08" * 9 + " " * 9 + "\x08" * 9
    raw = f"Gi1/0/1  connected\n --More-- {erase}  Gi1/0/2  notconnect\n"
    assert decode_capture(raw.encode()).text == "Gi1/0/1  connected\n  Gi1/0/2  notconnect\n"


def test_fastiron_more_prompt():
    raw = "a\n--More--, next page: Space, next line: Return key, quit: Control-c\x08\x08\x08b\n"
    assert decode_capture(raw.encode()).text == "a\nb\n"


def test_backspaces_ansi_and_nul():
    raw = (
        b"\x1b[1;32mSW#\x1b[0msh\x08\x08show ver\x00\r\x00\n"
        b"abc\x08\x08\x08\x08\x08x\n"
        b"\x1b]0;title\x07end\n"
    )
    assert decode_capture(raw).text == "SW#show ver\nx\nend\n"


def test_artefacts_never_remove_lines():
    raw = b"a\n\x08\x08\x08\n --More-- \n\x1b[K\nb\n"
    assert decode_capture(raw).text.count("\n") == 5


def test_read_slice_reads_only_the_slice(write_capture):
    path = write_capture("two.log", b"SW-A#show ver\r\nA out\r\nSW-B#show ver\r\nB\xff out\r\n")
    first, second = index_file(path).slices
    assert read_slice(first).text == "SW-A#show ver\nA out\n"
    text = read_slice(second)
    assert (text.text, text.invalid_bytes, text.first_line) == (
        "SW-B#show ver\nB\ufffd out\n",
        1,
        3,
    )


def test_prompt_behind_paging_debris_is_found(write_capture):
    erase = b"\x08" * 9 + b" " * 9 + b"\x08" * 9
    path = write_capture(
        "paged.log", b"SW-A#show ver\r\nx\r\n --More-- " + erase + b"SW-B#show ver\r\n"
    )
    assert [s.host for s in index_file(path).slices] == ["SW-A", "SW-B"]


def test_read_slice_refuses_a_changed_file(write_capture):
    path = write_capture("changing.log", "SW-A#show ver\nold output\n")
    [piece] = index_file(path).slices
    path.write_text("SW-A#show ver\nnew output\n")
    with pytest.raises(CaptureError, match=r"changing\.log:1: capture changed"):
        read_slice(piece)


def test_slices_survive_pickling_for_worker_processes(write_capture):
    [piece] = index_file(write_capture("pickled.log", "SW-A#show ver\n")).slices
    assert pickle.loads(pickle.dumps(piece)) == piece
