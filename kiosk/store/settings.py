"""Facts about this installation kept in its database (``kiosk_settings``)."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kiosk.store import models as m

KEY_CHECK = "installation_key_check"
LAST_SYNC = "last_sync"


class SettingsRepository:
    """Read and write one named value, each in its own transaction."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def get(self, name: str) -> str | None:
        """The value, or None when never set."""
        with Session(self.engine) as s:
            return s.scalar(select(m.SettingRow.value).where(m.SettingRow.name == name))

    def put(self, name: str, value: str) -> None:
        """Set (or replace) the value."""
        stmt = sqlite_insert(m.SettingRow).values(name=name, value=value)
        stmt = stmt.on_conflict_do_update(index_elements=["name"], set_={"value": value})
        with self.engine.begin() as conn:
            conn.execute(stmt)
