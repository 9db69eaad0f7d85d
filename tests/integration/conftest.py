"""Real services for the integration tests, started once and stopped only if we started them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.helpers.pcscd import Pcscd


@pytest.fixture(scope="session")
def pcscd() -> Iterator[Pcscd]:
    """pcscd with the vpcd virtual reader: reused when running, else started (and stopped)."""
    service = Pcscd.ensure()
    yield service
    service.stop()
