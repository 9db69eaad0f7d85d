"""A QR code as a pixmap, for a phone's camera to read off the screen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QPixmap


def qr_pixmap(data: str, side: int) -> QPixmap:
    """A QR code of ``data``, ``side`` pixels wide, with its quiet zone."""
    import qrcode  # noqa: PLC0415 - not on the first frame's path (the attract screen)

    code = qrcode.QRCode(border=4, error_correction=qrcode.ERROR_CORRECT_M)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    n = len(matrix)
    image = QImage(n, n, QImage.Format.Format_RGB32)
    image.fill(QColor("#ffffff"))
    black = QColor("#000000").rgb()
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                image.setPixel(c, r, black)
    scaled = image.scaled(side, side, mode=Qt.TransformationMode.FastTransformation)
    return QPixmap.fromImage(scaled)
