"""A virtual contactless ID card for pcscd's vpcd driver (stdlib only).

vpcd listens on TCP 35963; connecting inserts the card, closing removes it. Frames both
ways are a 2-byte big-endian length and a payload: 1-byte payloads are control (00 off,
01 on, 02 reset, 04 get ATR), longer ones are APDUs answered with data + SW1 SW2.
"""

from __future__ import annotations

import contextlib
import socket
import threading

VPCD_PORT = 35963
ATR = bytes.fromhex("3B8880010000000000000000")  # contactless Type B, as readers report it
GET_SERIAL = bytes.fromhex("0036000008")
GET_UID = bytes.fromhex("FFCA000000")
TEXT_APDU = bytes.fromhex("80B0000000")  # our stand-in for a SAM reader's vendor command


class VirtualCard:
    """One card; ``insert()`` connects to vpcd, ``remove()`` closes the connection."""

    def __init__(
        self, serial: bytes, text_block: bytes | None = None, port: int = VPCD_PORT
    ) -> None:
        self.serial, self.text_block, self.port = serial, text_block, port
        self.apdus: list[bytes] = []
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None

    def insert(self) -> None:
        """Put the card on the reader."""
        sock = socket.create_connection(("127.0.0.1", self.port), timeout=5)
        sock.settimeout(None)
        self._sock = sock
        self._thread = threading.Thread(target=self._serve, args=(sock,), name="vcard", daemon=True)
        self._thread.start()

    def remove(self) -> None:
        """Take the card away."""
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        if self._thread is not None:
            self._thread.join(timeout=2)

    def _recv_exact(self, sock: socket.socket, n: int) -> bytes | None:
        data = b""
        while len(data) < n:
            # Debian's vpcd writes length and payload separately: without QUICKACK every
            # APDU waits for the delayed ACK (~40 ms) (IDCARD.md).
            with contextlib.suppress(OSError, AttributeError):
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
            chunk = sock.recv(n - len(data))
            if not chunk:
                return None
            data += chunk
        return data

    def _answer(self, apdu: bytes) -> bytes:
        self.apdus.append(apdu)
        if apdu == GET_SERIAL:
            return self.serial + b"\x90\x00"
        if apdu == GET_UID:
            return b"\x00\x00\x00\x00\x90\x00"  # the ID card's PUPI is zero
        if apdu == TEXT_APDU and self.text_block is not None:
            return self.text_block + b"\x90\x00"
        return b"\x6d\x00"

    def _serve(self, sock: socket.socket) -> None:
        try:
            while True:
                header = self._recv_exact(sock, 2)
                if header is None:
                    return
                payload = self._recv_exact(sock, int.from_bytes(header, "big"))
                if payload is None:
                    return
                if len(payload) == 1:
                    if payload[0] == 0x04:
                        sock.sendall(len(ATR).to_bytes(2, "big") + ATR)
                    continue
                reply = self._answer(payload)
                sock.sendall(len(reply).to_bytes(2, "big") + reply)
        except OSError:
            return
