"""The v1 HTTP API of SYNC.md, as a FastAPI application composed of one router per area."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from sqlalchemy.exc import DataError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeoutError
from starlette.exceptions import HTTPException as StarletteHTTPException

from kiosk.sync import wire
from market import auth, deps, notify
from market.db import make_engine, migrate, sessions, utcnow
from market.deps import ApiError
from market.limits import BodyLimit, RateLimit
from market.routes import agreements, clips, enrol, jobs, station, sync, tickets, wait, workers
from market.schemas import ApiErrorBody, DocumentedBatch
from market.settings import Settings
from market.web import employer, worker

log = logging.getLogger(__name__)

ROUTERS = (
    enrol.router,
    sync.router,
    wait.router,
    clips.router,
    agreements.router,
    jobs.router,
    workers.router,
    tickets.router,
    station.router,
    employer.router,
    worker.router,
)


def _error(
    status: int,
    code: str,
    detail: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = ApiErrorBody(error=code, server_time=utcnow().timestamp(), detail=detail)
    return JSONResponse(body.model_dump(), status_code=status, headers=headers)


def create_app(settings: Settings | None = None, *, migrate_schema: bool = True) -> FastAPI:
    """The application over the configured database (migrated on start unless told not to:
    ``market-server`` migrates once before it starts its worker processes)."""
    settings = settings or Settings.from_env()
    engine = make_engine(settings.database_url)
    if migrate_schema:
        migrate(engine)
    made = sessions(engine)
    notifier = notify.attach(made)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        notifier.bind(asyncio.get_running_loop())
        notifier.listen(engine)
        yield
        notifier.close()

    app = FastAPI(
        title="Lhasa gig market: kiosk sync API",
        version="1",
        description="SYNC.md v1: enrolment, change feed, mutations, status.",
        lifespan=lifespan,
    )
    app.state.engine = engine
    app.state.settings = settings
    app.state.sessions = made
    app.state.notifier = notifier
    app.state.enrol_limit = RateLimit(settings.enrol_rate_per_min, burst=10)
    app.add_middleware(GZipMiddleware, minimum_size=1024)
    app.add_middleware(BodyLimit)  # outermost: no body is read past its bound
    for router in ROUTERS:
        app.include_router(router)
    _handle_errors(app)
    _document_mutations(app)
    return app


def app_from_env() -> FastAPI:
    """The app factory each worker process of ``market-server --workers N`` calls."""
    return create_app(Settings.from_env(), migrate_schema=False)


def _handle_errors(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_req: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.detail, exc.headers)

    @app.exception_handler(auth.AuthFailureError)
    async def _auth_error(_req: Request, exc: auth.AuthFailureError) -> JSONResponse:
        return _error(exc.status, exc.code)

    @app.exception_handler(DataError)
    async def _unstorable(_req: Request, exc: DataError) -> JSONResponse:
        # A value no column can hold (a NUL, a number out of range) that a check let by:
        # the request is wrong, not the server.
        log.warning("request refused by the database: %s", type(exc.orig).__name__)
        return _error(400, "invalid_value")

    @app.exception_handler(OperationalError)
    async def _busy(_req: Request, exc: OperationalError) -> JSONResponse:
        log.warning("database unavailable: %s", type(exc.orig).__name__)
        return _error(503, "busy", headers={"Retry-After": "5"})

    @app.exception_handler(PoolTimeoutError)
    async def _saturated(_req: Request, _exc: PoolTimeoutError) -> JSONResponse:
        log.warning("database pool exhausted")
        return _error(503, "busy", headers={"Retry-After": "10"})

    @app.exception_handler(StarletteHTTPException)
    async def _http(_req: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "invalid_request")
        return _error(exc.status_code, code, headers=dict(exc.headers or {}))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_req: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(400, "invalid_request", {"problems": len(exc.errors())})


def _header(name: str, description: str, *, required: bool) -> dict[str, Any]:
    return {
        "name": name,
        "in": "header",
        "required": required,
        "description": description,
        "schema": {"type": "string", "pattern": f"^{wire.HEADER_SHAPES[name]}$"},
    }


SIGNING = (
    (wire.H_CREDENTIAL, "the credential's token from enrolment"),
    (wire.H_TIMESTAMP, "Unix seconds; within SYNC.md's window of the server's clock"),
    (wire.H_NONCE, "used once"),
    (wire.H_SIGNATURE, "HMAC-SHA256 (hex) of the request, SYNC.md 'Transport and auth'"),
)


def _signed_paths() -> set[tuple[str, str]]:
    """(path, method) of every route that takes a signed request."""
    out = set()
    for router in ROUTERS:
        for route in router.routes:
            if isinstance(route, APIRoute) and any(
                d.call in (deps.signed, deps.signed_clip) for d in route.dependant.dependencies
            ):
                out |= {(route.path, m.lower()) for m in route.methods or ()}
    return out


def _document_mutations(app: FastAPI) -> None:
    """Complete the document: every registered mutation payload in the components, the
    signing headers and Idempotency-Key on the operations that need them, and no 422 (a
    request that does not validate is answered 400 with the error body)."""
    plain = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        doc = plain()
        schema = DocumentedBatch.model_json_schema(ref_template="#/components/schemas/{model}")
        components = doc.setdefault("components", {}).setdefault("schemas", {})
        components.update(schema.pop("$defs", {}))
        components["DocumentedBatch"] = schema
        for name in ("HTTPValidationError", "ValidationError"):
            components.pop(name, None)
        signed = _signed_paths()
        for path, ops in doc.get("paths", {}).items():
            for method, op in ops.items():
                op.get("responses", {}).pop("422", None)
                params = op.setdefault("parameters", [])
                if (path, method) in signed:
                    params += [_header(n, d, required=True) for n, d in SIGNING]
                if path == "/v1/mutations":
                    params.append(_header(wire.H_IDEMPOTENCY, "the batch's key", required=True))
        app.openapi_schema = doc
        return doc

    app.openapi = openapi  # type: ignore[method-assign]


def openapi_document() -> dict[str, Any]:
    """The published OpenAPI document (built over a throwaway in-memory database)."""
    return create_app(Settings(database_url="sqlite://")).openapi()
