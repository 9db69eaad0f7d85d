"""``worker.update``: edited choices, compared field by field against ``base_version``.

The server wins: a field another terminal changed after the kiosk's base answers
``conflict`` with the server's value; a kiosk's own successive offline edits never conflict.
"""

from __future__ import annotations

from typing import Any

from kiosk.domain.registry import WorkerUpdate
from kiosk.sync import wire
from market.handlers.base import Context, Item, Outcome, RejectedError, known_worker

TYPE = "worker.update"


def handle(ctx: Context, item: Item[WorkerUpdate]) -> Outcome:
    """Apply what is not contested; answer the contested fields with the server's values."""
    worker = known_worker(ctx, item.payload.worker_id)
    base = item.base_version
    if base is None:
        raise RejectedError("invalid_payload:base_version")
    new_version = worker.version + 1
    data, versions = dict(worker.data), dict(worker.field_versions)
    conflicts: dict[str, Any] = {}
    for name, value in item.payload.profile.items():
        last = versions.get(name) or {}
        changed_since = int(last.get("v", 0)) > base and last.get("t") != ctx.terminal_id
        if changed_since and data.get(name) != value:
            conflicts[name] = data.get(name)  # someone else changed it after our base
            continue
        data[name] = value
        versions[name] = {"v": new_version, "t": ctx.terminal_id}
    worker.data, worker.field_versions = data, versions
    worker.version = new_version
    worker.updated_at = ctx.now
    if conflicts:
        return Outcome(wire.CONFLICT, new_version, "server_newer", {"server_values": conflicts})
    return Outcome(wire.APPLIED, new_version)
