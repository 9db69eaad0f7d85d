"""A full or read-only disk, for real (a small tmpfs): nothing is set aside as damaged,
nothing waiting is lost, one clear line for the technician, and the kiosk takes no work it
cannot save until the disk is mended (issue 17)."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.domain.errors import StoreError, StoreErrorKind
from kiosk.domain.registry import WorkerBindCard
from kiosk.domain.timeutil import LHASA_TZ
from kiosk.store.outbox import queue_mutation
from kiosk.wiring import open_backend, seed_demo
from tests.helpers.kiosk import make_config
from tests.helpers.tmpfs import SmallDisk, small_disk

pytestmark = pytest.mark.slow
ADMIN = str(Path(sys.executable).parent / "kiosk-admin")


def _with_work(data: Path, n: int = 13) -> set[str]:
    """A kiosk with demo workers and ``n`` mutations waiting to be sent."""
    config, paths = make_config(data)
    backend = open_backend(config, paths)
    seed_demo(backend, paths, 30, backend.clock.now().date())
    worker = backend.workers.sample(1)[0]
    now = dt.datetime.now(LHASA_TZ)
    with backend.engine.begin() as conn:
        ids = {queue_mutation(conn, WorkerBindCard(worker.id, f"{i:064x}"), now) for i in range(n)}
    backend.engine.dispose()
    return ids


def _waiting(data: Path) -> set[str]:
    conn = sqlite3.connect(f"file:{data / 'kiosk.sqlite3'}?mode=ro", uri=True)
    try:
        return {r[0] for r in conn.execute("SELECT mutation_uuid FROM outbox")}
    finally:
        conn.close()


def _nothing_moved(data: Path) -> None:
    assert not [p.name for p in data.iterdir() if ".damaged-" in p.name]


@pytest.fixture
def disk(tmp_path: Path) -> object:
    with small_disk(tmp_path / "disk", "6m") as d:
        yield d


def test_a_full_disk_is_named_and_nothing_is_moved_or_lost(disk: SmallDisk) -> None:
    data = disk.path / "kiosk"
    waiting = _with_work(data)
    disk.fill()
    config, paths = make_config(data)
    with pytest.raises(StoreError) as caught:
        open_backend(config, paths)
    assert caught.value.kind is StoreErrorKind.DISK_FULL
    assert "full" in str(caught.value)
    _nothing_moved(data)
    disk.free()
    backend = open_backend(config, paths)  # the disk mended: the same database, whole
    try:
        assert backend.report.damaged_copy is None
        assert backend.figures.figures().pending_outbox == len(waiting)
    finally:
        backend.engine.dispose()
    assert _waiting(data) == waiting


def test_a_read_only_disk_is_named_and_nothing_is_moved(disk: SmallDisk) -> None:
    data = disk.path / "kiosk"
    waiting = _with_work(data)
    disk.read_only(True)
    config, paths = make_config(data)
    try:
        with pytest.raises(StoreError) as caught:
            open_backend(config, paths)
        assert caught.value.kind is StoreErrorKind.READ_ONLY
        _nothing_moved(data)
    finally:
        disk.read_only(False)
    assert _waiting(data) == waiting


def test_the_technician_gets_one_line_not_two_hundred(disk: SmallDisk, tmp_path: Path) -> None:
    data = disk.path / "kiosk"
    _with_work(data)
    cfg = tmp_path / "kiosk.toml"
    cfg.write_text(f'[storage]\ndata_dir = "{data}"\n', encoding="utf-8")
    disk.fill()
    for args in (["diagnose"], ["seed", "--jobs", "5", "--replace"], ["sync", "--once"]):
        run = subprocess.run(
            [ADMIN, "--config", str(cfg), *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        out = run.stdout + run.stderr
        assert "Traceback" not in out, (args, out)
        assert "Logging error" not in out, (args, out)
        assert "full" in out, (args, out)
        assert "e3q8" not in out, (args, out)
        assert "offline" not in out, (args, out)
    diagnosed = subprocess.run(
        [ADMIN, "--config", str(cfg), "diagnose"], capture_output=True, text=True, check=False
    )
    assert "[FAIL] data folder" in diagnosed.stdout
    _nothing_moved(data)


def test_logging_that_cannot_write_says_so_once(disk: SmallDisk) -> None:
    logs = disk.path / "logs"
    logs.mkdir()
    disk.fill()
    script = (
        "import logging, sys\n"
        "from pathlib import Path\n"
        "from kiosk.logsetup import setup_logging\n"
        f"setup_logging(Path({str(logs)!r}), 'INFO')\n"
        "for i in range(200):\n"
        "    logging.getLogger('kiosk.test').warning('record %d %s', i, 'x' * 200)\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 0
    assert "Logging error" not in run.stderr
    assert "Traceback" not in run.stderr
    assert run.stderr.count("cannot write") == 1
    assert run.stderr.count("record 199") == 1  # still on stderr, every record


def test_the_kiosk_stops_taking_work_and_serves_again_once_the_disk_is_mended(
    qtbot: object, tmp_path: Path
) -> None:
    from tests.helpers.kiosk import close_kiosk, start_rig, tap

    with small_disk(tmp_path / "disk", "48m") as disk:
        rig = start_rig(disk.path / "kiosk")
        try:
            ctl = rig.kiosk.controller
            with rig.backend.engine.connect() as conn:  # every write now needs new room
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            disk.fill()
            tap(rig, qtbot, "resident_tibetan")  # the visit's first write fails
            qtbot.waitUntil(  # type: ignore[attr-defined]
                lambda: ctl.shell.current == "message", timeout=5000
            )
            message = ctl.screens["message"]
            assert message.message_id == "error.store.disk_full"  # type: ignore[attr-defined]
            assert ctl.shell.visit.view is None  # nobody is signed in on a kiosk that cannot save
            tap(rig, qtbot, "resident_chinese")  # taps do nothing while out of service
            assert ctl.shell.current == "message"
            ctl.visit_ui.probe.setInterval(100)
            qtbot.wait(400)  # type: ignore[attr-defined]
            assert ctl.shell.current == "message"  # still full: still out
            disk.free()
            qtbot.waitUntil(  # type: ignore[attr-defined]
                lambda: ctl.shell.current == "attract", timeout=5000
            )
            tap(rig, qtbot, "resident_tibetan")
            qtbot.waitUntil(  # type: ignore[attr-defined]
                lambda: ctl.shell.current == "home", timeout=5000
            )
        finally:
            close_kiosk(rig.kiosk, rig.backend)


def test_sync_on_a_full_disk_says_storage_not_offline(market: object, tmp_path: Path) -> None:
    from tests.helpers.market import MarketServer, market_admin
    from tests.helpers.syncrig import enrol, seed_like_server

    assert isinstance(market, MarketServer)
    today = dt.datetime.now(LHASA_TZ).date()
    market_admin(market.database, "import-demo", "--jobs", "20", "--today", today.isoformat())
    with small_disk(tmp_path / "disk", "16m") as disk:
        station = enrol(disk.path / "kiosk", market.url, market.database, "station-full")
        try:
            seed_like_server(station, 20, today)
            assert station.worker.run_once() is not None
            waiting = len(_queue_bindings(station.backend, 5))
            with station.backend.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
            disk.fill()
            assert station.worker.run_once() is None
            status = station.worker.status
            assert (status.state, status.problem) == ("storage", "disk_full")
            disk.free()
            assert station.worker.run_once() is not None  # sent once there is room again
            assert station.worker.status.state == "online"
            assert station.worker.status.pushed_total >= waiting
        finally:
            station.close()


def _queue_bindings(backend: object, n: int) -> set[str]:
    from kiosk.wiring import Backend

    assert isinstance(backend, Backend)
    worker = backend.workers.sample(1)[0]
    now = dt.datetime.now(LHASA_TZ)
    with backend.engine.begin() as conn:
        return {queue_mutation(conn, WorkerBindCard(worker.id, f"{i:064x}"), now) for i in range(n)}
