"""``pull.refused``: a kiosk set a pulled row aside (it broke a rule of
``kiosk.domain.rows`` or a column's type). The report is kept (the mutation log holds it:
``market-admin refused-rows``) for whoever published the row to mend it."""

from __future__ import annotations

from kiosk.domain.registry import PullRefused
from kiosk.sync import wire
from market.handlers.base import Context, Item, Outcome

TYPE = "pull.refused"


def handle(ctx: Context, item: Item[PullRefused]) -> Outcome:
    """Nothing to change: the report is the record."""
    _ = ctx
    return Outcome(wire.APPLIED, detail={"collection": item.payload.collection})
