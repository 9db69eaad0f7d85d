"""Builds the store-backed services (shared by the GUI, the CLI and diagnostics)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from kiosk.config import Config, Paths
from kiosk.domain.errors import StoreError, StoreErrorKind
from kiosk.domain.pin import LockoutPolicy
from kiosk.domain.privacy import KeyRing
from kiosk.services.admin_auth import AdminAuth
from kiosk.services.clock import SystemClock
from kiosk.services.complaints import ComplaintDesk
from kiosk.services.demo_data import DEMO_PINS, DemoCatalog, DemoGenerator
from kiosk.services.jobs import JobsService, Station
from kiosk.services.pay import PayDesk
from kiosk.services.phone import PhoneLink
from kiosk.services.ports import Clock
from kiosk.services.recruit import RecruitDesk
from kiosk.services.registration import RegistrationService
from kiosk.services.session import SessionService
from kiosk.services.signing import Printing, SigningDesk
from kiosk.services.station import StationLink
from kiosk.services.training import TrainingDesk
from kiosk.store.agreements import AgreementRepository
from kiosk.store.calls import StaffCallRepository
from kiosk.store.db import MIN_FREE_BYTES, OpenReport, free_bytes, open_database, unusable
from kiosk.store.followup import FollowUpRepository
from kiosk.store.jobs import JobRepository
from kiosk.store.pay import PayRepository
from kiosk.store.recruit import RecruitRepository
from kiosk.store.repositories import (
    AuditRepository,
    DemoRepository,
    FiguresRepository,
    PinRepository,
    RegistrationRepository,
    WorkerRepository,
)
from kiosk.store.secret import load_secret
from kiosk.store.training import TrainingRepository
from kiosk.store.trust import TrustRepository

if TYPE_CHECKING:
    from kiosk.domain.dashboard import Dashboard, StationDays
    from kiosk.printing.cups import CupsPrinter
    from kiosk.services.agreements import Where
    from kiosk.sync.client import MarketClient
    from kiosk.sync.status import SyncStatus
    from kiosk.sync.worker import SyncWorker

log = logging.getLogger(__name__)
DEFAULT_DEMO_JOBS = 2000
DEMO_SEED = 2026


@dataclass(frozen=True)
class Backend:
    """The open store and the services over it."""

    engine: Engine
    report: OpenReport
    secret: bytes
    keys: KeyRing
    clock: Clock
    session: SessionService
    auth: AdminAuth
    figures: FiguresRepository
    workers: WorkerRepository
    audit: AuditRepository
    pins: PinRepository
    jobs: JobsService
    registration: RegistrationService
    station_code: str
    calls: StaffCallRepository
    signing: SigningDesk
    pay: PayDesk
    complaints: ComplaintDesk
    training: TrainingDesk
    recruit: RecruitDesk
    follow_up: FollowUpRepository
    storage_probe: Callable[[], None]
    station: StationLink = field(default_factory=StationLink)  # its figures, once syncing
    phone: PhoneLink = field(default_factory=PhoneLink)  # codes for the phone page, once syncing


def open_backend(config: Config, paths: Paths, clock: Clock | None = None) -> Backend:
    """Open (check, migrate) the database and build services over it.

    ``clock`` is the kiosk's one clock (the GUI passes the one its screens use; tests a
    clock they step); every service gets it.
    """
    clock = clock or SystemClock()
    engine, report = open_database(paths.database, clock.now())
    try:
        secret = load_secret(paths.secret, engine)
    except BaseException:
        engine.dispose()
        raise
    audit = AuditRepository(engine)
    workers = WorkerRepository(engine)
    pins = PinRepository(engine)
    policy = LockoutPolicy(config.admin.pin_max_failures, config.admin.pin_lockout_seconds)
    if report.damaged_copy is not None:
        carried = sum(report.salvaged.values())
        audit.append(
            clock.now(),
            "system",
            "database_recovered",
            f"{report.damaged_copy.name} rows={carried}",
        )
    hasher = KeyRing(secret, _district_key(paths))
    filing = RegistrationRepository(engine)
    session = SessionService(workers, clock, audit, hasher, filing)
    registration = RegistrationService(filing, session, hasher, clock, audit)
    station, places = _station(engine, config.terminal.station_code), _places(engine)
    jobs = JobsService(JobRepository(engine), clock, station, config.wages.min_hourly_yuan, places)
    code = config.terminal.station_code if config.terminal.station_code in places else None
    recruit = RecruitDesk(
        RecruitRepository(engine), hasher, clock, audit, station, code, config.wages.min_hourly_yuan
    )
    signing = SigningDesk(
        AgreementRepository(engine),
        hasher,
        clock,
        audit,
        agreement_place(config),
        config.wages.min_hourly_yuan,
        Printing(
            config.agreement.paper, config.printer.copies, partial(verify_base, config, paths)
        ),
    )
    return Backend(
        signing=signing,
        pay=PayDesk(PayRepository(engine), clock, audit),
        complaints=ComplaintDesk(TrustRepository(engine), clock, audit),
        training=TrainingDesk(TrainingRepository(engine), clock, audit),
        recruit=recruit,
        follow_up=FollowUpRepository(engine),
        storage_probe=partial(probe_storage, paths.data_dir, audit, clock),
        jobs=jobs,
        station_code=config.terminal.station_code,
        engine=engine,
        report=report,
        secret=secret,
        keys=hasher,
        clock=clock,
        session=session,
        registration=registration,
        auth=AdminAuth(pins, clock, policy, audit),
        figures=FiguresRepository(engine),
        workers=workers,
        audit=audit,
        pins=pins,
        calls=StaffCallRepository(engine),
    )


def _district_key(paths: Paths) -> bytes | None:
    """The district's look-up key the market handed this kiosk (None: not yet)."""
    from kiosk.sync import credentials  # noqa: PLC0415

    creds = credentials.load(paths.credentials)
    return bytes.fromhex(creds.lookup_key) if creds and creds.lookup_key else None


def open_store(config: Config, paths: Paths, clock: Clock | None = None) -> Backend:
    """Open the database (and, in demo mode, fill it); runs on the DB worker."""

    backend = open_backend(config, paths, clock)
    if config.terminal.demo:
        prepare_demo(backend, paths, DEMO_PINS)
    log.info("store open (schema %s)", backend.report.revision)
    return backend


def probe_storage(folder: Path, audit: AuditRepository, clock: Clock) -> None:
    """Raise ``StoreError`` while the disk cannot take work: too little room, or a write
    that fails; else the write that proves it is in the audit log ("storage_ok")."""
    try:
        room = free_bytes(folder)
        if room < MIN_FREE_BYTES:
            raise StoreError(StoreErrorKind.DISK_FULL, f"{room} bytes free in {folder}")
        audit.append(clock.now(), "system", "storage_ok", f"free={room // (1 << 20)}MB")
    except StoreError:
        raise
    except Exception as exc:
        raise unusable(exc, folder / "x") from exc


LHASA_CENTRE = Station(29.6578, 91.1172)  # the Potala, when the station is not in the table


def _station(engine: Engine, code: str) -> Station:
    from sqlalchemy.orm import Session  # noqa: PLC0415

    from kiosk.store.models import PlaceRow  # noqa: PLC0415

    with Session(engine) as s:
        row = s.get(PlaceRow, code)
        return LHASA_CENTRE if row is None else Station(row.lat, row.lon)


def _places(engine: Engine) -> dict[str, Station]:
    from sqlalchemy.orm import Session  # noqa: PLC0415

    from kiosk.store.models import PlaceRow  # noqa: PLC0415

    with Session(engine) as s:
        return {row.code: Station(row.lat, row.lon) for row in s.query(PlaceRow)}


def seed_demo(
    backend: Backend, paths: Paths, jobs: int, today: dt.date, seed: int = DEMO_SEED
) -> int:
    """Replace the catalogue with generated demo data; returns the number of jobs."""
    catalog = DemoCatalog.load(paths.assets / "data")
    from kiosk.idcard.demo import REGISTERED, SAMPLES  # noqa: PLC0415

    samples = [SAMPLES[key] for key in REGISTERED]
    data = DemoGenerator(catalog, backend.secret).generate(
        jobs=jobs, today=today, seed=seed, registered=samples
    )
    DemoRepository(backend.engine).replace_all(data, backend.clock.now())
    backend.jobs.refresh()
    backend.jobs.station = _station(backend.engine, backend.station_code)
    backend.jobs.places = _places(backend.engine)
    backend.audit.append(backend.clock.now(), "technician", "demo_seeded", f"jobs={jobs}")
    return len(data.jobs)


def refresh_catalogue(backend: Backend, _pulled: int = 0) -> None:
    """Pulled jobs, trades or places arrived: matching rebuilds its index on next use."""
    backend.jobs.station = _station(backend.engine, backend.station_code)
    backend.jobs.places = _places(backend.engine)
    backend.jobs.refresh()


def prepare_demo(backend: Backend, paths: Paths, pins: dict[str, str]) -> None:
    """First demo start: demo data and the demo PINs, unless already there."""
    from kiosk.services.admin_auth import Role  # noqa: PLC0415

    if not DemoRepository(backend.engine).has_jobs():
        seed_demo(backend, paths, DEFAULT_DEMO_JOBS, backend.clock.now().date())
    for role in Role:
        if not backend.auth.has_pin(role):
            backend.auth.set_pin(role, pins[role.value])


Diagnose = Callable[[], str]


def build_sync(
    config: Config,
    paths: Paths,
    backend: Backend,
    *,
    on_status: Callable[[SyncStatus], None],
    on_pulled: Callable[[int], None],
) -> SyncWorker | None:
    """The sync worker for an enrolled kiosk (None when not enrolled or sync is off)."""
    from kiosk import __version__  # noqa: PLC0415
    from kiosk.services.sync import StoreSyncPort  # noqa: PLC0415
    from kiosk.store.sync import SyncRepository  # noqa: PLC0415
    from kiosk.sync import credentials  # noqa: PLC0415
    from kiosk.sync.client import MarketClient  # noqa: PLC0415
    from kiosk.sync.clips import ClipShare  # noqa: PLC0415
    from kiosk.sync.engine import SyncEngine  # noqa: PLC0415
    from kiosk.sync.station import StationReporter  # noqa: PLC0415
    from kiosk.sync.tickets import TicketKeeper  # noqa: PLC0415
    from kiosk.sync.watch import FeedWatcher  # noqa: PLC0415
    from kiosk.sync.worker import SyncWorker  # noqa: PLC0415
    from kiosk.voice.clips import ClipLibrary  # noqa: PLC0415

    creds = credentials.load(paths.credentials)
    if creds is None or not config.sync.enabled:
        return None
    client = MarketClient(
        creds.server_url,
        creds,
        app_version=__version__,
        ca_bundle=config.sync.ca_bundle or None,
        timeout=(3.05, config.sync.read_timeout_s),
    )
    reporter = StationReporter(
        config.terminal.station_code,
        lambda: backend.figures.days(backend.clock.now().date()),
    )
    engine = SyncEngine(
        client,
        StoreSyncPort(SyncRepository(backend.engine), backend.clock),
        page_size=config.sync.page_size,
        watchdog_s=config.sync.watchdog_s,
        clips=ClipShare(ClipLibrary(paths.data_dir / "voice")),
        on_district_key=partial(_keep_district_key, paths, backend, client),
        station=reporter,
    )
    if creds.lookup_key:
        backend.keys.learn(bytes.fromhex(creds.lookup_key))
    asking = MarketClient(  # its own connections: it runs on a thread of its own
        creds.server_url,
        creds,
        app_version=__version__,
        ca_bundle=config.sync.ca_bundle or None,
        timeout=LOOKUP_TIMEOUT,
        retries=0,  # a worker waits at the reader: one try, then filing here
    )
    backend.registration.market_lookup = asking.lookup_worker
    backend.station.connect(reporter, asking)
    backend.phone.connect(asking)
    worker = SyncWorker(
        engine,
        interval_s=config.sync.interval_s,
        on_status=on_status,
        on_pulled=on_pulled,
        now=backend.clock.now,
    )
    if config.sync.long_poll_s > 0:

        def waiting() -> MarketClient:  # a waiting request holds its connection: its own
            return MarketClient(
                creds.server_url,
                creds,
                app_version=__version__,
                ca_bundle=config.sync.ca_bundle or None,
                timeout=(3.05, config.sync.long_poll_s + 10.0),
                retries=0,
            )

        cursor = SyncRepository(backend.engine).feed_cursor
        wait_s = config.sync.long_poll_s
        worker.watcher = FeedWatcher(waiting(), cursor, worker.wake, wait_s=wait_s)
        # The attract screen's login QR code waits on a connection of its own too.
        worker.tickets = TicketKeeper(waiting(), config.terminal.station_code, wait_s=wait_s)
        backend.phone.attach_keeper(worker.tickets)
    return worker


LOOKUP_TIMEOUT = (1.5, 2.5)  # a worker waits at the reader: at most 4 s, then filing here


def _keep_district_key(paths: Paths, backend: Backend, client: MarketClient, key: str) -> None:
    """Keep the district's key beside the credential, and hash ID numbers under it."""
    from kiosk.sync import credentials  # noqa: PLC0415

    creds = credentials.load(paths.credentials)
    if creds is None:
        return
    creds = dataclasses.replace(creds, lookup_key=key)
    credentials.save(paths.credentials, creds)
    client.credentials = creds
    backend.keys.learn(bytes.fromhex(key))
    log.info("district look-up key received")


def agreement_place(config: Config) -> Where:
    """Where this kiosk's agreements are signed, and where their disputes go."""
    from kiosk.domain.agreement import Disputes  # noqa: PLC0415
    from kiosk.services.agreements import Where  # noqa: PLC0415

    a = config.agreement
    return Where(
        Disputes(a.rights_desk, a.rights_desk_hours, a.inspection_phone),
        config.terminal.station_code,
        config.terminal.name,
    )


def make_printer(config: Config) -> CupsPrinter:
    """The configured CUPS queue (its calls raise ``not_configured`` when there is none)."""
    from kiosk.printing.cups import CupsPrinter  # noqa: PLC0415

    return CupsPrinter(config.printer.queue, config.printer.server, wait_s=config.printer.wait_s)


def verify_base(config: Config, paths: Paths) -> str | None:
    """Where a printed QR code sends a phone: ``[agreement] verify_url``, else the market
    server this kiosk is enrolled with (None: neither)."""
    from kiosk.sync import credentials  # noqa: PLC0415

    if config.agreement.verify_url:
        return config.agreement.verify_url
    creds = credentials.load(paths.credentials)
    return creds.server_url if creds is not None else None


def export_logs(paths: Paths, config: Config, clock: Clock, report: str) -> Path:
    """The technician's log export to a USB stick (``kiosk.services.logexport``)."""
    from kiosk.services.logexport import export_logs as export  # noqa: PLC0415 - on use

    return export(
        paths.logs, config.storage.usb_folders, config.terminal_label, report, clock.now()
    )


def export_dashboard(
    config: Config, clock: Clock, dashboard: Dashboard, station: StationDays | None
) -> Path:
    """The staff's dashboard as CSV on a USB stick (``kiosk.domain.dashboard``), with the
    station's days when the market answered."""
    from kiosk.domain.dashboard import to_csv  # noqa: PLC0415 - on use
    from kiosk.services.usbstick import safe_name, to_stick  # noqa: PLC0415

    name = config.terminal_label
    filename = f"kiosk-day-{safe_name(name)}-{clock.now():%Y%m%d-%H%M%S}.csv"
    # UTF-8 with a byte-order mark, so that a spreadsheet opens the Chinese names right.
    data = to_csv(dashboard, name, station).encode("utf-8-sig")
    return to_stick(config.storage.usb_folders, filename, data)
