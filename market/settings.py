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
    enrol_rate_per_min: int = 6  # enrolment requests per client address (burst: 10)
    max_pending_enrolments: int = 50  # waiting for an administrator, all addresses together

    @classmethod
    def from_env(cls, **overrides: str) -> Settings:
        """Read ``MARKET_*``: database URL, minimum app version, message, poll interval."""
        env = {
            "database_url": os.environ.get("MARKET_DATABASE_URL", cls.database_url),
            "min_app_version": os.environ.get("MARKET_MIN_APP_VERSION", cls.min_app_version),
            "message": os.environ.get("MARKET_MESSAGE", cls.message),
            "enrol_interval_s": os.environ.get("MARKET_ENROL_INTERVAL_S", cls.enrol_interval_s),
            "enrol_rate_per_min": os.environ.get(
                "MARKET_ENROL_RATE_PER_MIN", cls.enrol_rate_per_min
            ),
            "max_pending_enrolments": os.environ.get(
                "MARKET_MAX_PENDING_ENROLMENTS", cls.max_pending_enrolments
            ),
        }
        env.update(overrides)
        for name in ("enrol_interval_s", "enrol_rate_per_min", "max_pending_enrolments"):
            env[name] = int(env[name])
        return cls(**env)  # type: ignore[arg-type]
