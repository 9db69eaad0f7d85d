"""The market's migration 0007 fills the employer of the agreements already kept (their
credit events are found by it from then on)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import text

from market.db import MIGRATIONS, make_engine, migrate


def test_agreements_kept_before_0007_get_their_job_s_employer(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0006")
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO records (collection, id, version, deleted, data, updated_at) "
                "VALUES ('jobs', 'job-1', 1, 0, :data, :now)"
            ),
            {"data": '{"employer_id": "emp-7"}', "now": now},
        )
        for code, job in (("AAAA-AAAA", "job-1"), ("BBBB-BBBB", "job-gone")):
            conn.execute(
                text(
                    "INSERT INTO agreements (code, id, fingerprint, document, worker_id, job_id,"
                    " terminal_id, received_at) VALUES (:c, :c, '0', '{}', 'w', :j, 't', :now)"
                ),
                {"c": code, "j": job, "now": now},
            )
    migrate(engine)
    with engine.connect() as conn:
        rows = dict(conn.execute(text("SELECT code, employer_id FROM agreements")).all())
    assert rows == {"AAAA-AAAA": "emp-7", "BBBB-BBBB": None}
