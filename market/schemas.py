"""Request and reply bodies of the v1 API (they make the published OpenAPI document)."""

from __future__ import annotations

from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, Field, create_model

from kiosk.domain.registry import MUTATIONS, MutationType
from kiosk.sync import wire


class EnrolRequest(BaseModel):
    """A kiosk asks to be enrolled."""

    name: str = Field(min_length=1, max_length=64, pattern=r"^[^\x00-\x1f\x7f-\x9f]+$")
    app_version: str = Field(default="0", max_length=32, pattern=r"^[0-9A-Za-z.+-]*$")


class EnrolStart(BaseModel):
    """The codes of a new enrolment: the kiosk shows ``user_code``."""

    device_code: str
    user_code: str
    interval: int
    expires_in: int


class EnrolPoll(BaseModel):
    """The kiosk polls with its device code."""

    device_code: str = Field(max_length=64)


class Credentials(BaseModel):
    """Handed out once, when the administrator has approved."""

    terminal_id: str
    token: str
    hmac_key: str
    lookup_key: str  # the district's, for the look-up hashes of ID numbers


class ChangeOut(BaseModel):
    """One change of one entity."""

    collection: str
    id: str
    op: Literal["upsert", "delete"]
    version: int
    data: dict[str, Any] | None


class ChangesPage(BaseModel):
    """A page of the change feed."""

    changes: list[ChangeOut]
    next_cursor: str
    has_more: bool
    server_time: float


class MutationBatch(BaseModel):
    """Mutations from one terminal; items are checked one by one, never as a whole."""

    terminal_id: str
    schema_version: int
    app_version: str
    mutations: list[Any] = Field(max_length=wire.MAX_MUTATIONS)


def _documented(kind: MutationType) -> type[BaseModel]:
    """One mutation envelope of ``kind``, for the OpenAPI document."""
    return create_model(
        f"{kind.payload.__name__}Mutation",
        __doc__=f"A ``{kind.name}`` mutation (schema version {kind.version}).",
        seq=(int, ...),
        mutation_uuid=(str, ...),
        type=(Literal[kind.name], ...),  # type: ignore[arg-type]
        entity_id=(str, ...),
        base_version=(int | None, None),
        payload=(kind.payload, ...),
        captured_at_local=(str | None, None),
    )


DOCUMENTED = tuple(_documented(kind) for kind in MUTATIONS.values())


class DocumentedBatch(BaseModel):
    """What a kiosk sends: each mutation one of the registered types, told apart by ``type``.

    The server reads the body leniently (``MutationBatch``) so that one bad item is refused
    on its own; this model is what the document promises a kiosk may send.
    """

    terminal_id: str
    schema_version: int
    app_version: str
    mutations: list[
        Annotated[Union[DOCUMENTED], Field(discriminator="type")]  # type: ignore[valid-type]  # noqa: UP007
    ] = Field(max_length=wire.MAX_MUTATIONS)


class MutationResult(BaseModel):
    """What became of one mutation."""

    seq: int | None
    mutation_uuid: str | None
    status: Literal["applied", "duplicate", "rejected", "conflict", "retry_later"]
    server_version: int | None
    error: str | None
    detail: dict[str, Any] | None


class MutationReply(BaseModel):
    """Per-item results of a batch."""

    results: list[MutationResult]
    server_time: float


class Status(BaseModel):
    """Server time and what kiosks must run."""

    server_time: float
    schema_version: int
    min_app_version: str
    message: str


class ApiErrorBody(BaseModel):
    """Every error: a code a program can act on, and the server's time."""

    error: str
    server_time: float
    detail: dict[str, Any] | None = None
