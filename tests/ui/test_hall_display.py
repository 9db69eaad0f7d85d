"""The hall board on a second display (``[hall] display = "second"``): with two screens (Qt's
offscreen platform given two, in a process of its own) the hall window fills the screen the
kiosk's window is not on, and the kiosk keeps its own start screen."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = """
import json, sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication(["hall-test"])
from tests.helpers.kiosk import close_kiosk, start_rig
rig = start_rig(Path(sys.argv[1]), hall={"display": "second"})
rig.kiosk.db.wait()
app.processEvents()
hall = rig.kiosk.controller.hall_ui
window = hall.window
kiosk_screen = rig.kiosk.window.screen()
print(json.dumps({
    "visible": window.isVisible(),
    "hall_geometry": list(window.geometry().getRect()),
    "hall_screen": window.screen().name(),
    "kiosk_screen": kiosk_screen.name(),
    "kiosk_start": rig.kiosk.window.navigator.current.name,
    "rows": sum(1 for row in hall.boards[0].rows if not row.isHidden()),
}))
close_kiosk(rig.kiosk, rig.backend)
"""


def test_the_hall_window_fills_the_other_display(tmp_path: Path) -> None:
    screens = tmp_path / "screens.json"
    screens.write_text(
        json.dumps(
            {
                "screens": [
                    {"name": "kiosk", "x": 0, "y": 0, "width": 1920, "height": 1080},
                    {"name": "hall", "x": 1920, "y": 0, "width": 1920, "height": 1080},
                ]
            }
        )
    )
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={screens}",
        "PYTHONPATH": str(ROOT),
    }
    data = tmp_path / "data"
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(data)],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    found = json.loads(out.stdout.strip().splitlines()[-1])
    assert found["visible"]
    assert found["hall_screen"] != found["kiosk_screen"]
    other = {"kiosk": [1920, 0, 1920, 1080], "hall": [0, 0, 1920, 1080]}[found["kiosk_screen"]]
    assert found["hall_geometry"] == other
    assert found["kiosk_start"] == "attract"
    assert found["rows"] == 3  # the board is fed: a page of jobs in both scripts
