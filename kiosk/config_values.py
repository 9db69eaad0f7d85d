"""One configuration value: converted to its field's type and checked against the field's
range, choices or pattern, with a message that names where it came from (issue 17: numbers
must be finite). Used by ``kiosk.config``."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from typing import Any


class ConfigError(Exception):
    """A configuration value is wrong: names the file, the key and the reason."""

    def __init__(self, source: str, key: str, reason: str) -> None:
        super().__init__(f"{source}: {key}: {reason}")
        self.source, self.key, self.reason = source, key, reason


def convert_value(value: Any, kind: type[Any], source: str, key: str) -> Any:
    """``value`` (from TOML or the environment) as ``kind``, or ConfigError saying why."""
    if kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in (
            "1",
            "true",
            "yes",
            "on",
            "0",
            "false",
            "no",
            "off",
        ):
            return value.lower() in ("1", "true", "yes", "on")
        raise ConfigError(source, key, f"expected true or false, got {value!r}")
    if kind is int:
        if isinstance(value, bool) or (
            isinstance(value, float) and not (math.isfinite(value) and value.is_integer())
        ):
            raise ConfigError(source, key, f"expected a whole number, got {value!r}")
        try:
            return int(value)
        except (TypeError, ValueError, OverflowError):
            raise ConfigError(source, key, f"expected a whole number, got {value!r}") from None
    if kind is float:
        if isinstance(value, bool):
            raise ConfigError(source, key, f"expected a number, got {value!r}")
        try:
            number = float(value)
        except (TypeError, ValueError, OverflowError):
            raise ConfigError(source, key, f"expected a number, got {value!r}") from None
        if not math.isfinite(number):
            raise ConfigError(source, key, f"expected a finite number, got {value!r}")
        return number
    if not isinstance(value, str):
        raise ConfigError(source, key, f"expected text, got {value!r}")
    return value


def check_value(value: Any, meta: Mapping[str, Any], source: str, key: str) -> None:
    """The field's range, choices or pattern (its metadata), or ConfigError."""
    if "min" in meta and value < meta["min"]:
        raise ConfigError(source, key, f"must be at least {meta['min']}, got {value}")
    if "max" in meta and value > meta["max"]:
        raise ConfigError(source, key, f"must be at most {meta['max']}, got {value}")
    if "choices" in meta and value not in meta["choices"]:
        raise ConfigError(
            source, key, f"must be one of {', '.join(meta['choices'])}, got {value!r}"
        )
    if "pattern" in meta and not re.fullmatch(meta["pattern"], value):
        raise ConfigError(source, key, f"{meta['pattern_doc']}, got {value!r}")
