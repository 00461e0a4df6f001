"""Timing of the key database operations, by name (never by raw SQL)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from vocabquiz.observability.metrics import DB_QUERY_DURATION


@contextmanager
def timed(operation: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        DB_QUERY_DURATION.labels(operation=operation).observe(time.perf_counter() - start)
