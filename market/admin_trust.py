"""``market-admin`` commands for after the job (issue 14): complaints and their decisions,
employer credit and the unpaid-wage list, ratings of workers, and the rights desk."""

from __future__ import annotations

import argparse
import datetime as dt
import json
from typing import Any

from sqlalchemy.orm import Session

from kiosk.domain.complaint import OUTCOMES, Outcome, Status
from kiosk.domain.credit import Credit
from kiosk.domain.registry.trust import FACES
from kiosk.domain.timeutil import LHASA_TZ
from market import cases, credit, rights
from market.display import say
from market.models import Record

COMMANDS = (
    "complaints",
    "resolve",
    "complete",
    "credit",
    "credit-refresh",
    "arrears-list",
    "arrears-paid",
    "rate-worker",
    "rights-desk",
    "rights-desk-add",
    "rights-desk-cancel",
)


def add_parsers(sub: Any) -> None:
    """The commands' arguments."""
    c = sub.add_parser("complaints", help="wage-arrears complaints, oldest first")
    c.add_argument("--status", choices=[s.value for s in Status])
    r = sub.add_parser("resolve", help="refer or resolve a case; the worker hears it")
    r.add_argument("case")
    r.add_argument("--outcome", required=True, choices=OUTCOMES)
    r.add_argument("--note", default="", help="what staff did (kept at the market)")
    k = sub.add_parser("complete", help="name the employer of a complaint filed without one")
    k.add_argument("case")
    k.add_argument("--employer", required=True, help="employer id")
    e = sub.add_parser("credit", help="an employer's score, level and the events behind it")
    e.add_argument("employer")
    sub.add_parser("credit-refresh", help="recompute every employer (run daily)")
    a = sub.add_parser("arrears-list", help="put an employer on the unpaid-wage list")
    a.add_argument("employer")
    a.add_argument("--on", help="YYYY-MM-DD (default: today in Lhasa)")
    a.add_argument("--reason", default="")
    p = sub.add_parser("arrears-paid", help="a listed employer paid in full")
    p.add_argument("employer")
    p.add_argument("--on", help="YYYY-MM-DD (default: today in Lhasa)")
    p.add_argument("--pledge", action="store_true", help="with a pledge of good credit")
    w = sub.add_parser("rate-worker", help="the employer's rating of an agreement's worker")
    w.add_argument("agreement", help="the agreement's code, e.g. K7PD-3XQM")
    w.add_argument("--face", required=True, choices=FACES)
    sub.add_parser("rights-desk", help="the rights desk's coming sessions")
    d = sub.add_parser("rights-desk-add", help="add a rights-desk session")
    d.add_argument("--start", required=True, help="ISO date-time, Lhasa time if no zone")
    d.add_argument("--hours", type=float, default=2.0)
    d.add_argument("--who", required=True, help="who sits, e.g. 'lawyer 王律师'")
    d.add_argument("--place", required=True)
    x = sub.add_parser("rights-desk-cancel", help="withdraw a session")
    x.add_argument("session_id")


def _day(text: str | None, now: dt.datetime) -> dt.date:
    return dt.date.fromisoformat(text) if text else now.astimezone(LHASA_TZ).date()


def _credit_lines(found: Credit, employer: str) -> list[str]:
    listed = "  ON THE UNPAID-WAGE LIST (jobs hidden)" if found.listed else ""
    lines = [f"{employer}: score {found.score}, level {found.level}{listed}"]
    lines += [
        f"  {e.on.isoformat()}  {e.event.value:<17} {e.worth:+d}  {e.about}" for e in found.events
    ]
    if not found.events:
        lines.append("  no events: the starting score")
    return lines


def run(s: Session, args: argparse.Namespace, now: dt.datetime) -> None:  # noqa: PLR0912 - one branch a command
    """Run one of ``COMMANDS``; LookupError or ValueError for bad input."""
    cmd = args.cmd
    if cmd == "complaints":
        for c in cases.listing(s, args.status):
            say(
                json.dumps(
                    {
                        "case": c.case_no,
                        "status": c.status,
                        "outcome": c.outcome,
                        "joined_to": c.joined_to,
                        "agreement": c.agreement_code,
                        "employer": c.employer_id,
                        "employer_name": c.employer_name,
                        "amount": c.amount,
                        "period": [str(c.period_from or ""), str(c.period_to or "")],
                        "promised": c.promised,
                        "terminal": c.terminal_id,
                        "filed": c.filed_at.isoformat(),
                        "needs_staff": c.employer_id is None,
                    },
                    ensure_ascii=False,
                )
            )
    elif cmd == "resolve":
        c = cases.decide(s, args.case, Outcome(args.outcome), args.note, now)
        say(f"case {c.case_no}: {c.status} ({c.outcome})")
    elif cmd == "complete":
        c = cases.complete(s, args.case, args.employer, now)
        say(f"case {c.case_no}: employer {c.employer_id} ({c.employer_name})")
    elif cmd == "credit":
        if s.get(Record, ("employers", args.employer)) is None:
            raise LookupError(f"unknown employer {args.employer}")
        say(*_credit_lines(credit.of(s, args.employer, now), args.employer))
    elif cmd == "credit-refresh":
        say(f"{credit.refresh_all(s, now)} employer record(s) changed")
    elif cmd == "arrears-list":
        found = credit.put_on_list(s, args.employer, _day(args.on, now), args.reason, now)
        say(*_credit_lines(found, args.employer))
    elif cmd == "arrears-paid":
        found = credit.paid_up(s, args.employer, _day(args.on, now), pledged=args.pledge, now=now)
        say(*_credit_lines(found, args.employer))
    elif cmd == "rate-worker":
        credit.rate_worker(s, args.agreement, args.face, {}, now)
        say(f"rated the worker of {args.agreement.upper()}: {args.face}")
    elif cmd == "rights-desk":
        for d in rights.upcoming(s, now):
            say(f"{d['id']}  {d['starts_at']} - {d['ends_at']}  {d['who']}  {d['place']}")
    elif cmd == "rights-desk-add":
        start = dt.datetime.fromisoformat(args.start)
        say(
            rights.add(
                s, starts_at=start, hours=args.hours, who=args.who, place=args.place, now=now
            )
        )
    elif cmd == "rights-desk-cancel":
        rights.cancel(s, args.session_id, now)
        say(f"cancelled {args.session_id}")
