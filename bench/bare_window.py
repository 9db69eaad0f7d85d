"""The floor for start-up: a bare PySide6 window, timed to its first painted frame."""

from __future__ import annotations

import time

from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QWidget


class FirstFrameWindow(QWidget):
    """Prints the wall-clock time of its first frame, then quits."""

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        print(f"first_frame_epoch {time.time():.6f}", flush=True)
        QApplication.quit()


def main() -> None:
    """Show one window and quit after its first frame."""
    app = QApplication(["bare"])
    window = FirstFrameWindow()
    window.resize(1920, 1080)
    window.show()
    app.exec()


if __name__ == "__main__":
    main()
