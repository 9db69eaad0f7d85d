"""A kiosk store enrolled with a test market server, and its sync worker (no Qt)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.config import Config, Paths
from kiosk.services.sync import EnrolmentService
from kiosk.store import models as m
from kiosk.sync.status import SyncStatus
from kiosk.sync.worker import SyncWorker
from kiosk.wiring import Backend, build_sync, open_backend, refresh_catalogue
from tests.helpers.kiosk import Rig, make_config
from tests.helpers.market import market_admin


@dataclass
class Station:
    """One enrolled kiosk: its store, its worker, the statuses it reported."""

    config: Config
    paths: Paths
    backend: Backend
    worker: SyncWorker
    statuses: list[SyncStatus] = field(default_factory=list)

    def count(self, table: type[m.Base], *where: object) -> int:
        """Rows in a local table."""
        with Session(self.backend.engine) as s:
            return int(s.scalar(select(func.count()).select_from(table).where(*where)) or 0)  # type: ignore[arg-type]

    def outbox_states(self) -> dict[str, int]:
        """Outbox rows by state."""
        with Session(self.backend.engine) as s:
            rows = s.execute(select(m.OutboxRow.state, func.count()).group_by(m.OutboxRow.state))
            return {state: int(n) for state, n in rows}

    def cursor(self) -> str | None:
        """The committed feed cursor."""
        with Session(self.backend.engine) as s:
            return s.scalar(
                select(m.SyncStateRow.cursor).where(m.SyncStateRow.collection == "feed")
            )

    def close(self) -> None:
        """Stop the worker's session and the engine."""
        self.worker.engine.client.close()
        self.backend.engine.dispose()


def enrol(
    data_dir: Path,
    server_url: str,
    database: str,
    name: str = "test-kiosk",
    **sections: dict[str, object],
) -> Station:
    """Enrol through the real device grant (approved with market-admin), then build sync."""
    config, paths = make_config(data_dir, **sections)
    backend = open_backend(config, paths)
    service = EnrolmentService(
        paths.credentials, app_version="0.1.0", terminal_name=name, ca_bundle=None
    )
    pending = service.begin(server_url)
    market_admin(database, "approve", pending.user_code)
    pending.wait()
    statuses: list[SyncStatus] = []
    worker = build_sync(
        config,
        paths,
        backend,
        on_status=statuses.append,
        on_pulled=lambda n: refresh_catalogue(backend, n),
    )
    assert worker is not None
    return Station(config, paths, backend, worker, statuses)


def seed_like_server(station: Station, jobs: int, today: dt.date) -> None:
    """The kiosk's own demo data, identical to ``market-admin import-demo`` (same seed/day)."""
    from kiosk.wiring import seed_demo

    seed_demo(station.backend, station.paths, jobs, today)


def enrol_rig(rig: Rig, server_url: str, database: str, name: str, interval_s: int = 2) -> None:
    """Enrol a kiosk with a screen (``tests.helpers.kiosk.start_rig``) through the real
    device grant, and start its sync every ``interval_s``."""
    service = EnrolmentService(
        rig.paths.credentials, app_version="0.1.0", terminal_name=name, ca_bundle=None
    )
    pending = service.begin(server_url)
    market_admin(database, "approve", pending.user_code)
    pending.wait()
    config = dataclasses.replace(
        rig.config, sync=dataclasses.replace(rig.config.sync, interval_s=interval_s)
    )
    rig.kiosk.start_sync(config, rig.paths, rig.backend)


def start_enrolled(
    data_dir: Path, server_url: str, database: str, name: str, today: dt.date,
    **sections: dict[str, object],
) -> Rig:  # fmt: skip
    """A kiosk with a screen, enrolled and syncing, whose market holds the kiosk's own demo
    jobs (the same seed, day and count): what a worker applies for there, the market knows."""
    from kiosk.wiring import DEFAULT_DEMO_JOBS
    from tests.helpers.kiosk import close_kiosk, start_rig

    market_admin(
        database, "import-demo", "--jobs", str(DEFAULT_DEMO_JOBS), "--today", today.isoformat()
    )
    rig = start_rig(data_dir, **sections)
    try:
        enrol_rig(rig, server_url, database, name)
    except BaseException:
        close_kiosk(rig.kiosk, rig.backend)
        raise
    return rig
