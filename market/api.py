"""The v1 HTTP API of SYNC.md, as a FastAPI application."""

import hashlib
import json
import logging
from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from sqlalchemy.orm import Session

from kiosk.sync import wire
from market import auth, feed, mutations
from market.db import make_engine, migrate, sessions, utcnow
from market.models import Batch, Credential
from market.schemas import (
    ApiErrorBody,
    ChangesPage,
    Credentials,
    EnrolPoll,
    EnrolRequest,
    EnrolStart,
    MutationBatch,
    MutationReply,
    Status,
)
from market.settings import Settings

log = logging.getLogger(__name__)


class ApiError(Exception):
    """An error answered as ``{error, server_time, detail}``."""

    def __init__(
        self,
        status: int,
        code: str,
        detail: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(code)
        self.status, self.code, self.detail, self.headers = status, code, detail, headers


def _error(
    status: int,
    code: str,
    detail: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ApiErrorBody(error=code, server_time=utcnow().timestamp(), detail=detail)
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": ApiErrorBody} for code in (400, 401, 403, 410, 413, 426, 503)
}


def create_app(settings: Settings | None = None) -> FastAPI:  # noqa: PLR0915 - the routes
    """The application over the configured database (migrated on start)."""
    settings = settings or Settings.from_env()
    engine = make_engine(settings.database_url)
    migrate(engine)
    factory = sessions(engine)
    app = FastAPI(
        title="Lhasa gig market: kiosk sync API",
        version="1",
        description="SYNC.md v1: enrolment, change feed, mutations, status.",
    )
    app.state.engine = engine
    app.add_middleware(GZipMiddleware, minimum_size=1024)

    @app.exception_handler(ApiError)
    async def _api_error(_req: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.detail, exc.headers)

    @app.exception_handler(auth.AuthFailureError)
    async def _auth_error(_req: Request, exc: auth.AuthFailureError) -> JSONResponse:
        return _error(exc.status, exc.code)

    @app.exception_handler(OperationalError)
    async def _busy(_req: Request, exc: OperationalError) -> JSONResponse:
        log.warning("database unavailable: %s", type(exc.orig).__name__)
        return _error(503, "busy", headers={"Retry-After": "5"})

    @app.exception_handler(PoolTimeoutError)
    async def _saturated(_req: Request, _exc: PoolTimeoutError) -> JSONResponse:
        log.warning("database pool exhausted")
        return _error(503, "busy", headers={"Retry-After": "10"})

    @app.exception_handler(RequestValidationError)
    async def _invalid(_req: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(400, "invalid_request", {"problems": len(exc.errors())})

    def db() -> Iterator[Session]:
        with factory.begin() as s:
            yield s

    # "function" scope: the transaction commits before the reply leaves, so a kiosk is never
    # told "applied" about a write that then fails to commit.
    DB = Annotated[Session, Depends(db, scope="function")]  # noqa: N806

    async def signed(request: Request) -> tuple[bytes, auth.SignedHeaders]:
        length = int(request.headers.get("content-length") or 0)
        if length > wire.MAX_BATCH_BYTES:
            raise ApiError(413, "too_large")
        body = await request.body()
        if len(body) > wire.MAX_BATCH_BYTES:
            raise ApiError(413, "too_large")
        h = request.headers
        try:
            headers = auth.SignedHeaders(
                token=h[wire.H_CREDENTIAL],
                timestamp=int(h[wire.H_TIMESTAMP]),
                nonce=h[wire.H_NONCE][:64],
                signature=h[wire.H_SIGNATURE],
            )
        except (KeyError, ValueError):
            raise auth.AuthFailureError("unsigned") from None
        app_version = h.get(wire.H_APP_VERSION, "0")
        if wire.version_tuple(app_version) < wire.version_tuple(settings.min_app_version):
            raise ApiError(426, "upgrade_required", {"min_app_version": settings.min_app_version})
        return body, headers

    Signed = Annotated[tuple[bytes, auth.SignedHeaders], Depends(signed)]  # noqa: N806

    def terminal(
        request: Request, s: Session, signed: tuple[bytes, auth.SignedHeaders]
    ) -> Credential:
        body, headers = signed
        raw_path = request.scope.get("raw_path") or request.url.path.encode()
        path_qs = raw_path.decode()
        if request.scope.get("query_string"):
            path_qs += "?" + request.scope["query_string"].decode()
        return auth.authenticate(
            s, headers, method=request.method, path_qs=path_qs, body=body, now=utcnow()
        )

    @app.get("/v1/status", response_model=Status)
    def status() -> Status:
        return Status(
            server_time=utcnow().timestamp(),
            schema_version=wire.SCHEMA_VERSION,
            min_app_version=settings.min_app_version,
            message=settings.message,
        )

    @app.post("/v1/enrol", response_model=EnrolStart, responses=ERRORS)
    def enrol(req: EnrolRequest, s: DB) -> EnrolStart:
        e = auth.start_enrolment(s, req.name, utcnow(), settings.enrol_ttl_s)
        return EnrolStart(
            device_code=e.device_code,
            user_code=e.user_code,
            interval=settings.enrol_interval_s,
            expires_in=settings.enrol_ttl_s,
        )

    @app.post("/v1/enrol/poll", response_model=Credentials, responses=ERRORS)
    def enrol_poll(req: EnrolPoll, s: DB) -> Credentials:
        return Credentials(**auth.poll(s, req.device_code, utcnow(), settings.enrol_interval_s))

    @app.get("/v1/changes", response_model=ChangesPage, responses=ERRORS)
    def changes(  # noqa: PLR0917 - FastAPI parameters
        request: Request,
        s: DB,
        sig: Signed,
        collections: Annotated[str, Query(max_length=200)] = ",".join(wire.COLLECTIONS),
        cursor: Annotated[str, Query(max_length=64)] = "",
        limit: Annotated[int, Query(ge=1, le=wire.MAX_PAGE)] = wire.MAX_PAGE,
    ) -> ChangesPage:
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

    @app.post("/v1/mutations", response_model=MutationReply, responses=ERRORS)
    def push(request: Request, s: DB, sig: Signed) -> MutationReply | JSONResponse:
        cred = terminal(request, s, sig)
        body = sig[0]
        key = request.headers.get(wire.H_IDEMPOTENCY, "")[:64]
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

    return app


def openapi_document() -> dict[str, Any]:
    """The published OpenAPI document (built over a throwaway in-memory database)."""
    return create_app(Settings(database_url="sqlite://")).openapi()
