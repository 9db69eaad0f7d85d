"""The technician's settings (``kiosk.services.ports.SettingsDesk``): what is in force, a
live read test, the config file written (``kiosk.config_file``) and the change applied
without a restart. Part of the composition root: it builds readers and printers."""

from __future__ import annotations

import dataclasses
import logging
import os
import queue
import threading
import time
from collections.abc import Callable, Mapping
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.config import Config, ConfigError, Paths
from kiosk.config_file import EDITABLE, save_settings
from kiosk.devices import make_reader
from kiosk.domain.errors import SettingsError
from kiosk.domain.privacy import mask_name
from kiosk.domain.session import IdlePolicy
from kiosk.i18n import Mode
from kiosk.idcard.demo import DemoReader
from kiosk.idcard.events import (
    CardFailed,
    CardPresented,
    Reader,
    ReaderEvent,
    ReaderState,
    ReaderStatus,
    Sink,
)
from kiosk.services.ports import Printer, ReaderCheck

if TYPE_CHECKING:
    from kiosk.app import Kiosk

log = logging.getLogger(__name__)
MISSING_GRACE_S = 3.0  # a reader still missing this long after the start is not there


def read_once(reader: Reader, timeout_s: float) -> ReaderCheck:
    """Start ``reader``, wait for one card (or its absence), stop it."""
    events: queue.Queue[ReaderEvent] = queue.Queue()
    reader.start(events.put)
    started = time.monotonic()
    missing: ReaderStatus | None = None
    try:
        while (left := started + timeout_s - time.monotonic()) > 0:
            try:
                event = events.get(timeout=min(left, 0.2))
            except queue.Empty:
                if missing is not None and time.monotonic() - started >= MISSING_GRACE_S:
                    return ReaderCheck("settings.reader.missing", {"reason": missing.reason})
                continue
            if isinstance(event, ReaderStatus):
                missing = None if event.state is ReaderState.CONNECTED else event
            elif isinstance(event, CardFailed):
                return ReaderCheck("settings.reader.card_error", {"kind": event.error.kind.value})
            elif isinstance(event, CardPresented):
                who = event.identity
                if who is None:
                    return ReaderCheck("settings.reader.chip_only", {}, ok=True)
                name = mask_name(who.name)
                return ReaderCheck(
                    "settings.reader.read", {"name": name, "number": who.masked_number}, ok=True
                )
        if missing is not None:
            return ReaderCheck("settings.reader.missing", {"reason": missing.reason})
        return ReaderCheck("settings.reader.no_card", {})
    finally:
        reader.stop()


_swapping = threading.Lock()


def swap_reader(readers: list[Reader], sink: Sink, new: Reader | None) -> None:
    """Stop the kiosk's card reader (not the demo panel's) and start ``new`` in its place;
    from any thread (stopping waits for the reader's thread)."""
    with _swapping:
        for old in [r for r in readers if not isinstance(r, DemoReader)]:
            old.stop()
            readers.remove(old)
        if new is not None:
            readers.append(new)
            new.start(sink)


class ConfigSettings:
    """The settings of the file at ``path`` (None: the kiosk runs on defaults and cannot
    save). ``swap_reader`` stops the kiosk's card reader and starts the one given (None:
    none) from any thread; ``apply`` puts a saved config in force on the GUI thread."""

    def __init__(
        self,
        config: Config,
        path: Path | None,
        env: Mapping[str, str],
        *,
        tone: Path,
        swap_reader: Callable[[Reader | None], None],
        apply: Callable[[Config], None],
        make_printer: Callable[[Config], Printer],
    ) -> None:
        self.config, self.path, self.env, self.tone = config, path, env, tone
        self._swap, self._apply, self._make_printer = swap_reader, apply, make_printer

    def current(self) -> dict[str, object]:
        """Each editable ``"section.key"`` and its value in force."""
        out: dict[str, object] = {}
        for dotted in sorted(EDITABLE):
            section, key = dotted.split(".", 1)
            out[dotted] = getattr(getattr(self.config, section), key)
        return out

    def save(self, changes: dict[str, object]) -> object:
        """Write the file (kept as it was on a refusal), then swap the card reader when its
        settings changed. Demo mode has the demo panel and no configured reader."""
        try:
            saved = save_settings(self.path, changes, self.env)
        except ConfigError as exc:
            log.warning("settings not saved: %s", exc)
            raise SettingsError(f"{exc.key}: {exc.reason}") from None
        log.info("settings saved to %s: %s", self.path, ", ".join(sorted(changes)))
        if saved.idcard != self.config.idcard and not saved.terminal.demo:
            try:
                self._swap(make_reader(saved.idcard))
            except ValueError as exc:  # the file's own APDUs; the check at start says so too
                log.warning("card reader not restarted: %s", exc)
        self.config = saved
        return saved

    def applied(self, saved: object) -> None:
        """Volume, language, idle time and printer in force (GUI thread)."""
        if isinstance(saved, Config):
            self._apply(saved)

    def test_reader(self, backend: str, port: str, timeout_s: float) -> ReaderCheck:
        """One card on ``backend``; the kiosk's own reader is stopped meanwhile (a serial
        port has one reader at a time) and started again after."""
        if backend == "none":
            return ReaderCheck("settings.reader.none_chosen", {})
        section = dataclasses.replace(
            self.config.idcard, backend=backend, sam_port=port or self.config.idcard.sam_port
        )
        try:
            reader = make_reader(section)
        except ValueError:
            return ReaderCheck("settings.reader.missing", {"reason": "pcsc_text_apdus"})
        if reader is None:
            return ReaderCheck("settings.reader.none_chosen", {})
        own = not self.config.terminal.demo
        if own:
            self._swap(None)
        try:
            return read_once(reader, timeout_s)
        finally:
            if own:
                self._swap(self._current_reader())

    def _current_reader(self) -> Reader | None:
        try:
            return make_reader(self.config.idcard)
        except ValueError:
            return None

    def printer_for(self, queue_name: str) -> Printer | None:
        """A printer on ``queue_name`` with the rest of ``[printer]`` as in force."""
        if not queue_name:
            return None
        changed = dataclasses.replace(self.config.printer, queue=queue_name)
        return self._make_printer(dataclasses.replace(self.config, printer=changed))


def settings_for(kiosk: Kiosk, config: Config, paths: Paths) -> ConfigSettings:
    """The technician's settings on the file the kiosk started from (none: defaults)."""
    from kiosk.wiring import make_printer  # noqa: PLC0415 - with the store, after the first frame

    path = None if config.source == "(defaults)" else Path(config.source)
    return ConfigSettings(
        config,
        path,
        os.environ,
        tone=paths.assets / "voice" / "chime.wav",
        swap_reader=partial(swap_reader, kiosk.readers, kiosk.bridge.sink),
        apply=partial(apply_config, kiosk),
        make_printer=make_printer,
    )


def apply_config(kiosk: Kiosk, config: Config) -> None:
    """A saved config in force (GUI thread): the language a visit starts in, the idle time,
    the volume and the printer; the card reader was swapped when it was saved."""
    from kiosk.wiring import make_printer  # noqa: PLC0415

    kiosk.texts.default_mode = Mode(config.display.default_mode)
    session = config.session
    kiosk.idle.clock.policy = IdlePolicy(session.idle_seconds, session.warning_seconds)
    if kiosk.voice is not None:
        kiosk.voice.player.output.setVolume(config.voice.volume)
    shell = kiosk.controller.shell
    if shell.services is not None:
        printer = make_printer(config) if config.printer.queue else None
        shell.services = dataclasses.replace(shell.services, printer=printer)
    kiosk.controller.admin_ui.attached()  # "print a test page" shows with a printer
