"""Server settings from the environment (``MARKET_*``), with working defaults for a demo."""

from __future__ import annotations

import os
from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    """What the server needs to know."""

    database_url: str = "sqlite:///market.db"
    min_app_version: str = "0.1.0"
    message: str = ""
    enrol_ttl_s: int = 900
    enrol_interval_s: int = 5

    @classmethod
    def from_env(cls, **overrides: str) -> Settings:
        """Read ``MARKET_*``: database URL, minimum app version, message, poll interval."""
        env = {
            "database_url": os.environ.get("MARKET_DATABASE_URL", cls.database_url),
            "min_app_version": os.environ.get("MARKET_MIN_APP_VERSION", cls.min_app_version),
            "message": os.environ.get("MARKET_MESSAGE", cls.message),
            "enrol_interval_s": os.environ.get("MARKET_ENROL_INTERVAL_S", cls.enrol_interval_s),
        }
        env.update(overrides)
        env["enrol_interval_s"] = int(env["enrol_interval_s"])
        return cls(**env)  # type: ignore[arg-type]
