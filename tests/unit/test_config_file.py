"""Editing the config file: the lines of the changed keys only, the result checked by the
loader before anything is written, the old file kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import ConfigError, load_config
from kiosk.config_file import edit_text, previous_path, save_settings

FILE = """# Station Gongdelin, kiosk 1 (set up 2026-11-20)
[terminal]
station_code = "gongdelin"

[idcard]
# the reader by the door
backend = "pcsc"   # replaced in 2026
debounce_ms = 400

[voice]
rate = 140
"""


def test_only_the_changed_keys_lines_change_and_missing_ones_are_added() -> None:
    text = edit_text(
        FILE,
        {
            "idcard.backend": "sam",
            "voice.volume": 0.5,
            "session.idle_seconds": 120,
            "printer.queue": 'hall "A"',
        },
    )
    lines = text.splitlines()
    assert 'backend = "sam"' in lines
    assert "# the reader by the door" in lines
    assert "debounce_ms = 400" in lines
    assert lines.index("volume = 0.5") == lines.index("rate = 140") + 1  # in its section
    assert text.count("[voice]") == 1
    assert "[session]\nidle_seconds = 120" in text
    assert 'queue = "hall \\"A\\""' in text
    assert text.startswith("# Station Gongdelin")


def test_a_save_is_read_back_and_the_old_file_kept(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(FILE, encoding="utf-8")
    path.chmod(0o640)
    config = save_settings(path, {"idcard.backend": "sam", "display.default_mode": "bo"}, env={})
    assert config.idcard.backend == "sam"
    assert config.display.default_mode == "bo"
    assert load_config(path, env={}) == config
    assert previous_path(path).read_text(encoding="utf-8") == FILE
    assert path.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp file


@pytest.mark.parametrize(
    ("changes", "env", "says"),
    [
        ({"session.idle_seconds": 5}, {}, "at least 15"),
        ({"display.default_mode": "fr"}, {}, "one of"),
        ({"voice.volume": float("nan")}, {}, "finite"),
        ({"sync.interval_s": 5}, {}, "not a setting this screen may change"),
        ({"voice.volume": 0.4}, {"KIOSK_VOICE_VOLUME": "0.9"}, "KIOSK_VOICE_VOLUME"),
    ],
)
def test_a_refused_change_leaves_the_file_as_it_was(
    tmp_path: Path, changes: dict[str, object], env: dict[str, str], says: str
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text(FILE, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        save_settings(path, changes, env=env)
    assert says in str(caught.value)
    assert path.read_text(encoding="utf-8") == FILE
    assert not previous_path(path).exists()


def test_a_kiosk_without_a_config_file_cannot_save() -> None:
    with pytest.raises(ConfigError, match="without a config file"):
        save_settings(None, {"voice.volume": 0.5}, env={})


def test_a_key_in_a_layout_the_editor_cannot_follow_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.toml"
    text = "voice = { rate = 140 }\n"  # an inline table: no [voice] section to edit
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError):
        save_settings(path, {"voice.volume": 0.5}, env={})
    assert path.read_text(encoding="utf-8") == text
