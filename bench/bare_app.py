"""A bare FastAPI endpoint answering ``/v1/changes`` with an empty page, no database and no
signature check: the baseline ``bench/throughput.py`` measures the market against."""

from __future__ import annotations

import time
from typing import Any

from fastapi import FastAPI

app = FastAPI()


@app.get("/v1/changes")
def changes(collections: str = "", cursor: str = "", limit: int = 500) -> dict[str, Any]:
    """An empty page, shaped as the market's."""
    return {"changes": [], "next_cursor": cursor, "has_more": False, "server_time": time.time()}
