"""The staff's day at a glance, read from what this kiosk wrote (kiosk.domain.dashboard).

Registrations, applications and complaints are counted from the outbox, which keeps every
mutation this kiosk made (sent or not): workers and complaints pulled from the market are
never counted as this kiosk's. Visits and assisted visits come from the audit log, calls from
the calls table; online hires only the market knows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from kiosk.domain.dashboard import DAYS, Dashboard, first_moment, tally
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.store import models as m

VISIT_ACTION = "visit"  # the audit log's action for a worker's session
ASSIST_ACTION = "assist_consent"  # the worker agreed that staff act for them
# The market took the application (kiosk.domain.registry: SetStatus on applied).
TAKEN_STATUSES = ("sent",)
_BY_MUTATION = {
    "registrations": "worker.register",
    "applications": "application.create",
    "complaints": "complaint.file",
}


def _naive(value: dt.datetime) -> dt.datetime:
    """SQLite keeps the kiosk's wall time (Lhasa) without a zone."""
    return value.astimezone(LHASA_TZ).replace(tzinfo=None) if value.tzinfo else value


class DashboardRepository:
    """Counts per local day for the staff's dashboard."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def days(self, today: dt.date, days: int = DAYS) -> Dashboard:
        """Today and the ``days - 1`` days before, each measure counted per day."""
        since = _naive(first_moment(today, days))
        with Session(self.engine) as s:

            def stamps(stmt: Any) -> Sequence[dt.datetime]:
                return list(s.scalars(stmt))

            found = {
                measure: stamps(
                    select(m.OutboxRow.captured_at_local).where(
                        m.OutboxRow.type == kind, m.OutboxRow.captured_at_local >= since
                    )
                )
                for measure, kind in _BY_MUTATION.items()
            }
            found["visits"] = stamps(
                select(m.AuditRow.at).where(
                    m.AuditRow.action == VISIT_ACTION, m.AuditRow.at >= since
                )
            )
            found["assisted"] = stamps(
                select(m.AuditRow.at).where(
                    m.AuditRow.action == ASSIST_ACTION, m.AuditRow.at >= since
                )
            )
            # Made here this week: an application and its outbox row share their moment.
            made_here = select(m.OutboxRow.entity_id).where(
                m.OutboxRow.type == "application.create", m.OutboxRow.captured_at_local >= since
            )
            found["accepted"] = stamps(
                select(m.ApplicationRow.created_at).where(
                    m.ApplicationRow.created_at >= since,
                    m.ApplicationRow.status.in_(TAKEN_STATUSES),
                    m.ApplicationRow.id.in_(made_here),
                )
            )
            found["agreements"] = stamps(
                select(m.AgreementRow.signed_at).where(
                    m.AgreementRow.signed_at >= since, m.AgreementRow.supersedes_code.is_(None)
                )
            )
            found["calls"] = stamps(
                select(m.StaffCallRow.opened_at).where(m.StaffCallRow.opened_at >= since)
            )
        return tally(today, found, days)
