"""What the lifespan builds and every request shares; one per app instance."""

from __future__ import annotations

from dataclasses import dataclass

from vocabquiz.auth.accounts import Accounts
from vocabquiz.auth.tokens import TokenReader
from vocabquiz.db import Database
from vocabquiz.jobs.running import Jobs
from vocabquiz.rate_limits import RateLimits
from vocabquiz.redis_client import RedisClient
from vocabquiz.sessions.wiring import SessionServices
from vocabquiz.settings import Settings


@dataclass
class AppState:
    settings: Settings
    secret_key: str
    tokens: TokenReader
    accounts: Accounts
    database: Database
    redis: RedisClient | None
    sessions: SessionServices
    limits: RateLimits
    jobs: Jobs
