"""The market's manifest of shared recorded clips (``GET /v1/clips``), shape-checked."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.sync.errors import BadResponseError


@dataclass(frozen=True)
class ClipEntry:
    """The newest version of one shared clip."""

    name: str
    version: int
    sha256: str


@dataclass(frozen=True)
class ClipManifest:
    """What clips the market shares; ``unchanged``: nothing since the tag the kiosk has."""

    tag: str
    unchanged: bool
    entries: list[ClipEntry]


def parse_manifest(d: dict[str, Any]) -> ClipManifest:
    """The manifest in a reply, or BadResponseError (``manifest_shape``): nothing is used."""
    tag, unchanged, raw = d.get("tag"), d.get("unchanged"), d.get("clips")
    if not isinstance(tag, str) or not isinstance(unchanged, bool) or not isinstance(raw, list):
        raise BadResponseError("manifest_shape")
    entries = []
    for c in raw:
        if not isinstance(c, dict):
            raise BadResponseError("manifest_shape")
        name, version, sha = c.get("name"), c.get("version"), c.get("sha256")
        if not isinstance(name, str) or not isinstance(version, int) or not isinstance(sha, str):
            raise BadResponseError("manifest_shape")
        entries.append(ClipEntry(name, version, sha))
    return ClipManifest(tag, unchanged, entries)
