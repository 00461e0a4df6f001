"""One scripted quiz session per backend, shared by the tests of this folder: a real server on
the embedded default, scraped by a real Prometheus every second, and a real server on PostgreSQL
+ Redis with two worker processes; /metrics read before and after each session. Both servers
start together (start-up is most of the time here)."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.monitoring.exposition import Sample, parse, requests_by_worker, total
from tests.monitoring.prometheus_config import local_config
from tests.monitoring.scripted_session import Played, play_session
from tests.servers import (
    REDIS_URL,
    UNREACHABLE,
    Server,
    drop_namespace,
    empty_database,
    prometheus,
    server_env,
    stop,
)

OVERRIDES = {"VOCABQUIZ_BROADCAST_INTERVAL_MS": "50", "VOCABQUIZ_LOG_FORMAT": "json"}
SCRAPES_AFTER_SESSION_S = 2.5  # two scrapes and rule evaluations at 1 s after the last request


@dataclass
class Run:
    """A server, the session played on it, and its metrics before and after."""

    url: str
    played: Played
    before: list[Sample]
    after: list[Sample]
    prometheus: str | None = None
    metrics_dir: Path | None = None  # the workers' metric files, with several workers


def _scrape(url: str) -> list[Sample]:
    r = httpx.get(f"{url}/metrics", timeout=10)
    assert r.status_code == 200, r.text
    return parse(r.text)


def _record(url: str, pause: float, late: bool) -> Run:
    before = _scrape(url)
    played = asyncio.run(play_session(url, pause=pause, late=late))
    # A closed stream leaves the gauge once the server has seen the client go: wait (bounded).
    baseline = total(before, "vocabquiz_sse_connections")
    deadline = time.monotonic() + 5
    while True:
        after = _scrape(url)
        if total(after, "vocabquiz_sse_connections") == baseline or time.monotonic() > deadline:
            return Run(url, played, before, after)
        time.sleep(0.1)


def _wait_for_first_scrape(prometheus_url: str) -> None:
    """Counters must be in Prometheus before the session moves them, or rate() has nothing."""
    query = 'vocabquiz_sessions_opened_total{job="vocabquiz"}'
    deadline = time.monotonic() + 15
    while True:
        r = httpx.get(f"{prometheus_url}/api/v1/query", params={"query": query}, timeout=5)
        if r.json()["data"]["result"]:
            return
        assert time.monotonic() < deadline, f"Prometheus did not scrape the server: {query}"
        time.sleep(0.2)


@pytest.fixture(scope="package")
def servers(
    pg_database: str | None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[dict[str, Server]]:
    """ "embedded": one process on SQLite; "production" (when PostgreSQL and Redis are reachable):
    `--workers 2` on PostgreSQL + Redis, whose /metrics must add up both workers."""
    tmp = tmp_path_factory.mktemp("servers")
    namespace = f"vqt{uuid.uuid4().hex[:10]}"
    started: dict[str, Server] = {}
    try:
        embedded = {**server_env(f"sqlite:///{tmp}/vocabquiz.db"), **OVERRIDES}
        started["embedded"] = Server(embedded, tmp / "embedded.log")
        if pg_database is not None:
            asyncio.run(empty_database(pg_database))
            (tmp / "worker-metrics").mkdir()
            production = {
                **server_env(pg_database, REDIS_URL, namespace),
                **OVERRIDES,
                # Given rather than left to `serve`'s temporary folder, to read each worker's file.
                "PROMETHEUS_MULTIPROC_DIR": str(tmp / "worker-metrics"),
            }
            started["production"] = Server(production, tmp / "production.log", workers=2)
        yield started
    finally:
        stop(*(server.process for server in started.values()))
        if pg_database is not None:
            asyncio.run(drop_namespace(namespace))
            asyncio.run(empty_database(pg_database))


@pytest.fixture(scope="package")
def embedded_run(
    servers: dict[str, Server], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Run]:
    url = servers["embedded"].wait_ready()
    config = local_config(target=url.removeprefix("http://"))
    with prometheus(config, tmp_path_factory.mktemp("prometheus")) as prometheus_url:
        _wait_for_first_scrape(prometheus_url)
        run = _record(url, pause=1.2, late=True)
        run.prometheus = prometheus_url
        time.sleep(SCRAPES_AFTER_SESSION_S)
        yield run


@pytest.fixture(scope="package")
def production_run(servers: dict[str, Server]) -> Run:
    if "production" not in servers:
        pytest.skip(UNREACHABLE)
    server = servers["production"]
    url = server.wait_ready()
    metrics_dir = Path(server.env["PROMETHEUS_MULTIPROC_DIR"])
    # Both workers must have served something, or adding them up proves nothing: new connections
    # until they have (the session's own requests usually spread over both already).
    deadline = time.monotonic() + 15
    while sum(1 for n in requests_by_worker(metrics_dir).values() if n > 0) < 2:
        assert time.monotonic() < deadline, requests_by_worker(metrics_dir)
        httpx.get(f"{url}/healthz", timeout=5)
    run = _record(url, pause=0.0, late=False)
    run.metrics_dir = metrics_dir
    return run
