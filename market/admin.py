"""``market-admin``: approve or revoke terminals, post and close jobs, import demo data."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Sequence

from sqlalchemy import select

from kiosk.domain.timeutil import LHASA_TZ
from market import admin_training, admin_trust, answers, auth, catalog, district, employers, feed
from market.db import make_engine, migrate, sessions, utcnow
from market.display import say
from market.models import Credential, Enrolment, MutationLog, Record, Terminal, VoiceClip
from market.settings import Settings


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="market-admin", description=__doc__)
    p.add_argument("--database", help="database URL (default: $MARKET_DATABASE_URL)")
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("migrate", help="create or upgrade the schema")
    sub.add_parser("pending", help="list enrolments waiting for approval")
    a = sub.add_parser("approve", help="approve the enrolment a kiosk shows")
    a.add_argument("code", nargs="?", help="the code on the kiosk screen, e.g. ABCD-EFGH")
    a.add_argument("--all-pending", action="store_true", help="approve every pending one")
    d = sub.add_parser("deny", help="refuse an enrolment")
    d.add_argument("code")
    sub.add_parser("terminals", help="list enrolled terminals")
    r = sub.add_parser("revoke", help="revoke a terminal's credentials")
    r.add_argument("terminal_id")
    j = sub.add_parser("post-job", help="post a day job")
    j.add_argument("--trade", required=True, help="trade code, e.g. mason")
    j.add_argument("--employer", help="employer id (default: the first employer)")
    j.add_argument("--title", required=True)
    j.add_argument("--wage", type=int, required=True, help="yuan a day")
    j.add_argument("--start", help="ISO date-time (default: tomorrow 08:00 Lhasa)")
    j.add_argument("--days", type=int, default=1)
    j.add_argument("--slots", type=int, default=1)
    j.add_argument("--place", help="station or market code")
    j.add_argument("--insurer", help="the employer's accident cover: insurer (all four or none)")
    j.add_argument("--policy", help="policy number")
    j.add_argument("--sum-insured", type=int, help="yuan a person")
    j.add_argument("--claim-phone", help="the insurer's number for reporting an accident")
    h = sub.add_parser("hire", help="the employer took an applicant: one place fewer")
    h.add_argument("application_id")
    sub.add_parser("employers-pending", help="employers signed up and not yet verified")
    v = sub.add_parser("verify-employer", help="staff checked the papers: publish held jobs")
    v.add_argument("employer_id")
    a = sub.add_parser("answer", help="the employer's answer to an application")
    a.add_argument("application_id")
    a.add_argument("answer", choices=answers.ANSWERS)
    c = sub.add_parser("close-job", help="close a job (or --delete to withdraw it)")
    c.add_argument("job_id")
    c.add_argument("--delete", action="store_true")
    i = sub.add_parser("import-demo", help="import the deterministic demo catalogue")
    i.add_argument("--jobs", type=int, default=2000)
    i.add_argument("--seed", type=int, default=2026)
    i.add_argument("--today", help="YYYY-MM-DD (default: today in Lhasa)")
    sub.add_parser("rejected", help="list rejected mutations (the dead-letter list)")
    sub.add_parser("clips", help="list the shared Tibetan clips, every version")
    sub.add_parser(
        "refused-rows", help="pulled rows kiosks set aside (a rule broken): mend and re-post"
    )
    sub.add_parser("openapi", help="print the OpenAPI document (market/openapi.json)")
    admin_trust.add_parsers(sub)
    admin_training.add_parsers(sub)
    k = sub.add_parser("compact", help="drop tombstones older than --days (old cursors: 410)")
    k.add_argument("--days", type=float, default=30)
    return p


def _cover(args: argparse.Namespace) -> dict[str, object] | None:
    """The accident cover of ``post-job``: all four flags or none (ValueError otherwise)."""
    given = {
        "insurer": args.insurer,
        "policy_no": args.policy,
        "sum_insured": args.sum_insured,
        "claim_phone": args.claim_phone,
    }
    if all(v is None for v in given.values()):
        return None
    missing = [k for k, v in given.items() if v is None]
    if missing:
        flags = ", ".join("--" + k.replace("_no", "").replace("_", "-") for k in missing)
        raise ValueError(f"the accident cover needs all four of its flags; missing {flags}")
    return given


def main(argv: Sequence[str] | None = None) -> int:  # noqa: PLR0912, PLR0915 - one branch a command
    """Run one admin command; errors are one line on stderr and exit status 1."""
    args = _parser().parse_args(argv)
    if args.cmd == "openapi":
        from market.api import openapi_document  # noqa: PLC0415

        sys.stdout.write(
            json.dumps(openapi_document(), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        )
        return 0
    settings = Settings.from_env(**({"database_url": args.database} if args.database else {}))
    engine = make_engine(settings.database_url)
    migrate(engine)
    now = utcnow()
    try:
        with sessions(engine).begin() as s:
            if args.cmd in admin_trust.COMMANDS:
                admin_trust.run(s, args, now)
            elif args.cmd in admin_training.COMMANDS:
                admin_training.run(s, args, now)
            elif args.cmd == "migrate":
                say("schema is current")
            elif args.cmd == "pending":
                for e in s.scalars(select(Enrolment).where(Enrolment.status == "pending")):
                    say(f"{e.user_code}  {e.name}  requested {e.created_at:%Y-%m-%d %H:%M}")
            elif args.cmd == "approve":
                codes = [args.code] if args.code else []
                if args.all_pending:
                    codes = [
                        e.user_code
                        for e in s.scalars(select(Enrolment).where(Enrolment.status == "pending"))
                    ]
                if not codes:
                    raise LookupError("give a code, or --all-pending")
                for code in codes:
                    t = auth.approve(s, code, now)
                    say(f"approved {code}: terminal {t.id} ({t.name})")
            elif args.cmd == "deny":
                found = s.scalar(
                    select(Enrolment).where(Enrolment.user_code == auth.normalise_code(args.code))
                )
                if found is None:
                    raise LookupError(f"no enrolment with code {args.code}")
                found.status = "denied"
                say(f"denied {args.code}")
            elif args.cmd == "terminals":
                filed = district.filed_by_station(s)
                for t in s.scalars(select(Terminal).order_by(Terminal.created_at)):
                    creds = s.scalars(select(Credential).where(Credential.terminal_id == t.id))
                    state = "revoked" if all(c.revoked for c in creds) else "active"
                    seen = f"{t.last_seen_at:%Y-%m-%d %H:%M}" if t.last_seen_at else "never"
                    workers = filed.get(t.id, 0)
                    say(f"{t.id}  {t.name}  {state}  last seen {seen}  workers filed {workers}")
            elif args.cmd == "revoke":
                n = auth.revoke(s, args.terminal_id)
                if n == 0:
                    raise LookupError(f"no terminal {args.terminal_id}")
                say(f"revoked {n} credential(s) of {args.terminal_id}")
            elif args.cmd == "post-job":
                employer = args.employer or s.scalar(
                    select(Record.id).where(Record.collection == "employers").order_by(Record.id)
                )
                start = (
                    dt.datetime.fromisoformat(args.start)
                    if args.start
                    else dt.datetime.combine(
                        dt.date.today() + dt.timedelta(days=1), dt.time(8), LHASA_TZ
                    )
                )
                if start.tzinfo is None:
                    start = start.replace(tzinfo=LHASA_TZ)
                job_id = catalog.post_job(
                    s,
                    trade=args.trade,
                    employer_id=employer or "",
                    title=args.title,
                    wage=args.wage,
                    starts_at=start,
                    days=args.days,
                    slots=args.slots,
                    now=now,
                    place_code=args.place,
                    cover=_cover(args),
                )
                say(job_id)
            elif args.cmd == "hire":
                job_id = catalog.hire(s, args.application_id, now)
                say(f"hired {args.application_id} for job {job_id}")
            elif args.cmd == "employers-pending":
                for acc in employers.unverified(s):
                    since = f"{acc.created_at:%Y-%m-%d %H:%M}"
                    say(f"{acc.id}  {acc.kind}  {acc.name}  {acc.phone}  {acc.id_or_code}  {since}")
            elif args.cmd == "verify-employer":
                published = employers.verify(s, args.employer_id, now)
                say(f"verified {args.employer_id}: {published} held job(s) published")
            elif args.cmd == "answer":
                answers.answer(s, args.application_id, args.answer, now)
                say(f"{args.answer} {args.application_id}")
            elif args.cmd == "close-job":
                catalog.close_job(s, args.job_id, now, delete=args.delete)
                say(("withdrew " if args.delete else "closed ") + args.job_id)
            elif args.cmd == "import-demo":
                today = (
                    dt.date.fromisoformat(args.today)
                    if args.today
                    else (now.astimezone(LHASA_TZ).date())
                )
                n = catalog.import_demo(s, args.jobs, today, args.seed, now)
                say(f"imported {n} demo jobs")
            elif args.cmd == "rejected":
                rows = s.scalars(
                    select(MutationLog)
                    .where(MutationLog.status == "rejected")
                    .order_by(MutationLog.received_at)
                )
                for m in rows:
                    say(
                        json.dumps(
                            {
                                "terminal": m.terminal_id,
                                "mutation": m.mutation_uuid,
                                "type": m.type,
                                "error": m.error,
                                "received": m.received_at.isoformat(),
                            }
                        )
                    )
            elif args.cmd == "refused-rows":
                for m in s.scalars(
                    select(MutationLog)
                    .where(MutationLog.type == "pull.refused")
                    .order_by(MutationLog.received_at, MutationLog.mutation_uuid)
                ):
                    p = m.payload or {}
                    say(
                        f"{m.received_at:%Y-%m-%d %H:%M}  {m.terminal_id}  {p.get('collection')} "
                        f"{p.get('row_id')} v{p.get('version')}: {p.get('reason')}"
                    )
            elif args.cmd == "clips":
                for clip in s.scalars(
                    select(VoiceClip).order_by(VoiceClip.name, VoiceClip.version)
                ):
                    say(
                        f"{clip.name}  v{clip.version}  {clip.seconds:.1f} s  "
                        f"{clip.sha256[:12]}  from {clip.terminal_id}  "
                        f"{clip.created_at:%Y-%m-%d %H:%M}"
                    )
            elif args.cmd == "compact":
                gone = feed.compact(s, now - dt.timedelta(days=args.days))
                say(f"dropped {gone} tombstone(s)")
    except (LookupError, ValueError) as exc:
        say(f"market-admin: {exc}", err=True)
        return 1
    return 0
