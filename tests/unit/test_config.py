"""Terminal config: typed defaults, TOML values, env overrides, one clear message per error."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import ConfigError, example_toml, load_config, resolve_paths, with_overrides

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_meet_the_ux_numbers() -> None:
    config = load_config(None, env={})
    assert config.session.warning_seconds >= 20
    assert config.display.default_mode == "both"
    assert config.terminal.demo is False


def test_file_values_are_read(tmp_path: Path) -> None:
    path = write(tmp_path, '[terminal]\nstation_code = "market"\n[session]\nidle_seconds = 45\n')
    config = load_config(path, env={})
    assert config.terminal.station_code == "market"
    assert config.session.idle_seconds == 45
    assert config.source == str(path)


def test_environment_overrides_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "[session]\nidle_seconds = 45\n")
    config = load_config(
        path, env={"KIOSK_SESSION_IDLE_SECONDS": "120", "KIOSK_TERMINAL_DEMO": "yes"}
    )
    assert config.session.idle_seconds == 120
    assert config.terminal.demo is True


@pytest.mark.parametrize(
    ("text", "key", "reason"),
    [
        ("[session]\nwarning_seconds = 10\n", "[session] warning_seconds", "at least 20"),
        ('[session]\nidle_seconds = "soon"\n', "[session] idle_seconds", "whole number"),
        ('[display]\ndefault_mode = "fr"\n', "[display] default_mode", "one of both, bo, zh, en"),
        ("[session]\nidle_secs = 10\n", "[session] idle_secs", "unknown key"),
        ("[sesion]\nidle_seconds = 10\n", "[sesion]", "unknown section"),
        ("[terminal]\ndemo = 1\n", "[terminal] demo", "true or false"),
        ("[session\n", "(syntax)", ""),
        ("[session]\nidle_seconds = inf\n", "[session] idle_seconds", "whole number"),
        ("[session]\nidle_seconds = 1e400\n", "[session] idle_seconds", "whole number"),
        ("[session]\nidle_seconds = 90.5\n", "[session] idle_seconds", "whole number"),
        ("[voice]\nvolume = nan\n", "[voice] volume", "finite"),
        ("[display]\ndiagonal_inches = nan\n", "[display] diagonal_inches", "finite"),
        ("[sync]\nread_timeout_s = inf\n", "[sync] read_timeout_s", "finite"),
    ],
)
def test_bad_values_name_file_key_and_reason(
    tmp_path: Path, text: str, key: str, reason: str
) -> None:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_config(path, env={})
    assert err.value.source == str(path)
    assert err.value.key == key
    assert reason in err.value.reason
    assert str(path) in str(err.value)


def test_bad_environment_value_names_the_variable() -> None:
    with pytest.raises(ConfigError) as err:
        load_config(None, env={"KIOSK_SESSION_WARNING_SECONDS": "5"})
    assert err.value.source == "environment"
    assert err.value.key == "KIOSK_SESSION_WARNING_SECONDS"


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="file not found"):
        load_config(tmp_path / "nope.toml", env={})


def test_committed_example_is_current_and_loads_to_the_defaults(tmp_path: Path) -> None:
    committed = (ROOT / "deploy" / "kiosk.example.toml").read_text(encoding="utf-8")
    assert committed == example_toml(), (
        "run: kiosk-admin config-example > deploy/kiosk.example.toml"
    )
    loaded = load_config(write(tmp_path, committed), env={})
    assert loaded.session == load_config(None, env={}).session
    assert loaded.display == load_config(None, env={}).display


def test_demo_data_lives_apart_from_real_data(tmp_path: Path) -> None:
    config = with_overrides(load_config(None, env={}), storage={"data_dir": str(tmp_path)})
    real = resolve_paths(config, env={})
    demo = resolve_paths(with_overrides(config, terminal={"demo": True}), env={})
    assert real.database == tmp_path / "kiosk.sqlite3"
    assert demo.database.parent == tmp_path / "demo"


def test_a_retired_key_still_loads_with_a_warning_and_an_unknown_one_does_not(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An installed kiosk's old file keeps working; a typo is still a clear error."""
    old = write(tmp_path, "[wages]\nmin_hourly_yuan = 20\nmin_monthly_yuan = 1850\n")
    with caplog.at_level("WARNING"):
        config = load_config(old, env={})
    assert config.wages.min_hourly_yuan == 20
    assert not hasattr(config.wages, "min_monthly_yuan")
    assert "min_monthly_yuan is no longer used" in caplog.text
    typo = write(tmp_path, "[wages]\nmin_hourly_yaun = 20\n")
    with pytest.raises(ConfigError, match="unknown key"):
        load_config(typo, env={})
