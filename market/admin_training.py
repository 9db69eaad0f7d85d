"""``market-admin`` commands for skills training (issue 16): publish a course, list the
courses and a course's bookings, withdraw a course, and the trades workers want to learn."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.domain.timeutil import LHASA_TZ
from kiosk.domain.training import BRING, LANGUAGES, WHO
from market import feed, training
from market.display import say
from market.models import Booking, Record, TrainingWish

COMMANDS = ("course-add", "courses", "course-bookings", "course-withdraw", "training-wishes")


def _codes(known: tuple[str, ...]) -> Any:
    def parse(text: str) -> tuple[str, ...]:
        codes = tuple(c.strip() for c in text.split(",") if c.strip())
        wrong = [c for c in codes if c not in known]
        if wrong:
            raise argparse.ArgumentTypeError(
                f"unknown {', '.join(wrong)}; choose from {', '.join(known)}"
            )
        return codes

    return parse


def add_parsers(sub: Any) -> None:
    """The commands' arguments."""
    a = sub.add_parser("course-add", help="publish a skills-training course")
    a.add_argument("--trade", required=True, help="trade code, e.g. baoan")
    a.add_argument("--title", required=True, help="the Chinese title")
    a.add_argument("--title-bo", default="", help="the Tibetan title (else the trade's name)")
    a.add_argument("--start", required=True, help="ISO date-time, Lhasa time if no zone")
    a.add_argument("--days", type=int, default=1)
    a.add_argument("--place", required=True, help="station or market code")
    a.add_argument("--seats", type=int, required=True)
    a.add_argument("--subsidised", action="store_true", help="free to the worker (subsidy)")
    a.add_argument("--who", type=_codes(WHO), default=("registered",), help=", ".join(WHO))
    a.add_argument("--bring", type=_codes(BRING), default=("id_card",), help=", ".join(BRING))
    a.add_argument("--language", choices=LANGUAGES, default="both")
    sub.add_parser("courses", help="courses not yet ended: seats taken and waiting")
    b = sub.add_parser("course-bookings", help="a course's bookings, seats then the list")
    b.add_argument("course_id")
    w = sub.add_parser("course-withdraw", help="withdraw a course (kiosks drop it)")
    w.add_argument("course_id")
    sub.add_parser("training-wishes", help="trades workers would like to learn, most wanted first")


def run(s: Session, args: argparse.Namespace, now: dt.datetime) -> None:
    """Run one of ``COMMANDS``; LookupError or ValueError for bad input."""
    if args.cmd == "course-add":
        start = dt.datetime.fromisoformat(args.start)
        if start.tzinfo is None:
            start = start.replace(tzinfo=LHASA_TZ)
        say(
            training.add_course(
                s,
                trade=args.trade,
                title_zh=args.title,
                title_bo=args.title_bo,
                starts_at=start,
                days=args.days,
                place_code=args.place,
                seats=args.seats,
                subsidised=args.subsidised,
                who=args.who,
                bring=args.bring,
                language=args.language,
                now=now,
            )
        )
    elif args.cmd == "courses":
        lines = training.listing(s, now)
        say(*(lines or ["no courses"]))
    elif args.cmd == "course-bookings":
        if s.get(Record, ("trainings", args.course_id)) is None:
            raise LookupError(f"no course {args.course_id}")
        rows = s.scalars(
            select(Booking)
            .where(Booking.training_id == args.course_id)
            .order_by(Booking.created_at, Booking.id)
        )
        for b in rows:
            say(f"{b.id}  {b.status:<9}  worker {b.worker_id}  from {b.terminal_id}")
    elif args.cmd == "course-withdraw":
        rec = s.get(Record, ("trainings", args.course_id))
        if rec is None or rec.deleted:
            raise LookupError(f"no course {args.course_id}")
        feed.write(s, "trainings", args.course_id, None, now)
        say(f"withdrew {args.course_id}")
    elif args.cmd == "training-wishes":
        counts = s.execute(
            select(TrainingWish.job_type_code, func.count())
            .group_by(TrainingWish.job_type_code)
            .order_by(func.count().desc(), TrainingWish.job_type_code)
        ).all()
        wanted = [(code, n) for code, n in counts if code is not None]
        none = sum(n for code, n in counts if code is None)
        say(*(f"{code}  {n} worker(s)" for code, n in wanted), f"only their own trades  {none}")
