"""Where an application stands, in the words a worker needs: the employer's answer says
more than the market's taking it, and an agreement signed at the kiosk says most."""

from __future__ import annotations

import pytest

from kiosk.domain.applications import ApplicationState, state_of


@pytest.mark.parametrize(
    ("status", "signed", "answer", "state"),
    [
        ("pending", False, None, ApplicationState.WAITING),
        ("sent", False, None, ApplicationState.SENT),
        ("sent", False, "accepted", ApplicationState.ACCEPTED),
        ("sent", False, "declined", ApplicationState.DECLINED),
        ("sent", True, "declined", ApplicationState.SIGNED),  # the paper counts
        ("sent", False, "maybe", ApplicationState.SENT),  # not an answer: as before
        ("full", False, None, ApplicationState.FULL),
        ("no_such_reason", False, None, ApplicationState.REFUSED),
    ],
)
def test_state_of(status: str, signed: bool, answer: str | None, state: ApplicationState) -> None:
    assert state_of(status, signed=signed, answer=answer) is state
