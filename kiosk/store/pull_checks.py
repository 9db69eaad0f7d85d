"""Each pulled row is checked before it is kept; one that fails is set aside, the rest of
its page applies (issue 17: one bad job used to stop every kiosk's pull, every cycle).

A row is refused when a value does not fit its column (SQLite itself would take text in an
integer column) or breaks a rule of ``kiosk.domain.rows``, or when the database refuses it.
It is kept in ``pulled_rejects`` for the technician (``kiosk --check``), and told to the
server once per version as a ``pull.refused`` mutation, so whoever published it can mend
it; a later version that applies clears it.
"""

from __future__ import annotations

import datetime as dt
import logging
import math
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Connection, DateTime, Float, Integer, String, Table, delete, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from kiosk.domain.registry import PullRefused
from kiosk.domain.registry.mutations import REFUSAL_LIMITS
from kiosk.domain.rows import row_problem
from kiosk.store import models as m
from kiosk.store.outbox import queue_mutation

log = logging.getLogger(__name__)

MAX_INT = (1 << 63) - 1


@dataclass(frozen=True)
class Shape:
    """What one column takes."""

    name: str
    kind: str  # int, float, bool, text, datetime, any
    length: int | None
    nullable: bool


def shapes(table: Table) -> list[Shape]:
    """The columns of ``table`` as the checks see them."""
    out = []
    for c in table.columns:
        t = c.type
        kind = "any"
        if isinstance(t, Boolean):
            kind = "bool"
        elif isinstance(t, Integer):
            kind = "int"
        elif isinstance(t, Float):
            kind = "float"
        elif isinstance(t, DateTime):
            kind = "datetime"
        elif isinstance(t, String):
            kind = "text"
        length = t.length if isinstance(t, String) else None
        out.append(Shape(c.name, kind, length, bool(c.nullable)))
    return out


def _fits(value: Any, shape: Shape) -> bool:  # noqa: PLR0911 - one answer per kind
    if value is None:
        return shape.nullable
    if shape.kind == "bool":
        return isinstance(value, bool)
    if shape.kind == "int":
        return isinstance(value, int) and not isinstance(value, bool) and abs(value) <= MAX_INT
    if shape.kind == "float":
        return (
            isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
        )
    if shape.kind == "datetime":
        return isinstance(value, dt.datetime)
    if shape.kind == "text":
        return (
            isinstance(value, str)
            and "\x00" not in value
            and (shape.length is None or len(value) <= shape.length)
        )
    return True


def row_refusal(collection: str, columns: list[Shape], row: dict[str, Any]) -> str | None:
    """Why ``row`` cannot be kept (None: it can)."""
    for shape in columns:
        if shape.name in row and not _fits(row[shape.name], shape):
            return f"{shape.name} does not fit its column ({shape.kind})"
    return row_problem(collection, row)


def _printable(text: str, limit: int) -> str:
    shown = "".join(ch if ch.isprintable() else "?" for ch in text)
    return shown[:limit] or "?"


class Refusals:
    """The rows set aside within one page's transaction."""

    def __init__(self, conn: Connection, now: dt.datetime) -> None:
        self.conn, self.now = conn, now
        self.known = {
            (r.collection, r.row_id): r.version
            for r in conn.execute(select(m.PulledRejectRow)).all()
        }
        self.count = 0

    def refuse(self, collection: str, row_id: str, version: int, reason: str) -> None:
        """Set the row aside and, once per version, tell the server."""
        row_id = _printable(row_id, REFUSAL_LIMITS["row_id"])
        reason = _printable(reason, REFUSAL_LIMITS["reason"])
        self.count += 1
        log.warning("pulled %s %s v%d set aside: %s", collection, row_id, version, reason)
        if self.known.get((collection, row_id)) == version:
            return  # already set aside and reported (a full re-pull meets it again)
        self.known[(collection, row_id)] = version
        values = {"version": version, "reason": reason, "at": self.now}
        stmt = sqlite_insert(m.PulledRejectRow).values(
            collection=collection, row_id=row_id, **values
        )
        self.conn.execute(
            stmt.on_conflict_do_update(index_elements=["collection", "row_id"], set_=values)
        )
        report = PullRefused(str(uuid.uuid4()), collection, row_id, version, reason)
        queue_mutation(self.conn, report, self.now)

    def cleared(self, collection: str, ids: Iterable[str]) -> None:
        """These rows applied: whatever was set aside of them is over."""
        gone = [i for i in ids if (collection, i) in self.known]
        if not gone:
            return
        for i in gone:
            del self.known[(collection, i)]
        self.conn.execute(
            delete(m.PulledRejectRow).where(
                m.PulledRejectRow.collection == collection, m.PulledRejectRow.row_id.in_(gone)
            )
        )
