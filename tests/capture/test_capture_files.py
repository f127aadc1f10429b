import pytest

from statetrace.capture import CaptureError, discover_captures


def test_recurses_filters_and_sorts(write_capture, tmp_path):
    write_capture("b/two.LOG", "x")
    write_capture("a/deep/one.txt", "x")
    write_capture("a/notes.md", "x")
    write_capture("a/WarmRunTelemetry-latest.txt", "x")
    write_capture("z.Txt", "x")
    found = discover_captures([tmp_path])
    assert [path.relative_to(tmp_path).as_posix() for path in found] == [
        "a/deep/one.txt",
        "b/two.LOG",
        "z.Txt",
    ]


def test_explicit_files_are_taken_once(write_capture, tmp_path):
    capture = write_capture("dump.cap", "x")
    listed = write_capture("one.log", "x")
    assert discover_captures([capture, listed, tmp_path, listed]) == [capture, listed]


def test_missing_path_names_it(tmp_path):
    missing = tmp_path / "nope"
    with pytest.raises(CaptureError, match="nope"):
        discover_captures([missing])
    assert issubclass(CaptureError, ValueError)
