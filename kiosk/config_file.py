"""Changing a few keys of the config file from the technician's screen.

The file stays as the technician wrote it: its comments, its order and every other key.
Only the lines of the changed keys are replaced (or added to their section). The whole new
text is read by the same loader the kiosk starts with *before* anything is written, so a
value that fails validation leaves the file untouched; the old file is kept beside it as
``<name>.previous``; the new one replaces it atomically (a power cut leaves one or the other,
never half of one).
"""

from __future__ import annotations

import json
import math
import re
import stat
import tomllib
from collections.abc import Mapping
from pathlib import Path

from kiosk.config import ENV_PREFIX, SECTIONS, Config, ConfigError, parse_config
from kiosk.domain.files import write_atomic

__all__ = ["EDITABLE", "edit_text", "previous_path", "save_settings"]

# What the technician's screen may change: "section.key".
EDITABLE = frozenset(
    {
        "idcard.backend",
        "idcard.sam_port",
        "printer.queue",
        "voice.volume",
        "display.default_mode",
        "session.idle_seconds",
    }
)
_HEADER = re.compile(r"^\s*\[\s*([A-Za-z0-9_.-]+)\s*\]\s*(#.*)?$")


def previous_path(path: Path) -> Path:
    """Where the file before the last change is kept."""
    return path.with_name(path.name + ".previous")


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError("not a finite number")
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a TOML basic string
    raise ValueError(f"cannot write a {type(value).__name__}")


def _section_span(lines: list[str], section: str) -> tuple[int, int] | None:
    """Lines [start, end) of ``[section]``'s body, or None when the file has none."""
    start = None
    for i, line in enumerate(lines):
        header = _HEADER.match(line)
        if header is None:
            continue
        if start is not None:
            return start, i
        if header.group(1) == section:
            start = i + 1
    return None if start is None else (start, len(lines))


def edit_text(text: str, changes: Mapping[str, object]) -> str:
    """``text`` with each ``"section.key": value`` set; other lines as they were."""
    lines = text.splitlines()
    for dotted, value in changes.items():
        section, key = dotted.split(".", 1)
        entry = f"{key} = {_toml(value)}"
        span = _section_span(lines, section)
        if span is None:
            lines += ["", f"[{section}]", entry]
            continue
        start, end = span
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        at = next((i for i in range(start, end) if pattern.match(lines[i])), None)
        if at is not None:
            lines[at] = entry
            continue
        last = max([i for i in range(start, end) if lines[i].strip()], default=start - 1)
        lines.insert(last + 1, entry)
    return "\n".join(lines) + "\n"


def save_settings(
    path: Path | None, changes: Mapping[str, object], env: Mapping[str, str]
) -> Config:
    """Write ``changes`` into the config file at ``path``; the config it now gives.

    ConfigError (the file untouched) when: the kiosk runs without a file, a key is not one
    the screen may change, the environment overrides a changed key (the file's value would
    not be used), a value fails the checks, or the file cannot be read or written.
    """
    if path is None:
        raise ConfigError("(defaults)", "(file)", "this kiosk was started without a config file")
    source = str(path)
    for dotted in changes:
        if dotted not in EDITABLE:
            raise ConfigError(source, dotted, "not a setting this screen may change")
        section, key = dotted.split(".", 1)
        env_key = f"{ENV_PREFIX}{section}_{key}".upper()
        if section in SECTIONS and env_key in env:
            raise ConfigError(source, dotted, f"set by the environment ({env_key})")
    try:
        old = path.read_text(encoding="utf-8")
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError as exc:
        raise ConfigError(source, "(file)", f"cannot read: {exc.strerror or exc}") from None
    try:
        new = edit_text(old, changes)
    except ValueError as exc:
        raise ConfigError(source, "(value)", str(exc)) from None
    config = parse_config(new, source, env)  # raises before anything is written
    parsed = tomllib.loads(new)
    for dotted, value in changes.items():
        section, key = dotted.split(".", 1)
        if parsed.get(section, {}).get(key) != value:  # e.g. a dotted key elsewhere
            raise ConfigError(source, dotted, "the file's layout does not let it be changed here")
    try:
        write_atomic(previous_path(path), old.encode("utf-8"), mode)
        write_atomic(path, new.encode("utf-8"), mode)
    except OSError as exc:
        raise ConfigError(source, "(file)", f"cannot write: {exc.strerror or exc}") from None
    return config
