"""An HTTP proxy in front of the real market server that misbehaves on demand.

Modes (``proxy.fault = Fault(kind, times)``): ``503``/``500`` with Retry-After, ``malformed``
JSON, an ``oversized`` body, ``stall`` (hold the connection), and ``drop`` (forward the
request to the server, let it commit, then cut the connection before the reply). Every
other request is forwarded byte for byte, so signatures still verify.
"""

from __future__ import annotations

import http.client
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


@dataclass
class Fault:
    """What to do to the next ``times`` requests whose path starts with ``path``."""

    kind: str
    times: int = 1
    path: str = "/v1/"
    retry_after: int = 7
    stall_s: float = 5.0


class FaultProxy:
    """``url`` to give the kiosk; ``fault`` to arm; ``seen`` counts requests by path."""

    def __init__(self, upstream: str) -> None:
        self.upstream = urlsplit(upstream)
        self.fault: Fault | None = None
        self.seen: list[str] = []
        self.lock = threading.Lock()
        self.release = threading.Event()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *_args: object) -> None:
                return

            def do_GET(self) -> None:
                proxy.handle(self)

            def do_POST(self) -> None:
                proxy.handle(self)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        """Where the kiosk should connect."""
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def _take(self, path: str) -> Fault | None:
        with self.lock:
            self.seen.append(path)
            f = self.fault
            if f is None or f.times <= 0 or not path.startswith(f.path):
                return None
            f.times -= 1
            return f

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        """Forward, or misbehave."""
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        fault = self._take(h.path)
        kind = fault.kind if fault else ""
        if kind in ("503", "500"):
            self._reply(h, int(kind), b'{"error":"busy"}', {"Retry-After": str(fault.retry_after)})  # type: ignore[union-attr]
            return
        if kind == "malformed":
            self._reply(h, 200, b'{"changes": [ {"collection": "jobs", "id": 5', {})
            return
        if kind == "oversized":
            self._reply(h, 200, b'{"pad":"' + b"x" * (17 * 1024 * 1024) + b'"}', {})
            return
        if kind == "stall":
            self.release.wait(fault.stall_s)  # type: ignore[union-attr]
        status, headers, payload = self._forward(h, body)
        if kind == "drop":
            h.close_connection = True
            h.connection.shutdown(2)  # the server committed; the kiosk never hears of it
            return
        self._reply(h, status, payload, headers)

    def _forward(self, h: BaseHTTPRequestHandler, body: bytes) -> tuple[int, dict[str, str], bytes]:
        conn = http.client.HTTPConnection(self.upstream.hostname, self.upstream.port, timeout=60)
        headers = {k: v for k, v in h.headers.items() if k.lower() not in HOP}
        conn.request(h.command, h.path, body=body or None, headers=headers)
        resp = conn.getresponse()
        payload = resp.read()
        out = {k: v for k, v in resp.getheaders() if k.lower() not in HOP}
        conn.close()
        return resp.status, out, payload

    @staticmethod
    def _reply(
        h: BaseHTTPRequestHandler, status: int, payload: bytes, headers: dict[str, str]
    ) -> None:
        try:
            h.send_response(status)
            for k, v in headers.items():
                h.send_header(k, v)
            h.send_header("Content-Length", str(len(payload)))
            h.end_headers()
            h.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def close(self) -> None:
        """Stop serving (releases any stalled request)."""
        self.release.set()
        self.server.shutdown()
        self.server.server_close()
        time.sleep(0.05)
