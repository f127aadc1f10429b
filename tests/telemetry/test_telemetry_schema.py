"""Exported JSON Schemas validate what the writer emits; docs are up to date."""

from __future__ import annotations

from pathlib import Path

import pytest

from statetrace.telemetry.events import all_event_models
from statetrace.telemetry.reader import iter_events
from statetrace.telemetry.schema import (
    EventValidationError,
    export_schemas,
    load_schemas,
    render_telemetry_docs,
    validate_event,
    validate_file,
    validation_errors,
)
from statetrace.telemetry.writer import TelemetryWriter, metrics_dir
from tests.analyzers.engine_events import engine_events

DOCS = Path(__file__).resolve().parents[2] / "docs" / "telemetry.md"


def test_one_schema_file_per_event_model(tmp_path: Path) -> None:
    written = export_schemas(tmp_path)
    names = {path.name for path in written}
    assert names == {f"{name}.schema.json" for name in all_event_models()}
    schema = load_schemas(tmp_path)["ParseDuration"]
    assert schema["properties"]["EventName"]["const"] == "ParseDuration"
    assert schema["additionalProperties"] is False


def test_emitted_events_validate_against_exported_schemas(tmp_path: Path) -> None:
    schemas = load_schemas(export_schemas(tmp_path / "schemas")[0].parent)
    with TelemetryWriter(tmp_path, run_id="r") as writer:
        for event in engine_events():
            writer.emit(event)
    events = [event for path in metrics_dir(tmp_path).glob("*.json") for event in iter_events(path)]
    assert len(events) == len(engine_events())
    for event in events:
        validate_event(event, schemas)
    assert list(validate_file(next(metrics_dir(tmp_path).glob("*.json")), schemas)) == []


def test_schema_rejects_wrong_types_unknown_fields_and_names() -> None:
    event = engine_events()[7].to_json_dict()  # a ParseDuration
    bad = {**event, "DurationSeconds": "slow", "Extra": 1}
    errors = validation_errors(bad)
    assert any("DurationSeconds" in error for error in errors)
    assert any("Extra" in error for error in errors)
    with pytest.raises(EventValidationError):
        validate_event({"EventName": "NoSuchEvent"})
    with pytest.raises(EventValidationError, match="Timestamp"):
        validate_event({**event, "Timestamp": "not a time"})


def test_docs_are_generated_from_the_models() -> None:
    assert DOCS.read_text(encoding="utf-8") == render_telemetry_docs(), (
        "docs/telemetry.md is out of date: run `statetrace schema docs --out docs/telemetry.md`"
    )


def test_docs_list_every_event_and_field() -> None:
    text = render_telemetry_docs()
    for name, model in all_event_models().items():
        assert f"## {name}" in text
        for field_name in model.model_fields:
            assert f"| `{field_name}` |" in text
