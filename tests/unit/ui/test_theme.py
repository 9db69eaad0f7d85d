"""The theme meets UX.md's numbers: contrast, text size, touch targets."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetricsF

from kiosk.i18n import Lang
from kiosk.ui.theme import MIN_TARGET_MM, PRIMARY_CAP_MM, Palette, Theme, contrast_ratio, load_fonts


def test_contrast_ratio_of_known_pairs() -> None:
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(("name", "pair"), list(Palette().text_pairs().items()))
def test_every_text_colour_pair_reaches_7_to_1(name: str, pair: tuple[str, str]) -> None:
    assert contrast_ratio(*pair) >= 7.0, name


def test_reference_panel_density() -> None:
    theme = Theme.for_panel(21.5, 1920, 1080)
    assert theme.px_per_mm == pytest.approx(4.03, abs=0.01)
    assert theme.mm(MIN_TARGET_MM) >= 80


def test_fonts_for_both_scripts_are_found(qapp: object) -> None:
    report = load_fonts()
    assert report.tibetan, "apt-get install fonts-noto-core"
    assert report.cjk, "apt-get install fonts-noto-cjk"


@pytest.mark.parametrize("diag", [15.6, 21.5, 27.0])
def test_primary_text_cap_height_is_at_least_7_3_mm(qapp: object, diag: float) -> None:
    load_fonts()
    theme = Theme.for_panel(diag, 1920, 1080)
    for lang in Lang:
        cap = QFontMetricsF(theme.font(lang, "primary")).capHeight()
        if lang is not Lang.BO:  # Tibetan has no cap height; it is scaled up from Chinese
            assert cap / theme.px_per_mm >= PRIMARY_CAP_MM, lang
    assert theme.font(Lang.BO, "primary").pixelSize() > theme.font(Lang.ZH, "primary").pixelSize()
