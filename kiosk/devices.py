"""Builds the card reader the config names (part of the composition root)."""

from __future__ import annotations

from kiosk.config import IdcardSection
from kiosk.idcard.events import Reader


def parse_apdus(text: str) -> tuple[bytes, ...]:
    """``"00A4..., 80B0..."`` -> APDU byte strings; ValueError names the bad one."""
    out = []
    for part in (p.strip().replace(" ", "") for p in text.split(",")):
        if not part:
            continue
        try:
            out.append(bytes.fromhex(part))
        except ValueError:
            raise ValueError(f"[idcard] pcsc_text_apdus: {part!r} is not hex") from None
    return tuple(out)


def make_reader(
    section: IdcardSection, backend: str | None = None, port: str | None = None
) -> Reader | None:
    """The reader for ``backend`` (default: the config's); None for ``none``."""
    choice = backend or section.backend
    if choice == "pcsc":
        from kiosk.idcard.pcsc import PcscReader  # noqa: PLC0415 - pyscard only when used

        return PcscReader(
            section.pcsc_reader,
            text_apdus=parse_apdus(section.pcsc_text_apdus),
            debounce_s=section.debounce_ms / 1000,
        )
    if choice == "sam":
        from kiosk.idcard.sam import SamReader  # noqa: PLC0415 - pyserial only when used

        return SamReader(port or section.sam_port, section.sam_baudrate)
    if choice == "demo":
        from kiosk.idcard.demo import DemoReader  # noqa: PLC0415

        return DemoReader()
    return None
