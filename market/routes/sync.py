"""The sync area of SYNC.md v1: server status, the change feed, and mutations."""

from __future__ import annotations

import hashlib
import json
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from kiosk.sync import wire
from market import feed, mutations
from market.db import utcnow
from market.deps import DB, ERRORS, ApiError, Signed, header_value, settings, terminal
from market.models import Batch
from market.schemas import ChangesPage, MutationBatch, MutationReply, Status
from market.settings import Settings

router = APIRouter(prefix="/v1", tags=["sync"])
Config = Annotated[Settings, Depends(settings)]

# The body is read leniently (one bad item is refused on its own); the document shows what
# a kiosk may send: each mutation one of the registered types (market.schemas).
DOCUMENTED_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/DocumentedBatch"}}
        },
    }
}


@router.get("/status", response_model=Status)
def status(config: Config) -> Status:
    """Server time, the schema version and the oldest kiosk version served."""
    return Status(
        server_time=utcnow().timestamp(),
        schema_version=wire.SCHEMA_VERSION,
        min_app_version=config.min_app_version,
        message=config.message,
    )


@router.get("/changes", response_model=ChangesPage, responses=ERRORS)
def changes(  # noqa: PLR0917 - FastAPI parameters
    request: Request,
    s: DB,
    sig: Signed,
    collections: Annotated[str, Query(max_length=200)] = ",".join(wire.COLLECTIONS),
    cursor: Annotated[str, Query(max_length=64)] = "",
    limit: Annotated[int, Query(ge=1, le=wire.MAX_PAGE)] = wire.MAX_PAGE,
) -> ChangesPage:
    """A page of the change feed after ``cursor``; 410 when it is older than the horizon."""
    terminal(request, s, sig)
    wanted = [c for c in collections.split(",") if c]
    unknown = [c for c in wanted if c not in wire.COLLECTIONS]
    if unknown or not wanted:
        raise ApiError(400, "unknown_collection", {"collections": unknown})
    try:
        position = wire.Cursor.decode(cursor)
    except ValueError:
        raise ApiError(400, "bad_cursor") from None
    try:
        page = feed.read(s, wanted, position, limit)
    except feed.CursorGoneError:
        raise ApiError(410, "cursor_gone") from None
    return ChangesPage.model_validate(
        {
            "changes": page.changes,
            "next_cursor": page.next_cursor.encode(),
            "has_more": page.has_more,
            "server_time": utcnow().timestamp(),
        }
    )


@router.post(
    "/mutations", response_model=MutationReply, responses=ERRORS, openapi_extra=DOCUMENTED_BODY
)
def push(request: Request, s: DB, sig: Signed) -> MutationReply | JSONResponse:
    """Apply a batch item by item; a retried batch (same Idempotency-Key) gets the same reply."""
    cred = terminal(request, s, sig)
    body = sig[0]
    key = header_value(request, wire.H_IDEMPOTENCY)
    if not key:
        raise ApiError(400, "idempotency_key_required")
    try:
        batch = MutationBatch.model_validate(json.loads(body))
    except ValueError:
        raise ApiError(400, "invalid_request") from None
    if batch.terminal_id != cred.terminal_id:
        raise ApiError(403, "wrong_terminal")
    digest = hashlib.sha256(body).hexdigest()
    seen = s.get(Batch, (cred.terminal_id, key))
    if seen is not None:
        if seen.body_sha256 != digest:
            raise ApiError(400, "idempotency_key_reused")
        return JSONResponse(seen.response)
    now = utcnow()
    results = mutations.apply_batch(s, cred.terminal_id, batch.mutations, now)
    reply = MutationReply.model_validate({"results": results, "server_time": now.timestamp()})
    if not any(r.status == wire.RETRY_LATER for r in reply.results):
        s.add(
            Batch(
                terminal_id=cred.terminal_id,
                key=key,
                body_sha256=digest,
                response=reply.model_dump(),
                at=now,
            )
        )
    return reply
