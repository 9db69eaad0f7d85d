"""Typed mutation payloads that check themselves against their declared fields.

A payload is a frozen dataclass; ``from_wire`` accepts a JSON object, ignores keys it does not
declare (the protocol is additive) and refuses a missing or ill-typed field with the field's
name, so the server answers ``invalid_payload:<field>`` and the kiosk can never queue one.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Callable, Mapping
from typing import Any, ClassVar, Self, Union, get_args, get_origin, get_type_hints


class PayloadError(ValueError):
    """A payload that does not fit its type; ``reason`` is what the server answers."""

    def __init__(self, field: str) -> None:
        super().__init__(f"invalid_payload:{field}")
        self.field = field
        self.reason = f"invalid_payload:{field}"


_SIMPLE: dict[Any, Callable[[Any], bool]] = {
    Any: lambda _v: True,
    type(None): lambda v: v is None,
    int: lambda v: isinstance(v, int) and not isinstance(v, bool),
    float: lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
}


def fits(value: Any, hint: Any) -> bool:
    """Whether a JSON value fits a field's type (str, int, float, bool, None, unions,
    ``dict[str, X]``, ``list[X]``, and ``Any``). A bool is never an int here."""
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        return any(fits(value, arg) for arg in get_args(hint))
    if origin is dict:
        key_t, value_t = get_args(hint)
        return isinstance(value, dict) and all(
            fits(k, key_t) and fits(v, value_t) for k, v in value.items()
        )
    if origin is list:
        (item_t,) = get_args(hint)
        return isinstance(value, list) and all(fits(v, item_t) for v in value)
    simple = _SIMPLE.get(hint)
    if simple is not None:
        return simple(value)
    return isinstance(hint, type) and isinstance(value, hint)


@dataclasses.dataclass(frozen=True)
class Payload:
    """Base of every mutation payload: built from JSON with checks, sent as JSON."""

    # The payload field that must equal the envelope's ``entity_id``.
    entity_field: ClassVar[str] = ""

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Self:
        """Check and build; raises PayloadError naming the first field that does not fit."""
        hints = get_type_hints(cls)
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name not in data:
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                    raise PayloadError(f.name)
                continue
            value = data[f.name]
            if not fits(value, hints[f.name]):
                raise PayloadError(f.name)
            values[f.name] = value
        made = cls(**values)
        made.check()
        return made

    def check(self) -> None:
        """Rules beyond types (a subclass raises PayloadError); checked on both sides."""

    def to_wire(self) -> dict[str, Any]:
        """The JSON object sent (and stored in the outbox)."""
        return dataclasses.asdict(self)

    @property
    def entity_id(self) -> str:
        """The id of the entity this payload is about."""
        return str(getattr(self, self.entity_field))
