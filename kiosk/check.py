"""Diagnostics for technicians: ``kiosk --check`` and the technician screen show the same report."""

from __future__ import annotations

import os
import queue
import stat
from dataclasses import dataclass
from pathlib import Path

from kiosk import __version__
from kiosk.config import Config, Paths
from kiosk.domain.errors import KioskError, StoreError, StoreErrorKind
from kiosk.domain.storage import storage_error
from kiosk.i18n import Catalog, CatalogError, Lang
from kiosk.idcard.events import ReaderEvent, ReaderState, ReaderStatus
from kiosk.store.db import head_revision, pragma
from kiosk.ui.theme import FontReport, load_fonts
from kiosk.wiring import Backend, open_backend

OK, WARN, FAIL = "ok", "warn", "FAIL"
KEY_KINDS = (StoreErrorKind.KEY_MISSING, StoreErrorKind.KEY_WRONG)


@dataclass(frozen=True)
class Finding:
    """One line of the report."""

    level: str
    name: str
    detail: str


def _writable(path: Path) -> bool:
    try:
        path.mkdir(parents=True, exist_ok=True)
        probe = path / ".write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        return False
    return True


def data_folder_finding(folder: Path) -> Finding:
    """Writable, with room left (a full disk is found here, before the database fails)."""
    from kiosk.store.db import LOW_FREE_BYTES, MIN_FREE_BYTES, free_bytes  # noqa: PLC0415

    if not _writable(folder):
        return Finding(FAIL, "data folder", f"{folder}: cannot be written")
    room = free_bytes(folder)
    mb = f"{room / (1 << 20):.1f} MB free"
    if room < MIN_FREE_BYTES:
        need = MIN_FREE_BYTES >> 20
        return Finding(FAIL, "data folder", f"{folder}: {mb}, the kiosk needs {need} MB to work")
    return Finding(OK if room >= LOW_FREE_BYTES else WARN, "data folder", f"{folder} ({mb})")


def store_finding(exc: Exception, paths: Paths) -> Finding:
    """Why the store did not open, named for the technician (the key, the disk, the file)."""
    if isinstance(exc, StoreError) and exc.kind in KEY_KINDS:
        return Finding(FAIL, "installation secret", str(exc))
    fault = storage_error(exc, paths.data_dir)
    if fault is not None:
        return Finding(FAIL, "database", str(fault))
    return Finding(FAIL, "database", f"{type(exc).__name__}: {exc}")


def check_catalog(paths: Paths) -> list[Finding]:
    """Every catalog loads and has every message of the Chinese one."""
    try:
        catalog = Catalog(paths.translations)
    except CatalogError as exc:
        return [Finding(FAIL, "translations", str(exc))]
    findings = []
    for lang in Lang:
        missing = catalog.missing(lang)
        level = OK if not missing else WARN
        findings.append(
            Finding(
                level,
                f"translations {lang.value}",
                f"{len(missing)} missing" + (f": {', '.join(missing[:5])}" if missing else ""),
            )
        )
    return findings


def check_backend(backend: Backend) -> list[Finding]:
    """Database durability, revision, contents, and the secret's permissions."""
    report, engine = backend.report, backend.engine
    head = head_revision()
    out = [
        Finding(OK, "database", str(report.path)),
        Finding(
            OK if report.revision == head else FAIL,
            "schema revision",
            f"{report.revision} (shipped: {head})",
        ),
    ]
    journal, sync, fks = (
        pragma(engine, "journal_mode"),
        pragma(engine, "synchronous"),
        pragma(engine, "foreign_keys"),
    )
    good = journal == "wal" and sync == 2 and fks == 1
    out.append(
        Finding(
            OK if good else FAIL,
            "durability",
            f"journal={journal} synchronous={sync} foreign_keys={fks}",
        )
    )
    if report.damaged_copy is not None:
        carried = ", ".join(f"{t} {n}" for t, n in report.salvaged.items()) or "nothing"
        out.append(
            Finding(
                WARN,
                "database recovered",
                f"{report.damage}: kept as {report.damaged_copy}; carried over: {carried}",
            )
        )
    fig = backend.figures.figures()
    out.append(
        Finding(
            OK if fig.open_jobs else WARN,
            "contents",
            f"open jobs {fig.open_jobs}, workers {fig.workers}, "
            f"employers {fig.employers}, waiting to send {fig.pending_outbox}",
        )
    )
    mode = stat.S_IMODE(os.stat(backend.report.path.parent / "installation.key").st_mode)
    out.append(Finding(OK if mode & 0o077 == 0 else WARN, "installation secret", f"mode {mode:o}"))
    return out


def check_fonts(fonts: FontReport) -> list[Finding]:
    """Tibetan and Chinese fonts present (a missing Tibetan font makes Tibetan unreadable)."""
    return [
        Finding(
            OK if fonts.tibetan else FAIL,
            "Tibetan font",
            "Noto Serif Tibetan"
            + ("" if fonts.tibetan else " missing: apt-get install fonts-noto-core"),
        ),
        Finding(
            OK if fonts.cjk else FAIL,
            "Chinese font",
            "Noto Sans CJK SC" + ("" if fonts.cjk else " missing: apt-get install fonts-noto-cjk"),
        ),
    ]


def diagnose(
    config: Config,
    paths: Paths,
    backend: Backend | None,
    fonts: FontReport | None,
    reader_status: ReaderStatus | None = None,
) -> list[Finding]:
    """The whole report; ``backend`` None means the store is not open (it is tried here)."""
    findings = [
        Finding(OK, "version", __version__),
        Finding(OK, "config", config.source),
        Finding(
            OK,
            "terminal",
            f"{config.terminal.name} at {config.terminal.station_code}"
            + (" (demo)" if config.terminal.demo else ""),
        ),
        data_folder_finding(paths.data_dir),
    ]
    standalone = backend is None
    if backend is None:
        try:
            backend = open_backend(config, paths)
        except (KioskError, OSError, ValueError) as exc:
            findings.append(store_finding(exc, paths))
    if backend is not None:
        from kiosk.check_sync import check_sync  # noqa: PLC0415

        findings += check_backend(backend)
        findings += check_sync(config, paths, backend, ask_server=standalone)
    findings += check_catalog(paths)
    findings += check_voice(config, paths)
    if fonts is not None:
        findings += check_fonts(fonts)
    findings.append(reader_finding(config, reader_status))
    findings.append(printer_finding(config))
    return findings


def printer_finding(config: Config) -> Finding:
    """Whether a printout sent now would print (the agreement's copies)."""
    from kiosk.printing.cups import CupsPrinter, PrintError  # noqa: PLC0415

    queue = config.printer.queue
    if not queue:
        return Finding(WARN, "printer", "none ([printer] queue): agreements are saved, not printed")
    try:
        state = CupsPrinter(queue, config.printer.server).ready()
    except PrintError as exc:
        return Finding(FAIL, "printer", f"{queue}: {exc.reason} {exc.detail}".strip())
    return Finding(
        OK, "printer", f"{queue}: ready" + (f" ({state.message})" if state.message else "")
    )


def check_voice(config: Config, paths: Paths) -> list[Finding]:
    """The speech engine, the Tibetan clips recorded so far, and the missing-clip rule."""
    import shutil  # noqa: PLC0415
    import subprocess  # noqa: PLC0415

    from kiosk.i18n import Catalog, CatalogError  # noqa: PLC0415
    from kiosk.ui.voiceflow import spoken_prompts  # noqa: PLC0415
    from kiosk.voice.clips import ClipLibrary  # noqa: PLC0415

    if not config.voice.enabled:
        return [Finding(WARN, "voice", "off ([voice] enabled = false)")]
    out = []
    exe = shutil.which("espeak-ng")
    if exe is None:
        out.append(Finding(FAIL, "speech engine", "espeak-ng is not installed: no Chinese speech"))
    else:
        voices = subprocess.run(
            [exe, "--voices=cmn"], capture_output=True, text=True, timeout=10, check=False
        ).stdout
        ok = "cmn-latn-pinyin" in voices
        out.append(
            Finding(
                OK if ok else FAIL,
                "speech engine",
                "espeak-ng with cmn-latn-pinyin" if ok else "espeak-ng lacks cmn-latn-pinyin",
            )
        )
    out.append(sound_output_finding())
    try:
        catalog = Catalog(paths.translations)
    except CatalogError:
        return out
    prompts = spoken_prompts(catalog)
    library = ClipLibrary(paths.data_dir / "voice")
    done, total = library.coverage(prompts)
    out.append(
        Finding(
            OK if done == total else WARN,
            "tibetan clips",
            f"{done} of {total} recorded; {total - done} missing, which follow the rule "
            f"'{config.voice.missing_clip}' (record them: technician screen)",
        )
    )
    waiting, refused = library.summary()
    named = ", ".join(f"{s.name} ({s.refused})" for s in refused[:5])
    out.append(
        Finding(
            WARN if refused else OK,
            "clip sharing",
            f"{waiting} recorded here waiting to go to the market; {len(refused)} refused"
            + (f": {named} (record them again)" if refused else ""),
        )
    )
    return out


_PROBE = (
    "from PySide6.QtCore import QCoreApplication\n"
    "from PySide6.QtMultimedia import QMediaDevices\n"
    "app = QCoreApplication([])\n"
    "print('\\n'.join(d.description() for d in QMediaDevices.audioOutputs()))\n"
)


def sound_output_finding(timeout_s: float = 20.0) -> Finding:
    """Whether any sound device can play, as QtMultimedia (which plays the prompts) sees
    it: without one every prompt fails, however well the speech engine works."""
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    try:
        probe = subprocess.run(
            [sys.executable, "-c", _PROBE],
            capture_output=True,
            text=True,
            timeout=timeout_s,
            check=False,
        )
    except subprocess.TimeoutExpired:
        return Finding(FAIL, "sound output", "the sound system did not answer: prompts are silent")
    names = [line.strip() for line in probe.stdout.splitlines() if line.strip()]
    if probe.returncode != 0 or not names:
        return Finding(
            FAIL,
            "sound output",
            "no device can play: every prompt is silent (check the speaker, its cable and "
            "the sound server)",
        )
    return Finding(OK, "sound output", ", ".join(names))


def reader_finding(config: Config, status: ReaderStatus | None) -> Finding:
    """The card reader's state: the running kiosk's, or a short probe of the configured one."""
    if config.terminal.demo:
        return Finding(OK, "card reader", "demo reader (sample cards on the demo panel)")
    if status is None:
        status = probe_reader(config)
    if status is None:
        return Finding(WARN, "card reader", "none configured ([idcard] backend = none)")
    level = OK if status.state is ReaderState.CONNECTED else FAIL
    return Finding(
        level, "card reader", f"{config.idcard.backend}: {status.state.value} ({status.reason})"
    )


def probe_reader(config: Config, timeout_s: float = 3.0) -> ReaderStatus | None:
    """Start the configured reader and report its first status (None: no reader configured)."""
    from kiosk.devices import make_reader  # noqa: PLC0415

    try:
        reader = make_reader(config.idcard)
    except ValueError as exc:
        return ReaderStatus(ReaderState.ERROR, str(exc))
    if reader is None:
        return None
    events: queue.Queue[ReaderEvent] = queue.Queue()
    reader.start(events.put)
    try:
        while True:
            event = events.get(timeout=timeout_s)
            if isinstance(event, ReaderStatus):
                return event
    except queue.Empty:
        return ReaderStatus(ReaderState.ERROR, f"no answer within {timeout_s:.0f} s")
    finally:
        reader.stop()


def render(findings: list[Finding]) -> str:
    """One aligned line per finding."""
    width = max(len(f.name) for f in findings)
    return "\n".join(f"[{f.level:>4}] {f.name:<{width}}  {f.detail}" for f in findings)


def failed(findings: list[Finding]) -> bool:
    """True when any finding is a failure."""
    return any(f.level == FAIL for f in findings)


def run_check(config: Config, paths: Paths) -> int:
    """``kiosk --check``: the technician report on stdout; 1 when anything failed."""
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    _app = QApplication.instance() or QApplication(["kiosk"])
    findings = diagnose(config, paths, None, load_fonts(paths.assets / "fonts"))
    print(render(findings))
    return 1 if failed(findings) else 0
