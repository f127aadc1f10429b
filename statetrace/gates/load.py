"""Reading gate files (TOML or JSON): validated against the published schema (the
contract other tools use), then read into the :class:`GateSet` model it is generated from."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
from pydantic.json_schema import GenerateJsonSchema

from statetrace.gates.model import Gate, GateSet

GATE_SUFFIXES = (".toml", ".json")
SCHEMA_NAME = "schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_ID = "https://statetrace.invalid/gates/schema.json"


class GateFileError(ValueError):
    """A gate file is unreadable or does not match the schema; names file and field."""

    def __init__(self, path: Path, where: str, message: str) -> None:
        self.path, self.where = path, where
        super().__init__(f"{path}: {where}: {message}" if where else f"{path}: {message}")


class _FileSchema(GenerateJsonSchema):
    """Optional fields are absent, never null (TOML has no null); a metric is chosen by
    its ``source`` with if/then, so a validator names the wrong field, not "no match"."""

    def nullable_schema(self, schema: Any) -> Any:
        return self.generate_inner(schema["schema"])

    def tagged_union_schema(self, schema: Any) -> Any:
        generated = super().tagged_union_schema(schema)
        mapping = generated["discriminator"]["mapping"]
        tag = generated["discriminator"]["propertyName"]
        return {
            "type": "object",
            "required": [tag],
            "properties": {tag: {"enum": list(mapping)}},
            "allOf": [
                {"if": {"properties": {tag: {"const": key}}}, "then": {"$ref": ref}}
                for key, ref in mapping.items()
            ],
        }


def generated_gate_schema() -> dict[str, Any]:
    """The JSON Schema of gate files, generated from :class:`GateSet`."""
    schema = GateSet.model_json_schema(by_alias=True, schema_generator=_FileSchema)
    return {"$schema": DIALECT, "$id": SCHEMA_ID, **schema}


def render_gate_schema() -> str:
    """:func:`generated_gate_schema` as the published file's text."""
    return json.dumps(generated_gate_schema(), indent=2, ensure_ascii=False) + "\n"


@cache
def gate_schema() -> dict[str, Any]:
    """The published JSON Schema of gate files (``gates/schema.json``, shipped in
    ``statetrace/gates/data``; a test keeps it equal to the generated one)."""
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
    gate_set = GateSet.model_validate(
        {**data, "path": path, "gate": [{**entry, "source_file": path} for entry in data["gate"]]}
    )
    _check_unique(gate_set.gates)
    return gate_set


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


def _check_unique(gates: Iterable[Gate]) -> None:
    seen: set[str] = set()
    for gate in gates:
        if gate.id in seen:
            raise GateFileError(gate.source_file, f"gate id {gate.id!r}", "duplicate gate id")
        seen.add(gate.id)
