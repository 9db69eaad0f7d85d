"""Tibetan clips recorded at one kiosk, heard at every kiosk.

A kiosk sends a take up (``PUT /v1/clip``): the market checks it is a clip a kiosk can play
(``kiosk.domain.clips``) and keeps it as the next version of that prompt; the same bytes
sent again (a retry, or another kiosk) are answered with the version they already are, so
nothing is doubled. Every kiosk reads the manifest (``GET /v1/clips``: the newest version of
each prompt, with a tag that changes whenever a version is added) and fetches the versions
it lacks (``GET /v1/clip``).
"""

from __future__ import annotations

import hashlib
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kiosk.domain import clips
from market.db import utcnow
from market.deps import DB, ERRORS, ApiError, Signed, SignedClip, terminal
from market.models import VoiceClip

router = APIRouter(prefix="/v1", tags=["clips"])
MAX_NAMES = 2000  # the catalog has a few hundred prompts; this bounds the manifest
Name = Annotated[str, Query(min_length=1, max_length=clips.MAX_NAME)]
CLIP_ERRORS = {**ERRORS, 404: ERRORS[400]}


class ClipOut(BaseModel):
    """The newest version of one clip."""

    name: str
    version: int
    sha256: str
    size: int
    seconds: float


class Manifest(BaseModel):
    """Every clip's newest version; ``unchanged`` when the kiosk's tag is still current."""

    tag: str
    unchanged: bool
    clips: list[ClipOut]
    server_time: float


class Stored(BaseModel):
    """The version an upload is now (``duplicate``: those bytes already were it)."""

    name: str
    version: int
    sha256: str
    status: str
    server_time: float


def _tag(s: Session) -> str:
    """Changes whenever any version is added (count and newest sequence, hashed)."""
    count, newest = s.execute(select(func.count(), func.max(VoiceClip.seq))).one()
    return hashlib.sha256(f"{count}:{newest or 0}".encode()).hexdigest()[:16]


def _newest(s: Session, name: str) -> VoiceClip | None:
    return s.scalar(
        select(VoiceClip).where(VoiceClip.name == name).order_by(VoiceClip.version.desc()).limit(1)
    )


@router.get("/clips", response_model=Manifest, responses=ERRORS)
def manifest(
    request: Request, s: DB, sig: Signed, known: Annotated[str, Query(max_length=64)] = ""
) -> Manifest:
    """The newest version of every clip (nothing but the tag when ``known`` is current)."""
    terminal(request, s, sig)
    tag, now = _tag(s), utcnow().timestamp()
    if known == tag:
        return Manifest(tag=tag, unchanged=True, clips=[], server_time=now)
    newest = (
        select(VoiceClip.name, func.max(VoiceClip.version).label("version"))
        .group_by(VoiceClip.name)
        .subquery()
    )
    rows = s.execute(
        select(
            VoiceClip.name, VoiceClip.version, VoiceClip.sha256, VoiceClip.size, VoiceClip.seconds
        )
        .join(
            newest,
            (VoiceClip.name == newest.c.name) & (VoiceClip.version == newest.c.version),
        )
        .order_by(VoiceClip.name)
    ).all()
    out = [ClipOut(name=n, version=v, sha256=h, size=z, seconds=t) for n, v, h, z, t in rows]
    return Manifest(tag=tag, unchanged=False, clips=out, server_time=now)


@router.get(
    "/clip",
    responses={**CLIP_ERRORS, 200: {"content": {"audio/wav": {}}}},
    response_class=Response,
)
def fetch(
    request: Request,
    s: DB,
    sig: Signed,
    name: Name,
    version: Annotated[int, Query(ge=1, le=2**31 - 1)],
) -> Response:
    """One version of one clip, as WAV."""
    terminal(request, s, sig)
    row = s.scalar(select(VoiceClip).where(VoiceClip.name == name, VoiceClip.version == version))
    if row is None:
        raise ApiError(404, "no_such_clip")
    return Response(row.body, media_type="audio/wav", headers={"X-Clip-Sha256": row.sha256})


@router.put(
    "/clip",
    response_model=Stored,
    responses=CLIP_ERRORS,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"audio/wav": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
def upload(request: Request, s: DB, sig: SignedClip, name: Name) -> Stored:
    """Keep a take as the next version of ``name`` (checked; the same bytes are not kept
    twice)."""
    cred = terminal(request, s, sig)
    if not clips.valid_name(name):
        raise ApiError(400, "bad_name")
    body = sig[0]
    try:
        info = clips.check_wav(body)
    except clips.BadClipError as exc:
        raise ApiError(400, "bad_clip", {"reason": exc.reason}) from None
    now = utcnow()
    latest = _newest(s, name)
    if latest is not None and latest.sha256 == info.sha256:
        return Stored(
            name=name,
            version=latest.version,
            sha256=info.sha256,
            status="duplicate",
            server_time=now.timestamp(),
        )
    if latest is None:
        names = s.scalar(select(func.count(func.distinct(VoiceClip.name)))) or 0
        if names >= MAX_NAMES:
            raise ApiError(400, "too_many_clips")
    row = VoiceClip(
        name=name,
        version=(latest.version if latest else 0) + 1,
        sha256=info.sha256,
        size=info.size,
        seconds=info.seconds,
        body=body,
        terminal_id=cred.terminal_id,
        created_at=now,
    )
    try:
        with s.begin_nested():
            s.add(row)
    except IntegrityError:  # another upload of this prompt took the version first
        raise ApiError(503, "busy", headers={"Retry-After": "1"}) from None
    return Stored(
        name=name,
        version=row.version,
        sha256=info.sha256,
        status="applied",
        server_time=now.timestamp(),
    )
