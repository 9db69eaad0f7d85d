"""A GA/T 467 SAM reader emulated on a pseudo-terminal, for the real pyserial backend.

The kiosk opens the pty's slave path as it would /dev/ttyUSB0; this thread answers on the
master side. Tests put a card on it, take it off, or make it misbehave.
"""

from __future__ import annotations

import os
import select
import threading
import tty

from kiosk.idcard import gat467


class SamEmulator:
    """Answers find/select/read like a certified reader holding ``card`` (None: no card)."""

    def __init__(self) -> None:
        self.master, slave = os.openpty()
        tty.setraw(self.master)
        tty.setraw(slave)
        self.path = os.ttyname(slave)
        self._slave = slave
        self.card: bytes | None = None  # the 256-byte text block
        # "ok", "silent", "garbage", "bad_checksum", "read_fails", "noisy" (line noise first)
        self.mode = "ok"
        self.requests: list[bytes] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="sam-emulator", daemon=True)
        self._thread.start()

    def close(self) -> None:
        """Stop answering and close both ends."""
        self._stop.set()
        self._thread.join(timeout=2)
        os.close(self.master)
        os.close(self._slave)

    def _reply(self, cmd: bytes) -> bytes:
        if self.mode == "garbage":
            return os.urandom(13)
        if cmd == bytes(gat467.Command.FIND_CARD.value):
            return gat467.encode_reply(0x9F if self.card else 0x80, b"\x00\x00\x00\x00")
        if cmd == bytes(gat467.Command.SELECT_CARD.value):
            return gat467.encode_reply(0x90 if self.card else 0x81, b"\x00" * 8)
        if cmd == bytes(gat467.Command.READ_TEXT_PHOTO.value):
            if self.card is None or self.mode == "read_fails":
                return gat467.encode_reply(0x41)
            data = (256).to_bytes(2, "big") + (1024).to_bytes(2, "big") + self.card + b"\x00" * 1024
            return gat467.encode_reply(0x90, data)
        return gat467.encode_reply(0x21)

    def _serve(self) -> None:
        buf = b""
        while not self._stop.is_set():
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            try:
                buf += os.read(self.master, 4096)
            except OSError:
                return
            while len(buf) >= 10 and buf.startswith(gat467.PREAMBLE):
                length = int.from_bytes(buf[5:7], "big")
                if len(buf) < 7 + length:
                    break
                frame, buf = buf[: 7 + length], buf[7 + length :]
                self.requests.append(frame)
                if self.mode == "silent":
                    continue
                reply = self._reply(frame[7:9])
                if self.mode == "bad_checksum":
                    reply = reply[:-1] + bytes([reply[-1] ^ 0xFF])
                if self.mode == "noisy":  # what a real reader may send as a port opens
                    reply = b"\r\n\x11\x13\xaa\xaa" + reply
                os.write(self.master, reply)
            if buf and not buf.startswith(gat467.PREAMBLE[: len(buf)]):
                buf = b""
