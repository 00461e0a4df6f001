"""Fixtures of the fault tests: private PostgreSQL and Redis servers for the tests that stop them,
the shared ones (each test in its own Redis namespace) for the tests that only hurt vocabquiz."""

from __future__ import annotations

import asyncio
import glob
import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ADMIN, IN_CI, REDIS_URL, SECRET, _drop_namespace, _empty_pg
from tests.faults.backends import PrivatePostgres, PrivateRedis


def server_env(database_url: str, redis_url: str, namespace: str = "vq") -> dict[str, str]:
    """The environment of a production `vocabquiz serve` (PostgreSQL + Redis) for these tests."""
    return {
        "VOCABQUIZ_DATABASE_URL": database_url,
        "VOCABQUIZ_REDIS_URL": redis_url,
        "VOCABQUIZ_REDIS_NAMESPACE": namespace,
        "VOCABQUIZ_SECRET_KEY": SECRET,
        "VOCABQUIZ_ADMIN_USERNAME": ADMIN[0],
        "VOCABQUIZ_ADMIN_PASSWORD": ADMIN[1],
        "VOCABQUIZ_BROADCAST_INTERVAL_MS": "100",
        "VOCABQUIZ_PING_INTERVAL_S": "1",
        # Many guests from 127.0.0.1 must not be throttled.
        "VOCABQUIZ_RATE_LIMITS": "off",
    }


@pytest.fixture
def shared_database(pg_database: str | None) -> Iterator[str]:
    """The run's own database on the shared PostgreSQL, emptied before and after the test."""
    if pg_database is None:
        pytest.skip("PostgreSQL or Redis is not reachable (set CI=true to fail instead)")
    asyncio.run(_empty_pg(pg_database))
    try:
        yield pg_database
    finally:
        asyncio.run(_empty_pg(pg_database))


@pytest.fixture
def production_env(shared_database: str) -> Iterator[dict[str, str]]:
    """Shared PostgreSQL and Redis: for tests that kill or stop only vocabquiz processes."""
    namespace = f"vqt{uuid.uuid4().hex[:10]}"
    try:
        yield server_env(shared_database, REDIS_URL, namespace)
    finally:
        asyncio.run(_drop_namespace(namespace))


def _missing(what: str) -> None:
    """Skip, or fail under CI=true, when a server binary these tests start is not installed."""
    message = f"{what} is not installed"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    if shutil.which("redis-server") is None:
        _missing("redis-server")
    redis = PrivateRedis(tmp_path / "redis")
    try:
        redis.start()
        yield redis
    finally:
        redis.close()


@pytest.fixture
def private_postgres() -> Iterator[PrivatePostgres]:
    if not glob.glob("/usr/lib/postgresql/*/bin/initdb"):
        _missing("PostgreSQL (/usr/lib/postgresql/*/bin/initdb)")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        _missing("runuser (to run PostgreSQL as the postgres user)")
    postgres = PrivatePostgres()
    try:
        postgres.init()
        postgres.start()
        yield postgres
    finally:
        postgres.close()
