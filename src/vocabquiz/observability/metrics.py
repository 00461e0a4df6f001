"""The service's own Prometheus metrics (names are fixed: the dashboard and alerts use them).

No label carries a session code, user id or other unbounded value.
"""

from __future__ import annotations

import asyncio
import gzip
import os

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

# Fine enough below 250 ms for the answer latency alert.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5)

# Every request but /metrics, under its route template (never the raw path), by the edge.
HTTP_REQUESTS = Counter(
    "http_requests_total",
    "Requests by method, status class and route template",
    ["method", "status", "handler"],
)
HTTP_DURATION = Histogram(
    "http_request_duration_seconds",
    "Time from a request's arrival to the end of its response, by route template",
    ["method", "handler"],
    buckets=LATENCY_BUCKETS,
)
SSE_CONNECTIONS = Gauge(
    "vocabquiz_sse_connections", "Connected live-leaderboard clients", multiprocess_mode="livesum"
)
RATE_LIMITED = Counter("vocabquiz_rate_limited_total", "Requests refused by a rate limit", ["rule"])
SESSIONS_OPENED = Counter("vocabquiz_sessions_opened_total", "Quiz sessions opened")
SESSION_ANSWERS = Histogram(
    "vocabquiz_session_answers",
    "Answers per session, observed when a session closes",
    buckets=(0, 10, 50, 100, 500, 1_000, 5_000, 10_000, 50_000, 100_000),
)
ANSWERS = Counter("vocabquiz_answers_total", "Answers scored", ["result"])
SCORES_UPDATED = Counter("vocabquiz_scores_updated_total", "Leaderboard standings updated")
LEADERBOARD_BROADCASTS = Counter(
    "vocabquiz_leaderboard_broadcasts_total", "Broadcast ticks that sent a leaderboard event"
)
SSE_FRAMES_SENT = Counter("vocabquiz_sse_frames_sent_total", "SSE frames written to clients")
DB_QUERY_DURATION = Histogram(
    "vocabquiz_db_query_duration_seconds",
    "Duration of the key database operations",
    ["operation"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5),
)
DB_POOL_CONNECTIONS = Gauge(
    "vocabquiz_db_pool_connections",
    "Database pool connections",
    ["state"],
    multiprocess_mode="livesum",
)
DB_REPLICA_UP = Gauge(
    "vocabquiz_db_replica_up",
    "1 while the read replica answers, 0 while reads go to the primary instead",
    multiprocess_mode="min",
)
DB_REPLICA_LAG = Gauge(
    "vocabquiz_db_replica_lag_bytes",
    "WAL the read replica has still to replay, in bytes",
    multiprocess_mode="max",
)
CACHE_REQUESTS = Counter(
    "vocabquiz_cache_requests_total", "Leaderboard reads served by the cache or rebuilt", ["result"]
)
EVENT_LATENCY = Histogram(
    "vocabquiz_event_latency_seconds",
    "From an answer's event being published to its frame being handed to clients",
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.5, 1, 2.5),
)
EVENTS_RECEIVED = Counter(
    "vocabquiz_events_received_total", "Session events this process received from Redis"
)
BROADCAST_INTERVAL = Gauge(
    "vocabquiz_broadcast_interval_seconds",
    "The broadcast interval in effect: stretched under load so that answers come first",
    multiprocess_mode="max",
)
ASYNCIO_TASKS = Gauge("vocabquiz_asyncio_tasks", "Live asyncio tasks of the process")

# Every known label value exists from the start at 0, so that rate() sees its first increment.
for _result in ("correct", "wrong", "late"):
    ANSWERS.labels(result=_result)
for _result in ("hit", "miss"):
    CACHE_REQUESTS.labels(result=_result)


def count_tasks(loop: asyncio.AbstractEventLoop) -> None:
    """Report the loop's live tasks at each scrape (one process; with several workers the gauge
    stays unset, as prometheus_client cannot sum a function across processes)."""
    if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        ASYNCIO_TASKS.set_function(lambda: len(asyncio.all_tasks(loop)))


def forget_this_process() -> None:
    """With several workers, drop this process' live gauges when it stops."""
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        multiprocess.mark_process_dead(os.getpid())  # type: ignore[no-untyped-call]


def exposition(accept_encoding: bytes) -> tuple[bytes, list[tuple[bytes, bytes]]]:
    """The body and headers of a scrape: every worker's metrics in multiprocess mode."""
    registry = REGISTRY
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    body = generate_latest(registry)
    headers = [(b"content-type", CONTENT_TYPE_LATEST.encode())]
    if b"gzip" in accept_encoding:
        return gzip.compress(body), [*headers, (b"content-encoding", b"gzip")]
    return body, headers
