"""Orderly shutdown of the Qt side.

Left to the interpreter's final garbage collection, PySide6 may free wrappers in an order
that aborts the process ("deallocating None"); a kiosk restarted by systemd would log a
crash on every clean exit. So the hooks go first, then the window, then the application.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.ui.excepthook import CrashGuard
from kiosk.ui.tasks import TaskRunner


def shutdown(
    app: QApplication,
    window: QWidget,
    *,
    guard: CrashGuard | None = None,
    filters: tuple[QObject, ...] = (),
    runners: tuple[TaskRunner, ...] = (),
) -> None:
    """Stop workers, uninstall hooks and filters, delete the window, shut Qt down."""
    for runner in runners:
        runner.close()
    if guard is not None:
        guard.uninstall()
    for obj in filters:
        app.removeEventFilter(obj)
    window.hide()
    window.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    app.processEvents()
    app.shutdown()
