"""Sizes in millimetres, fonts per script and colours, from the numbers of UX.md.

Everything a screen sizes comes from here, so the accessibility audit can check one place:
touch targets >= 20 mm, primary text cap height >= 7.3 mm, contrast >= 7:1.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF

from kiosk.i18n import Lang

log = logging.getLogger(__name__)

CJK_FAMILY = "Noto Sans CJK SC"
TIBETAN_FAMILY = "Noto Serif Tibetan"
LATIN_FAMILY = "Noto Sans"
TIBETAN_SCALE = 1.25  # Tibetan looks equal to Chinese at ~1.2-1.3x the pixel size (UX.md)

FONT_FILES = (
    "/usr/share/fonts/truetype/noto/NotoSerifTibetan-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSerifTibetan-Bold.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
)

MIN_TARGET_MM = 20.0
MAIN_TARGET_MM = 28.0
SPACING_MM = 5.0
PRIMARY_CAP_MM = 7.3


@dataclass(frozen=True)
class Palette:
    """Colour pairs; every text pair is >= 7:1 (WCAG AAA), checked by a test."""

    background: str = "#FFF8E7"
    text: str = "#1A1A1A"
    muted: str = "#3D3D3D"
    primary_bg: str = "#7B1616"  # Tibetan maroon
    primary_text: str = "#FFFFFF"
    secondary_bg: str = "#1F3F66"
    secondary_text: str = "#FFFFFF"
    staff_bg: str = "#6B3400"
    staff_text: str = "#FFFFFF"
    overlay_bg: str = "#111111"
    overlay_text: str = "#FFFFFF"
    continue_bg: str = "#FFD400"
    continue_text: str = "#111111"
    error_bg: str = "#FFE3E0"
    error_text: str = "#5C0000"

    def text_pairs(self) -> dict[str, tuple[str, str]]:
        """Every foreground/background pair that carries text."""
        return {
            "body": (self.text, self.background),
            "muted": (self.muted, self.background),
            "primary": (self.primary_text, self.primary_bg),
            "secondary": (self.secondary_text, self.secondary_bg),
            "staff": (self.staff_text, self.staff_bg),
            "overlay": (self.overlay_text, self.overlay_bg),
            "continue": (self.continue_text, self.continue_bg),
            "error": (self.error_text, self.error_bg),
        }


def contrast_ratio(fg: str, bg: str) -> float:
    """WCAG 2.x contrast ratio of two colours."""

    def lum(colour: str) -> float:
        c = QColor(colour)
        chans = []
        for v in (c.redF(), c.greenF(), c.blueF()):
            chans.append(v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4)
        return 0.2126 * chans[0] + 0.7152 * chans[1] + 0.0722 * chans[2]

    hi, lo = sorted((lum(fg), lum(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@dataclass(frozen=True)
class FontReport:
    """What font loading found; a missing Tibetan font is a technician warning."""

    tibetan: bool
    cjk: bool
    loaded_files: tuple[str, ...] = ()
    missing_files: tuple[str, ...] = ()


def load_fonts(extra_dir: Path | None = None) -> FontReport:
    """Make sure the Tibetan and Chinese families exist, loading font files where needed.

    Fonts in ``extra_dir`` (``assets/fonts``) are always registered; the system files of
    FONT_FILES only when the platform's font database lacks their family (on Debian,
    fontconfig already has them, and registering a 20 MB CJK collection again costs start-up
    time and memory). The check at the end is what counts (UX.md pitfalls).
    """
    files = []
    if extra_dir is not None and extra_dir.is_dir():
        files += sorted(
            p for p in extra_dir.iterdir() if p.suffix.lower() in (".ttf", ".otf", ".ttc")
        )
    families = set(QFontDatabase.families())
    if TIBETAN_FAMILY not in families or CJK_FAMILY not in families or LATIN_FAMILY not in families:
        files += [Path(p) for p in FONT_FILES]
    loaded, missing = [], []
    for path in files:
        if path.exists() and QFontDatabase.addApplicationFont(str(path)) >= 0:
            loaded.append(str(path))
        else:
            missing.append(str(path))
    if loaded:
        families = set(QFontDatabase.families())
    report = FontReport(
        tibetan=TIBETAN_FAMILY in families,
        cjk=CJK_FAMILY in families,
        loaded_files=tuple(loaded),
        missing_files=tuple(missing),
    )
    if not report.tibetan:
        log.warning("Tibetan font %s not found: Tibetan text will not render", TIBETAN_FAMILY)
    if not report.cjk:
        log.warning("Chinese font %s not found", CJK_FAMILY)
    return report


@dataclass(frozen=True, eq=False)
class Theme:
    """Physical sizes for one panel; ``mm`` turns millimetres into pixels."""

    px_per_mm: float
    palette: Palette = field(default_factory=Palette)
    _primary_cache: dict[str, int] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def for_panel(cls, diagonal_inches: float, width_px: int, height_px: int) -> Theme:
        """Compute the pixel density of the configured panel."""
        diag_px = math.hypot(width_px, height_px)
        return cls(px_per_mm=diag_px / (diagonal_inches * 25.4))

    def mm(self, millimetres: float) -> int:
        """Millimetres to whole pixels, rounded up so minimums stay minimums."""
        return math.ceil(millimetres * self.px_per_mm)

    def pixel_size(self, role: str, family: str = CJK_FAMILY) -> int:
        """Pixel size of a text role; primary meets the 7.3 mm cap height in ``family``."""
        base = self._primary_px(family)
        factor = {"huge": 1.5, "title": 1.2, "primary": 1.0, "secondary": 0.8, "small": 0.62}[role]
        return round(base * factor)

    def _primary_px(self, family: str) -> int:
        cached = self._primary_cache.get(family)
        if cached is not None:
            return cached
        want = PRIMARY_CAP_MM * self.px_per_mm
        font = QFont([family])
        size = max(8, int(want / 0.72))
        for _ in range(60):
            font.setPixelSize(size)
            if QFontMetricsF(font).capHeight() >= want:
                break
            size += 1
        self._primary_cache[family] = size
        return size

    def font(self, lang: Lang, role: str, *, bold: bool = False) -> QFont:
        """The font for one script at one text role (Tibetan scaled up)."""
        if lang is Lang.BO:
            font = QFont([TIBETAN_FAMILY, CJK_FAMILY])
            size = round(self.pixel_size(role) * TIBETAN_SCALE)
        elif lang is Lang.ZH:
            font = QFont([CJK_FAMILY, LATIN_FAMILY])
            size = self.pixel_size(role)
        else:
            font = QFont([LATIN_FAMILY, CJK_FAMILY])
            size = self.pixel_size(role, LATIN_FAMILY)
        font.setPixelSize(size)
        font.setBold(bold)
        return font
