"""Reading gate files (TOML or JSON) and validating them against the shipped schema."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from statetrace.gates.model import Gate, GateSet

GATE_SUFFIXES = (".toml", ".json")
SCHEMA_NAME = "schema.json"


class GateFileError(ValueError):
    """A gate file is unreadable or does not match the schema; names file and field."""

    def __init__(self, path: Path, where: str, message: str) -> None:
        self.path, self.where = path, where
        super().__init__(f"{path}: {where}: {message}" if where else f"{path}: {message}")


@cache
def gate_schema() -> dict[str, Any]:
    """The JSON Schema of gate files (shipped in ``statetrace/gates/data``)."""
    text = (
        resources.files("statetrace.gates")
        .joinpath("data")
        .joinpath(SCHEMA_NAME)
        .read_text("utf-8")
    )
    return json.loads(text)


def default_gates_dir() -> Path:
    """The packaged default gate set (in a checkout, a link to the repository's ``gates/``)."""
    return Path(str(resources.files("statetrace.gates").joinpath("data")))


def gate_files(path: Path) -> list[Path]:
    """A gate file, or the gate files of a folder (by name; the schema excluded)."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise GateFileError(path, "", "no such gate file or folder")
    return sorted(p for p in path.iterdir() if p.suffix in GATE_SUFFIXES and p.name != SCHEMA_NAME)


def load_gate_file(path: Path) -> GateSet:
    """Parse and validate one gate file."""
    data = _parse(path)
    errors = sorted(
        jsonschema.Draft202012Validator(gate_schema()).iter_errors(data),
        key=lambda error: list(error.absolute_path),
    )
    if errors:
        best = jsonschema.exceptions.best_match(errors)
        raise GateFileError(path, _where(data, best.absolute_path), best.message)
    gates = tuple(_gate(entry, path) for entry in data["gate"])
    _check_unique(gates)
    return GateSet(data["name"], data.get("description", ""), path, gates)


def load_gates(path: Path) -> list[Gate]:
    """Every gate of a file or folder; ids must be unique across the files."""
    gates = [gate for file in gate_files(path) for gate in load_gate_file(file).gates]
    _check_unique(gates)
    return gates


def _parse(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise GateFileError(path, "", f"cannot read: {error.strerror}") from None
    try:
        data = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise GateFileError(path, "", f"not valid TOML: {error}") from None
    except json.JSONDecodeError as error:
        raise GateFileError(path, f"line {error.lineno}", f"not valid JSON: {error.msg}") from None
    if not isinstance(data, dict):
        raise GateFileError(path, "", "a gate file holds one object")
    return data


def _where(data: dict[str, Any], path: Any) -> str:
    """``gate[2] (id 'x').comparator`` for a schema error path."""
    parts: list[str] = []
    node: Any = data
    for step in path:
        if isinstance(step, int):
            parts[-1] += f"[{step}]"
            node = node[step]
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                parts[-1] += f" (id {node['id']!r})"
        else:
            parts.append(str(step))
            node = node.get(step) if isinstance(node, dict) else None
    return ".".join(parts) or "(top level)"


def _gate(entry: dict[str, Any], path: Path) -> Gate:
    return Gate(
        id=entry["id"],
        description=entry["description"],
        metric=dict(entry["metric"]),
        statistic=entry["statistic"],
        comparator=entry["comparator"],
        threshold=float(entry["threshold"]),
        severity=entry["severity"],
        source_file=path,
        unit=entry.get("unit", ""),
        required=entry.get("required", False),
        report_above=entry.get("report_above"),
        plans=tuple(entry.get("plans", ())),
        tasks=tuple(entry.get("tasks", ())),
    )


def _check_unique(gates: Iterable[Gate]) -> None:
    seen: set[str] = set()
    for gate in gates:
        if gate.id in seen:
            raise GateFileError(gate.source_file, f"gate id {gate.id!r}", "duplicate gate id")
        seen.add(gate.id)
