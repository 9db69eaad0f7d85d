"""One handler module per mutation type of the registry (``kiosk.domain.registry``).

Adding a type: a module here with ``TYPE`` and ``handle``, and one line in ``MODULES``; a
test fails while a registered type has no handler or a handler no registered type.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from market.handlers import (
    agreement_sign,
    application_create,
    complaint_file,
    employer_register,
    job_post,
    pay_confirm,
    pull_refused,
    rating_give,
    training_book,
    training_cancel,
    training_wish,
    worker_bind_card,
    worker_register,
    worker_rekey,
    worker_update,
)
from market.handlers.base import Context, Item, Outcome

MODULES = (
    worker_register,
    worker_bind_card,
    worker_update,
    worker_rekey,
    application_create,
    agreement_sign,
    pay_confirm,
    complaint_file,
    rating_give,
    training_book,
    training_cancel,
    training_wish,
    pull_refused,
    employer_register,
    job_post,
)

Handler = Callable[[Context, Item[Any]], Outcome]
HANDLERS: dict[str, Handler] = {mod.TYPE: mod.handle for mod in MODULES}
