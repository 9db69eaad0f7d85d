"""The employer's answer to an application (issue 15): accepted or declined, published to
every kiosk as ``answers`` (the application's own random id, the worker's and the job's,
the answer and when), so the worker sees and hears it at their next tap at any station.
A hire made on the market's side is an acceptance too. Answering again the same way
changes nothing; a hired worker cannot be declined.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from market import feed
from market.models import Application

ANSWERS = ("accepted", "declined")
COLLECTION = "answers"


def answer(s: Session, application_id: str, given: str, now: dt.datetime) -> Application:
    """Record and publish the employer's answer (LookupError: no such application;
    ValueError: not an answer, or declining a worker already hired)."""
    if given not in ANSWERS:
        raise ValueError(f"an answer is one of {', '.join(ANSWERS)}, not {given!r}")
    app = s.get(Application, application_id)
    if app is None:
        raise LookupError(f"no application {application_id}")
    if given == "declined" and app.hired_at is not None:
        raise ValueError(f"application {application_id} is hired: it cannot be declined")
    if app.answer == given:
        return app
    app.answer, app.answered_at = given, now
    feed.write(
        s,
        COLLECTION,
        app.id,
        {
            "id": app.id,
            "worker_id": app.worker_id,
            "job_id": app.job_id,
            "answer": given,
            "answered_at": now.isoformat(),
        },
        now,
    )
    return app
