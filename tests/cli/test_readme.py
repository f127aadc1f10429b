"""The README documents every command (a new command without a row fails here)."""

from pathlib import Path

from statetrace.cli import build_parser

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme():
    subparsers = next(a for a in build_parser()._actions if a.dest == "command")
    missing = [name for name in subparsers.choices if f"`statetrace {name}" not in README]
    assert not missing


def test_readme_has_the_two_setup_commands():
    assert "python3 -m pip install -e . && statetrace demo" in README
    assert "python3 -m pip install -e '.[test]' && python3 -m pytest -n 2" in README
    ci = (Path(__file__).resolve().parents[2] / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m pip install -e '.[test]' && python3 -m pytest -n 2" in ci
