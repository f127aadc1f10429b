"""JSON Schemas of the event models, validation of event dicts, and the
generated event reference ``docs/telemetry.md``.

Everything is derived from :func:`statetrace.telemetry.events.all_event_models`,
so a new event module is picked up without touching this file.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import orjson
from jsonschema import Draft202012Validator

from statetrace.telemetry.events import Event, all_event_models
from statetrace.telemetry.reader import ReadReport, iter_events

DIALECT = "https://json-schema.org/draft/2020-12/schema"
SCHEMA_SUFFIX = ".schema.json"
DEFAULT_SCHEMA_DIR = Path("docs/schemas")
DEFAULT_DOCS_PATH = Path("docs/telemetry.md")

Schemas = Mapping[str, Mapping[str, Any]]


class EventValidationError(ValueError):
    """An event dict that does not match its schema (or names no known event)."""


def event_schema(model: type[Event]) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of one event model."""
    schema = model.model_json_schema()
    return {"$schema": DIALECT, "$id": f"{model.event_name}{SCHEMA_SUFFIX}", **schema}


def all_schemas() -> dict[str, dict[str, Any]]:
    """Schema of every event model, by event name."""
    return {name: event_schema(model) for name, model in all_event_models().items()}


def export_schemas(out_dir: Path | str = DEFAULT_SCHEMA_DIR) -> list[Path]:
    """Write ``<EventName>.schema.json`` for every event; returns the files written."""
    directory = Path(out_dir)
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in all_schemas().items():
        path = directory / f"{name}{SCHEMA_SUFFIX}"
        path.write_bytes(orjson.dumps(schema, option=orjson.OPT_INDENT_2) + b"\n")
        written.append(path)
    return written


def load_schemas(directory: Path | str) -> dict[str, dict[str, Any]]:
    """Schemas previously written by :func:`export_schemas`, by event name."""
    return {
        path.name.removesuffix(SCHEMA_SUFFIX): orjson.loads(path.read_bytes())
        for path in sorted(Path(directory).glob(f"*{SCHEMA_SUFFIX}"))
    }


def validation_errors(event: Mapping[str, Any], schemas: Schemas | None = None) -> list[str]:
    """Every way ``event`` breaks its schema (empty when valid)."""
    schemas = schemas if schemas is not None else all_schemas()
    name = event.get("EventName")
    schema = schemas.get(name) if isinstance(name, str) else None
    if schema is None:
        return [f"no schema for EventName {name!r}"]
    validator = Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(event)'}: {error.message}"
        for error in sorted(validator.iter_errors(event), key=lambda error: list(error.path))
    ]


def validate_event(event: Mapping[str, Any], schemas: Schemas | None = None) -> None:
    """Raise :class:`EventValidationError` unless ``event`` matches its schema."""
    errors = validation_errors(event, schemas)
    if errors:
        raise EventValidationError(f"{event.get('EventName')!r}: " + "; ".join(errors))


def validate_file(path: Path | str, schemas: Schemas | None = None) -> Iterator[str]:
    """``file:line: problem`` for every bad line of a JSON-lines telemetry file."""
    schemas = schemas if schemas is not None else all_schemas()
    report = ReadReport(str(path))
    for event in iter_events(path, report):
        for error in validation_errors(event, schemas):
            yield f"{path}: event {report.events}: {error}"
    yield from (str(issue) for issue in report.issues)


def _type_of(spec: Mapping[str, Any]) -> str:
    if "const" in spec:
        return f"`{spec['const']}`"
    if "anyOf" in spec:
        return " or ".join(_type_of(option) for option in spec["anyOf"])
    kind = spec.get("type", "any")
    if kind == "array":
        return f"array of {_type_of(spec.get('items', {}))}"
    return f"{kind} ({spec['format']})" if "format" in spec else str(kind)


def _event_section(name: str, model: type[Event]) -> list[str]:
    schema = event_schema(model)
    required = set(schema.get("required", []))
    lines = [f"## {name}", "", schema.get("description", "")]
    if model.emitted_when:
        lines += ["", f"Emitted {model.emitted_when}."]
    lines += ["", "| Field | Type | Required | Meaning (unit) |", "|---|---|---|---|"]
    for field_name, spec in schema["properties"].items():
        description = str(spec.get("description", "")).replace("|", "\\|").replace("\n", " ")
        mark = "yes" if field_name in required else "no"
        lines.append(f"| `{field_name}` | {_type_of(spec)} | {mark} | {description} |")
    return lines + [""]


def render_telemetry_docs() -> str:
    """The Markdown reference of every event (the content of ``docs/telemetry.md``)."""
    models = all_event_models()
    lines = [
        "# Telemetry events",
        "",
        "<!-- Generated by `statetrace schema docs` from statetrace.telemetry.events;"
        " do not edit by hand. -->",
        "",
        "Events are JSON lines in `Logs/IngestionMetrics/<yyyy-MM-dd>.json`; `EventName` and"
        " `Timestamp` come first. Fields whose value is null are omitted. JSON Schemas:"
        " `statetrace schema export`.",
        "",
        *(f"- [{name}](#{name.lower()})" for name in models),
        "",
    ]
    for name, model in models.items():
        lines += _event_section(name, model)
    return "\n".join(lines).rstrip("\n") + "\n"


def write_telemetry_docs(path: Path | str = DEFAULT_DOCS_PATH) -> Path:
    """Write :func:`render_telemetry_docs` to ``path``."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_telemetry_docs(), encoding="utf-8")
    return target
