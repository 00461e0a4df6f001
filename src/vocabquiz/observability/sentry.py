"""Error tracking: unhandled exceptions go to Sentry when VOCABQUIZ_SENTRY_DSN is set. The SDK's
defaults send no personal data (no addresses, cookies or Authorization headers)."""

from __future__ import annotations

from importlib.metadata import version

import sentry_sdk

from vocabquiz.settings import Settings


def init_sentry(settings: Settings) -> None:
    if not settings.sentry_dsn:
        return
    sentry_sdk.init(
        dsn=settings.sentry_dsn,
        environment=settings.environment,
        release=f"vocabquiz@{version('vocabquiz')}",
        traces_sample_rate=0.0,
    )
