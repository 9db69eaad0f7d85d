"""Locust users for ``bench/load.py``: kiosks that wait on the feed (``Waiting``: each keeps
one ``/v1/changes/wait`` open, again and again) and kiosks at work (``Working``: a page of
changes and a batch of five registrations every second). Each user signs its requests with
a credential of its own, read from the file ``$LOAD_CREDENTIALS_FILE`` (a JSON list)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import uuid
from typing import Any

from locust import HttpUser, constant, constant_pacing, task

from kiosk.domain.timeutil import LHASA_TZ
from kiosk.sync import wire
from kiosk.sync.credentials import Credentials
from tests.helpers.fuzz import KioskSigner

_FILE = os.environ.get("LOAD_CREDENTIALS_FILE")
_CREDS = [Credentials(**c) for c in json.loads(open(_FILE).read())] if _FILE else []  # noqa: SIM115
_NEXT = itertools.count()
TAIL = os.environ.get("LOAD_TAIL", "")  # the end of the feed: kiosks in steady state
WAITERS = int(os.environ.get("LOAD_WAITERS", "500"))
WORKERS = int(os.environ.get("LOAD_WORKING", "50"))
COLLECTIONS = ",".join(wire.COLLECTIONS)


class _Kiosk(HttpUser):
    abstract = True

    def on_start(self) -> None:
        self.client.auth = KioskSigner(_CREDS[next(_NEXT) % len(_CREDS)])


class Waiting(_Kiosk):
    """A kiosk nobody uses: its watcher waits on the feed, 25 s a request."""

    fixed_count = WAITERS
    wait_time = constant(0)

    @task
    def wait(self) -> None:
        params = {"collections": COLLECTIONS, "cursor": TAIL, "timeout": 25}
        self.client.get("/v1/changes/wait", params=params, name="wait", timeout=40)


class Working(_Kiosk):
    """A kiosk in use: it pulls and pushes every second."""

    fixed_count = WORKERS
    wait_time = constant_pacing(1)

    @task
    def pull_and_push(self) -> None:
        params = {"collections": COLLECTIONS, "cursor": TAIL, "limit": wire.MAX_PAGE}
        self.client.get("/v1/changes", params=params, name="changes", timeout=30)
        items: list[dict[str, Any]] = []
        for seq in range(5):
            worker = str(uuid.uuid4())
            items.append(
                {
                    "seq": seq + 1, "mutation_uuid": str(uuid.uuid4()),
                    "type": "worker.register", "entity_id": worker, "base_version": None,
                    "payload": {"worker_id": worker, "id_hash": uuid.uuid4().hex * 2,
                                "name": "x", "skills": {"banyun": 2}},
                    "captured_at_local": dt.datetime.now(LHASA_TZ).isoformat(),
                }
            )  # fmt: skip
        auth = self.client.auth
        assert isinstance(auth, KioskSigner)
        body = {
            "terminal_id": auth.creds.terminal_id, "schema_version": wire.SCHEMA_VERSION,
            "app_version": "0.1.0", "mutations": items,
        }  # fmt: skip
        self.client.post(
            "/v1/mutations", data=json.dumps(body, separators=(",", ":")), name="mutations",
            headers={"Content-Type": "application/json", wire.H_IDEMPOTENCY: str(uuid.uuid4())},
            timeout=30,
        )  # fmt: skip


def _pull(user: HttpUser) -> None:
    params = {"collections": COLLECTIONS, "cursor": TAIL, "limit": wire.MAX_PAGE}
    user.client.get("/v1/changes", params=params, name="changes", timeout=30)


class Pulling(_Kiosk):
    """A kiosk in steady state asking for changes as fast as it is answered (throughput)."""

    wait_time = constant(0)
    tasks = [_pull]  # noqa: RUF012 - Locust's own class attribute


class BarePulling(HttpUser):
    """The same request, unsigned, against a bare FastAPI endpoint (``bench/bare_app.py``)."""

    wait_time = constant(0)
    tasks = [_pull]  # noqa: RUF012 - Locust's own class attribute
