"""The employer's answer on the market's own tables (SQLite): published once to the feed
as ``answers``, again only when it changes; a hire made online is an acceptance; a hired
worker cannot be declined; a wrong answer or application is refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from market import answers, catalog, feed
from market.db import make_engine, migrate
from market.models import Application, Change, Record

NOW = dt.datetime(2026, 12, 3, 6, tzinfo=dt.UTC)


@pytest.fixture
def s(tmp_path: Path) -> Iterator[Session]:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
    migrate(engine)
    with Session(engine) as session:
        feed.write(session, "jobs", "j", {"id": "j", "slots_total": 2, "slots_taken": 0}, NOW)
        for ident in ("a", "b"):
            session.add(
                Application(
                    id=ident, worker_id=f"w-{ident}", job_id="j", terminal_id="t", created_at=NOW
                )
            )
        session.flush()
        yield session
    engine.dispose()


def published(s: Session) -> list[tuple[str, str]]:
    rows = s.scalars(select(Change).where(Change.collection == "answers").order_by(Change.seq))
    return [(c.entity_id, (c.data or {})["answer"]) for c in rows]


def test_an_answer_is_published_once_and_again_when_it_changes(s: Session) -> None:
    answers.answer(s, "a", "declined", NOW)
    answers.answer(s, "a", "declined", NOW + dt.timedelta(minutes=1))  # the same: nothing new
    assert published(s) == [("a", "declined")]
    record = s.get(Record, ("answers", "a"))
    assert record is not None
    assert record.data == {
        "id": "a", "worker_id": "w-a", "job_id": "j", "answer": "declined",
        "answered_at": NOW.isoformat(),
    }  # fmt: skip
    answers.answer(s, "a", "accepted", NOW + dt.timedelta(minutes=2))  # changed their mind
    assert published(s) == [("a", "accepted")]  # the feed keeps the latest of each
    assert record.version == 2


def test_a_hire_online_is_an_acceptance_and_cannot_be_declined(s: Session) -> None:
    catalog.hire(s, "b", NOW)  # by the employer, at the market
    assert published(s) == [("b", "accepted")]
    with pytest.raises(ValueError, match="hired"):
        answers.answer(s, "b", "declined", NOW)
    catalog.hire(s, "a", NOW, by="kiosk")  # an agreement signed at the kiosk: it knows
    assert published(s) == [("b", "accepted")]


def test_a_wrong_answer_or_application_is_refused(s: Session) -> None:
    with pytest.raises(ValueError, match="maybe"):
        answers.answer(s, "a", "maybe", NOW)
    with pytest.raises(LookupError):
        answers.answer(s, "nobody", "accepted", NOW)
    assert published(s) == []
