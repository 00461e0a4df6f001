"""Scripted quiz sessions shared by the tests of this folder: on a real server on the embedded
default and on one on PostgreSQL + Redis with two worker processes (/metrics read before and after
each; both start together, start-up being most of the time here), and `observed`: a server on a
PostgreSQL and a Redis of its own with both exporters, all scraped by a real Prometheus."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from subprocess import Popen

import asyncpg
import httpx
import pytest

from tests.monitoring.exposition import Sample, parse, requests_by_worker, total
from tests.monitoring.prometheus_config import ROOT, local_config
from tests.monitoring.scripted_session import Played, play_session
from tests.servers import (
    REDIS_URL,
    UNREACHABLE,
    PrivatePostgres,
    PrivateRedis,
    Server,
    drop_namespace,
    empty_database,
    free_port,
    prometheus,
    server_env,
    start,
    stop,
    tool,
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


def _wait_for_first_scrape(prometheus_url: str, query: str) -> None:
    """Counters must be in Prometheus before the session moves them, or rate() has nothing."""
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
def embedded_run(servers: dict[str, Server]) -> Run:
    return _record(servers["embedded"].wait_ready(), pause=0.0, late=True)


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


@dataclass
class Observed:
    """A session played on the production backends of the test's own, with every exporter of
    the dashboard running, all scraped every second by a real Prometheus."""

    run: Run
    prometheus: str
    # The PostgreSQL server's log: the slow-query log's lines are in it.
    postgres_log: Path


@pytest.fixture(scope="package")
def observed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Observed]:
    """PostgreSQL (initdb, with deploy/postgres/vocabquiz.conf: pg_stat_statements and the
    slow-query log) and Redis of the test's own, a server on them, postgres_exporter (with
    deploy/postgres/exporter-queries.yaml) and redis_exporter, and Prometheus on
    deploy/prometheus's files scraping all three; a scripted session with a late answer, and a
    statement slow enough for the slow-query log."""
    tmp = tmp_path_factory.mktemp("observed")
    postgres, redis = PrivatePostgres(), PrivateRedis(tmp / "redis")
    processes: list[Popen[bytes]] = []
    try:
        postgres.init((ROOT / "deploy/postgres/vocabquiz.conf").read_text())
        postgres.start()
        database = asyncio.run(_vocabquiz_database(postgres))
        redis.start()
        server = Server(server_env(database, redis.url), tmp / "server.log")
        processes.append(server.process)
        pg_port, redis_port = free_port(), free_port()
        dsn = f"{database}?sslmode=disable"
        processes.append(
            start(
                [
                    tool("prometheus-postgres-exporter"),
                    f"--web.listen-address=127.0.0.1:{pg_port}",
                    f"--extend.query-path={ROOT / 'deploy/postgres/exporter-queries.yaml'}",
                ],
                tmp / "postgres-exporter.log",
                {"DATA_SOURCE_NAME": dsn},
            )
        )
        processes.append(
            start(
                [
                    tool("prometheus-redis-exporter"),
                    f"-redis.addr={redis.url}",
                    f"-web.listen-address=127.0.0.1:{redis_port}",
                ],
                tmp / "redis-exporter.log",
            )
        )
        url = server.wait_ready()
        targets = {
            "vocabquiz": url.removeprefix("http://"),
            "postgres": f"127.0.0.1:{pg_port}",
            "redis": f"127.0.0.1:{redis_port}",
        }
        with prometheus(local_config(targets), tmp / "prometheus") as prometheus_url:
            for job in targets:
                _wait_for_first_scrape(prometheus_url, f'up{{job="{job}"}} == 1')
            run = _record(url, pause=1.2, late=True)
            asyncio.run(_slow_statement(database))
            time.sleep(SCRAPES_AFTER_SESSION_S)
            yield Observed(run, prometheus_url, postgres.log)
    finally:
        stop(*processes)
        redis.close()
        postgres.close()


async def _vocabquiz_database(postgres: PrivatePostgres) -> str:
    """A database `vocabquiz` with pg_stat_statements (deploy/postgres/init), as deployed."""
    connection = await asyncpg.connect(postgres.url)
    try:
        await connection.execute("CREATE DATABASE vocabquiz")
    finally:
        await connection.close()
    database = postgres.url.rsplit("/", 1)[0] + "/vocabquiz"
    connection = await asyncpg.connect(database)
    try:
        await connection.execute(
            (ROOT / "deploy/postgres/init/01-pg_stat_statements.sql").read_text()
        )
    finally:
        await connection.close()
    return database


async def _slow_statement(database: str) -> None:
    connection = await asyncpg.connect(database, server_settings={"application_name": "psql"})
    try:
        await connection.execute("SELECT pg_sleep(0.3)")
    finally:
        await connection.close()
