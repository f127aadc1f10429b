"""The base class of all telemetry events."""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field


def local_now() -> datetime:
    """Current local time with its UTC offset, as the PowerShell writer stamps events."""
    return datetime.now().astimezone()


def _name_is_const(schema: dict[str, Any], model: type[BaseModel]) -> None:
    """Pin ``EventName`` in each model's JSON Schema to the model's own event name.

    ``EventName`` is filled in by the model itself, so in Python it has a default;
    on the wire it is always present, so the schema requires it.
    """
    name = getattr(model, "event_name", None)
    if name:
        schema["properties"]["EventName"]["const"] = name
    schema["properties"]["EventName"].pop("default", None)
    required = schema.setdefault("required", [])
    if "EventName" not in required:
        required.insert(0, "EventName")
    schema["description"] = (model.__doc__ or "").strip().split("\n\n")[0]


class Event(BaseModel):
    """Common envelope: ``EventName`` and ``Timestamp`` come first on every line.

    Subclasses set ``event_name`` and declare their payload fields with a
    ``description`` (unit and meaning), which ends up in the JSON Schema and in
    ``docs/telemetry.md``.
    """

    model_config = ConfigDict(
        extra="forbid", frozen=True, json_schema_extra=_name_is_const, defer_build=True
    )

    event_name: ClassVar[str]
    #: One-line description of when the event is emitted (for the docs).
    emitted_when: ClassVar[str] = ""

    EventName: str = Field(default="", description="Name of the event; selects the schema.")
    Timestamp: datetime = Field(
        default_factory=local_now,
        description="When the event was emitted: ISO-8601 local time with UTC offset.",
    )
    RunId: str | None = Field(
        default=None, description="Identifier of the ingestion run that emitted the event."
    )

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        name = cls.__dict__.get("event_name")
        if name:
            _REGISTRY[name] = cls

    def __init__(self, **data: Any) -> None:
        data.setdefault("EventName", type(self).event_name)
        super().__init__(**data)

    def to_json_dict(self) -> dict[str, object]:
        """The event as it is written: a flat JSON object, ``None`` fields dropped."""
        return self.model_dump(mode="json", exclude_none=True)


_REGISTRY: dict[str, type[Event]] = {}


def all_event_models() -> dict[str, type[Event]]:
    """Every defined event model by event name (importing all event modules first)."""
    import statetrace.telemetry.events as package  # noqa: F401  (registers the models)

    return dict(sorted(_REGISTRY.items()))


def event_model(name: str) -> type[Event]:
    """The model of the event called ``name``; ``KeyError`` if there is none."""
    return all_event_models()[name]
