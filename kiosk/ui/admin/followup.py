"""The staff screen's lists as catalog messages: open complaints filed here, agreements a
worker said were not paid, agreements not yet printed (kiosk.domain.followup)."""

from __future__ import annotations

from kiosk.domain.followup import FollowUp, Item
from kiosk.i18n import Ref
from kiosk.ui.texts import Message

SECTIONS = (
    ("complaints", "staff.list_complaints"),
    ("not_paid", "staff.list_not_paid"),
    ("to_print", "staff.list_to_print"),
)


def _line(section: str, item: Item) -> Message:
    when = f"{item.when:%m-%d %H:%M}"
    values: dict[str, object] = {
        "code": item.code,
        "worker": item.worker,
        "employer": item.employer or "—",
        "when": when,
    }
    if section == "complaints":
        values["amount"] = "—" if item.amount is None else str(item.amount)
        values["state"] = Ref(f"staff.case_{item.state}")
        return ("staff.complaint_line", None, values)
    return ("staff.agreement_line", None, values)


def messages(follow: FollowUp) -> list[Message]:
    """Each list under its heading (with its count), or that it is empty."""
    out: list[Message] = []
    for section, heading in SECTIONS:
        items: list[Item] = getattr(follow, section)
        out.append((heading, len(items), {}))
        out += [_line(section, item) for item in items]
    return out


CASE_STATES = ("pending", "open", "referred")
