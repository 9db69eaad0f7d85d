"""The OpenAPI document against the live server, on SQLite and PostgreSQL: Schemathesis
generates requests from it (valid and invalid), unsigned and signed with a real credential;
no answer is a 5xx and none falls outside the document (issue 17)."""

from __future__ import annotations

import contextlib
import os

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.schemas import APIOperation
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.helpers.fuzz import KioskSigner, enrolled
from tests.helpers.market import MarketServer

pytestmark = pytest.mark.slow
schemathesis.serializer.alias("audio/wav", "application/octet-stream")  # a clip's bytes
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "50"))  # per operation and mode
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


class Fuzz:
    """Requests sent, by session, and every failure (not only the first)."""

    def __init__(self, url: str, sessions: dict[str, requests.Session]) -> None:
        self.url, self.sessions = url, sessions
        self.ran: dict[str, int] = dict.fromkeys(sessions, 0)
        self.failures: list[str] = []

    def operation(self, operation: APIOperation, mode: GenerationMode) -> None:
        """Up to ``EXAMPLES`` generated cases of one operation, each sent by every session."""

        @given(case=operation.as_strategy(generation_mode=mode))
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            derandomize=True,  # the same cases every run: never a test of chance
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: schemathesis.Case) -> None:
            _short_wait(operation, case)
            for name, session in self.sessions.items():
                response = case.call(base_url=self.url, session=session, timeout=10)
                self.ran[name] += 1
                try:
                    case.validate_response(response, checks=CHECKS)
                except AssertionError as exc:
                    self.failures.append(f"{name} {operation.label}: {str(exc)[:300]}")

        with contextlib.suppress(Unsatisfiable):  # nothing to negate: nothing to send
            run()


def _short_wait(operation: APIOperation, case: schemathesis.Case) -> None:
    """A signed wait on the feed may rightly wait its whole timeout (up to 30 s): the fuzzer
    asks for a fifth of a second where the timeout is one the server takes, so that every
    answer comes before the fuzzer's own 10 s timeout."""
    if operation.path != "/v1/changes/wait":
        return
    if case.query is None:
        case.query = {}
    query = case.query
    if not isinstance(query, dict):
        return
    value = query.get("timeout")
    taken = isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value <= 30
    if value is None or taken:
        query["timeout"] = 0.2


def test_no_generated_request_gets_a_5xx_or_an_undocumented_answer(market: MarketServer) -> None:
    creds = enrolled(market.url, market.database)  # before the fuzzer spends the enrol limit
    doc = requests.get(f"{market.url}/openapi.json", timeout=10).json()
    schema = schemathesis.openapi.from_dict(doc)
    signed = requests.Session()
    signed.auth = KioskSigner(creds)
    fuzz = Fuzz(market.url, {"unsigned": requests.Session(), "signed": signed})
    for result in schema.get_all_operations():
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            fuzz.operation(result.ok(), mode)
    total = sum(fuzz.ran.values())
    print(f"fuzz: {total} requests ({fuzz.ran}), {len(fuzz.failures)} failures")
    assert not fuzz.failures, "\n".join(fuzz.failures[:10])
    assert total > 1000
