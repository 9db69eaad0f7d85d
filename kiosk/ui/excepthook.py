"""A kiosk never shows a traceback: errors are logged and the attract screen returns."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from types import TracebackType

from PySide6.QtCore import QObject, Signal

log = logging.getLogger("kiosk.crash")


class CrashGuard(QObject):
    """Installs the process-wide hooks; ``crashed`` reaches the GUI thread (queued)."""

    crashed = Signal(str)

    def install(self) -> None:
        """Replace ``sys.excepthook`` and ``threading.excepthook``."""
        sys.excepthook = self._hook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        """Give the hooks back before Qt objects are torn down (no callback into dead wrappers)."""
        sys.excepthook = sys.__excepthook__
        threading.excepthook = threading.__excepthook__

    def _hook(
        self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None
    ) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, exc, tb)
            return
        # The traceback names code, not people: no locals are formatted.
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        self.crashed.emit(kind.__name__)

    def _thread_hook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is not None:
            self._hook(args.exc_type, args.exc_value, args.exc_traceback)
