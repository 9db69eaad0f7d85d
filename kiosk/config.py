"""Terminal configuration: declared once as typed data, loaded from TOML plus environment.

Each field carries its default and a one-line description (the example file is generated
from them, and a test keeps it in step). A bad value stops start-up with one message that
names the file, the key and the reason: never a traceback.

Environment overrides: ``KIOSK_<SECTION>_<KEY>``, e.g. ``KIOSK_SESSION_IDLE_SECONDS=60``.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, get_type_hints

from kiosk.config_values import ConfigError, check_value, convert_value
from kiosk.domain.session import MAX_IDLE_SECONDS, MIN_IDLE_SECONDS, MIN_WARNING_SECONDS

__all__ = [
    "Config",
    "ConfigError",
    "Paths",
    "load_config",
    "parse_config",
    "resolve_paths",
    "with_overrides",
]

ENV_PREFIX = "KIOSK_"
# Keys that older config files may still carry: accepted with a warning, never read.
RETIRED: dict[str, frozenset[str]] = {"wages": frozenset({"min_monthly_yuan"})}
log = logging.getLogger(__name__)
DISPLAY_MODES = ("both", "bo", "zh", "en")
MISSING_CLIP_RULES = ("chinese", "chime", "silence")
READER_BACKENDS = ("pcsc", "sam", "none")
HALL_DISPLAYS = ("off", "second", "here")


def _f(default: Any, doc: str, **check: Any) -> Any:
    """A config field with its description and bounds kept beside it."""
    return field(default=default, metadata={"doc": doc, **check})


@dataclass(frozen=True)
class TerminalSection:
    """Who this kiosk is and where it stands."""

    station_code: str = _f(
        "gongdelin", "Code of the station this kiosk stands in (see assets/data/places.json)"
    )
    name: str = _f(
        "kiosk-1",
        "Name of this terminal in diagnostics (the market sees [sync] terminal_name)",
    )
    demo: bool = _f(
        False, "Demo mode: seeds demo data, shows the demo card panel and an exit button"
    )
    station_phone: str = _f(
        "",
        "The station desk's phone, shown and spoken in a worker's visit summary (empty: none)",
        pattern=r"[0-9][0-9 -]{2,19}|",
        pattern_doc="must be a phone number (digits, spaces, dashes; up to 20)",
    )


@dataclass(frozen=True)
class DisplaySection:
    """The screen, so that sizes in millimetres become pixels."""

    fullscreen: bool = _f(True, "Fill the screen (turn off only for development)")
    diagonal_inches: float = _f(
        21.5, "Diagonal of the panel, for millimetre sizes", min=7.0, max=100.0
    )
    width_px: int = _f(1920, "Horizontal resolution of the panel", min=640, max=7680)
    height_px: int = _f(1080, "Vertical resolution of the panel", min=480, max=4320)
    default_mode: str = _f(
        "both", "Text shown before a worker chooses: both, bo, zh or en", choices=DISPLAY_MODES
    )


@dataclass(frozen=True)
class SessionSection:
    """How long a session waits for a worker who walked away."""

    idle_seconds: int = _f(
        90,
        "Seconds without a touch before the warning",
        min=MIN_IDLE_SECONDS,
        max=MAX_IDLE_SECONDS,
    )
    warning_seconds: int = _f(
        30,
        "Seconds the countdown lasts (WCAG 2.2.1: at least 20)",
        min=MIN_WARNING_SECONDS,
        max=600,
    )


@dataclass(frozen=True)
class StorageSection:
    """Where the kiosk keeps its data."""

    data_dir: str = _f(
        "", "Folder for the database, secret and logs; empty means the platform default"
    )
    usb_dirs: str = _f(
        "/media:/run/media",
        "Folders where USB sticks appear (colon-separated): the technician's log export",
    )

    @property
    def usb_folders(self) -> list[Path]:
        """``usb_dirs`` as paths."""
        return [Path(p) for p in self.usb_dirs.split(":") if p.strip()]


@dataclass(frozen=True)
class AdminSection:
    """Staff and technician PINs."""

    pin_max_failures: int = _f(5, "Wrong PINs in a row before the role is locked", min=1, max=20)
    pin_lockout_seconds: int = _f(300, "How long a locked role stays locked", min=10, max=86400)
    gesture_taps: int = _f(5, "Taps in the top-left corner that open the PIN pad", min=3, max=10)


@dataclass(frozen=True)
class WagesSection:
    """Local wage rules (LHASA.md; check the figures against the TAR HRSS notice)."""

    min_hourly_yuan: int = _f(
        18, "TAR minimum hourly wage for non-full-time work (2021 notice: 18)", min=1, max=1000
    )


@dataclass(frozen=True)
class AgreementSection:
    """The simple employment agreement: its paper, and where a dispute goes (TRUST.md)."""

    paper: str = _f(
        "a4", "Printout size: a4, or receipt80 (an 80 mm roll)", choices=("a4", "receipt80")
    )
    rights_desk: str = _f(
        "城关区零工市场劳动维权窗口", "Where the rights desk is (printed on every agreement)"
    )
    rights_desk_hours: str = _f(
        "09:30-18:00",
        "The rights desk's opening hours, as printed",
        pattern=r"[0-9:\- ,]{1,40}",
        pattern_doc="hours such as 09:30-18:00",
    )
    inspection_phone: str = _f(
        "",
        "The district labour inspection's complaint number (empty: not printed, 12333 only)",
        pattern=r"[0-9][0-9 -]{2,19}|",
        pattern_doc="must be a phone number (digits, spaces, dashes; up to 20)",
    )
    verify_url: str = _f(
        "", "Address of the agreement verification page (empty: the enrolled market server)"
    )


@dataclass(frozen=True)
class PrinterSection:
    """The station's printer, through CUPS (agreements, a copy for each party)."""

    queue: str = _f("", "CUPS queue name (empty: no printer; nothing is printed)")
    server: str = _f("", "CUPS server, host[:port] or a socket path (empty: this machine's)")
    copies: int = _f(2, "Copies of each agreement (one for each party)", min=1, max=5)
    wait_s: int = _f(60, "Longest to wait for a printout before saying it failed", min=5, max=600)


@dataclass(frozen=True)
class IdcardSection:
    """Card readers and scanners (demo mode always uses the demo reader)."""

    backend: str = _f("pcsc", "Card reader: pcsc, sam or none", choices=READER_BACKENDS)
    pcsc_reader: str = _f("", "Use the first PC/SC reader whose name contains this (empty: any)")
    pcsc_text_apdus: str = _f("", "Vendor APDUs (hex, comma-separated) that return the text block")
    sam_port: str = _f("/dev/ttyUSB0", "Serial port of a GA/T 467 SAM reader")
    sam_baudrate: int = _f(115200, "Baud rate of the SAM reader", min=9600, max=921600)
    debounce_ms: int = _f(500, "Repeats of one card within this time are one tap", min=0, max=5000)
    scanner: bool = _f(True, "Accept keyboard-wedge QR/barcode scanners")
    scanner_max_gap_ms: int = _f(35, "Longest gap between a scanner's keystrokes", min=5, max=200)


@dataclass(frozen=True)
class VoiceSection:
    """Spoken prompts."""

    enabled: bool = _f(True, "Speak prompts")
    volume: float = _f(0.9, "Playback volume from 0 to 1", min=0.0, max=1.0)
    rate: int = _f(150, "Chinese speech rate in words per minute", min=60, max=300)
    missing_clip: str = _f(
        "chinese",
        "When a Tibetan clip is missing: chinese, chime or silence",
        choices=MISSING_CLIP_RULES,
    )


@dataclass(frozen=True)
class HallSection:
    """The hall screen: today's jobs rolling, large and bilingual, new ones said aloud."""

    display: str = _f(
        "off",
        "off; second: on a second display (shown when one is plugged in); here: this kiosk "
        "shows it whenever nobody is using it (a card tap still starts a visit)",
        choices=HALL_DISPLAYS,
    )
    page_seconds: int = _f(12, "Seconds each page of jobs is shown", min=5, max=120)
    announce: bool = _f(True, "Say each new job aloud (only while nobody uses the kiosk)")


@dataclass(frozen=True)
class SyncSection:
    """Background sync with the market server (SYNC.md)."""

    enabled: bool = _f(True, "Sync when enrolled (kiosk-admin enrol, or the technician screen)")
    interval_s: int = _f(30, "Seconds between sync cycles (with jitter)", min=2, max=3600)
    page_size: int = _f(500, "Changes asked for per request", min=10, max=500)
    watchdog_s: int = _f(120, "Longest a sync cycle may run", min=10, max=3600)
    read_timeout_s: float = _f(
        30.0, "Longest wait for a server reply to continue (SYNC.md: 30 s)", min=0.5, max=300.0
    )
    long_poll_s: float = _f(
        25.0,
        "Longest a request waits at the market for new jobs or answers (0: off; then only "
        "every interval_s)",
        min=0.0,
        max=30.0,
    )
    ca_bundle: str = _f("", "CA bundle for the server's TLS certificate (empty: system CAs)")
    terminal_name: str = _f("", "Name shown to the market administrator (empty: station code)")


@dataclass(frozen=True)
class LoggingSection:
    """The technician's log."""

    level: str = _f("INFO", "Log level", choices=("DEBUG", "INFO", "WARNING", "ERROR"))


@dataclass(frozen=True)
class Config:
    """The whole terminal configuration; ``source`` names the file it came from."""

    terminal: TerminalSection = field(default_factory=TerminalSection)
    display: DisplaySection = field(default_factory=DisplaySection)
    session: SessionSection = field(default_factory=SessionSection)
    storage: StorageSection = field(default_factory=StorageSection)
    admin: AdminSection = field(default_factory=AdminSection)
    wages: WagesSection = field(default_factory=WagesSection)
    agreement: AgreementSection = field(default_factory=AgreementSection)
    printer: PrinterSection = field(default_factory=PrinterSection)
    idcard: IdcardSection = field(default_factory=IdcardSection)
    voice: VoiceSection = field(default_factory=VoiceSection)
    hall: HallSection = field(default_factory=HallSection)
    sync: SyncSection = field(default_factory=SyncSection)
    logging: LoggingSection = field(default_factory=LoggingSection)
    source: str = "(defaults)"

    @property
    def terminal_label(self) -> str:
        """The name this kiosk goes by at the market and on files it writes:
        ``[sync] terminal_name``, else the station code."""
        return self.sync.terminal_name or self.terminal.station_code


SECTIONS: dict[str, type[Any]] = {
    f.name: f.default_factory  # type: ignore[misc]
    for f in fields(Config)
    if f.name != "source"
}


def _build_section(name: str, raw: Mapping[str, Any], env: Mapping[str, str], source: str) -> Any:
    cls = SECTIONS[name]
    hints = get_type_hints(cls)
    known = {f.name: f for f in fields(cls)}
    for key in raw:
        if key in RETIRED.get(name, ()):
            log.warning("%s: [%s] %s is no longer used; it can be removed", source, name, key)
        elif key not in known:
            raise ConfigError(source, f"[{name}] {key}", f"unknown key (known: {', '.join(known)})")
    values: dict[str, Any] = {}
    for fname, fdef in known.items():
        env_key = f"{ENV_PREFIX}{name}_{fname}".upper()
        if env_key in env:
            where, value = "environment", env[env_key]
        elif fname in raw:
            where, value = source, raw[fname]
        else:
            continue
        label = env_key if where != source else f"[{name}] {fname}"
        converted = convert_value(value, hints[fname], where, label)
        check_value(converted, fdef.metadata, where, label)
        values[fname] = converted
    return cls(**values)


def load_config(path: Path | None, env: Mapping[str, str] | None = None) -> Config:
    """Read ``path`` (None: defaults only) and apply ``KIOSK_*`` overrides from ``env``."""
    source = str(path) if path else "(defaults)"
    text = ""
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(source, "(file)", "file not found") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(source, "(file)", f"cannot read: {exc}") from None
    return parse_config(text, source, env)


def parse_config(text: str, source: str, env: Mapping[str, str] | None = None) -> Config:
    """The config a file holding ``text`` would give (``source`` names it in messages)."""
    env = os.environ if env is None else env
    try:
        raw: dict[str, Any] = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(source, "(syntax)", str(exc)) from None
    for name, value in raw.items():
        if name not in SECTIONS:
            raise ConfigError(
                source, f"[{name}]", f"unknown section (known: {', '.join(SECTIONS)})"
            )
        if not isinstance(value, dict):
            raise ConfigError(source, f"[{name}]", "expected a table of keys")
    sections = {name: _build_section(name, raw.get(name, {}), env, source) for name in SECTIONS}
    return Config(**sections, source=source)


def with_overrides(config: Config, **sections: Mapping[str, Any]) -> Config:
    """A copy with some fields replaced, e.g. ``with_overrides(c, terminal={"demo": True})``."""
    changed = {
        name: dataclasses.replace(getattr(config, name), **values)
        for name, values in sections.items()
    }
    return dataclasses.replace(config, **changed)


def example_toml() -> str:
    """The documented example file, generated from the declarations above."""
    lines = [
        "# Gig-station kiosk configuration (generated by `kiosk-admin config-example`).",
        "# Every key is optional; the value shown is the default.",
        f"# Any key can be overridden by the environment: {ENV_PREFIX}<SECTION>_<KEY>.",
    ]
    for name, cls in SECTIONS.items():
        lines += ["", f"[{name}]", f"# {cls.__doc__}"]
        for fdef in fields(cls):
            default = fdef.default
            if isinstance(default, bool):
                shown = "true" if default else "false"
            elif isinstance(default, str):
                shown = f'"{default}"'
            else:
                shown = str(default)
            lines += [f"# {fdef.metadata['doc']}", f"{fdef.name} = {shown}"]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Paths:
    """Where this kiosk reads and writes; derived from the config, never global."""

    data_dir: Path
    database: Path
    secret: Path
    credentials: Path
    logs: Path
    assets: Path
    translations: Path


def resolve_paths(config: Config, env: Mapping[str, str] | None = None) -> Paths:
    """Data under ``storage.data_dir`` (platform default otherwise; demo data kept apart)."""
    import platformdirs  # noqa: PLC0415 - only needed here

    env = os.environ if env is None else env
    root = (
        Path(config.storage.data_dir)
        if config.storage.data_dir
        else Path(platformdirs.user_data_dir("gig-station-kiosk", appauthor=False))
    )
    data = root / "demo" if config.terminal.demo else root
    tree = Path(__file__).resolve().parent.parent
    assets = Path(env.get("KIOSK_ASSETS_DIR", tree / "assets"))
    translations = Path(env.get("KIOSK_TRANSLATIONS_DIR", tree / "translations"))
    return Paths(
        data_dir=data,
        database=data / "kiosk.sqlite3",
        secret=data / "installation.key",
        credentials=data / "market-credentials.json",
        logs=data / "logs",
        assets=assets,
        translations=translations,
    )
