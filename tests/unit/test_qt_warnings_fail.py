"""The project's pytest settings turn an unexpected Qt warning into a failed test."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

INNER = """
from PySide6.QtCore import qWarning

def test_warns(qtbot):
    qWarning("a widget did something odd")

def test_known_offscreen_noise_is_ignored(qtbot):
    qWarning("This plugin does not support propagateSizeHints()")

def test_quiet(qtbot):
    pass
"""


def test_unexpected_qt_warning_fails_the_test(pytester: pytest.Pytester) -> None:
    shutil.copy(ROOT / "pyproject.toml", pytester.path / "pyproject.toml")
    pytester.makepyfile(test_inner=INNER)
    result = pytester.runpytest_subprocess("-p", "no:cacheprovider", "test_inner.py")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines(["*test_warns*", "*a widget did something odd*"])
