"""The market's migrations fill what rows kept before them lack: 0007 the employer of the
agreements (their credit events are found by it), 0008 the look-up hash of the workers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine, text

from market.db import MIGRATIONS, make_engine, migrate


def at_revision(tmp_path: Path, revision: str) -> Engine:
    """A market database migrated only as far as ``revision``."""
    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    return engine


def test_agreements_kept_before_0007_get_their_job_s_employer(tmp_path: Path) -> None:
    engine = at_revision(tmp_path, "0006")
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


def test_workers_kept_before_0008_are_found_by_the_hash_they_were_filed_with(
    tmp_path: Path,
) -> None:
    engine = at_revision(tmp_path, "0007")
    now = dt.datetime(2026, 12, 1, tzinfo=dt.UTC)
    with engine.begin() as conn:
        for ident, data in (("w-1", '{"id_hash": "' + "a" * 64 + '"}'), ("w-2", '{"name": "x"}')):
            conn.execute(
                text(
                    "INSERT INTO workers (id, terminal_id, data, field_versions, version,"
                    " updated_at) VALUES (:i, 't', :d, '{}', 1, :now)"
                ),
                {"i": ident, "d": data, "now": now},
            )
    migrate(engine)
    with engine.connect() as conn:
        rows = dict(conn.execute(text("SELECT id, id_hash FROM workers")).all())
        aliases = conn.execute(text("SELECT count(*) FROM worker_aliases")).scalar()
        keys = conn.execute(text("SELECT count(*) FROM market_settings")).scalar()
    assert rows == {"w-1": "a" * 64, "w-2": None}
    assert (aliases, keys) == (0, 0)  # the district's key is made when first asked for
