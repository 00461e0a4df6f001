"""The backend matrix: every API test runs on `embedded` (SQLite file + in-process) and
`production` (PostgreSQL + Redis, in a database of its own for the run and a Redis namespace of
its own for each test). With CI=true an unreachable PostgreSQL or Redis fails the run."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI
from redis.asyncio import Redis

from vocabquiz.app import create_app
from vocabquiz.settings import Settings

PG_ADMIN_URL = os.environ.get("VOCABQUIZ_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("VOCABQUIZ_TEST_REDIS", "redis://127.0.0.1:6379/0")
SECRET = "test-secret-key-that-is-long-enough-0123456789"
ADMIN = ("admin", "admin-password")
IN_CI = os.environ.get("CI", "").lower() == "true"
# Cheap password hashes for every app and server the tests start: thousands of sign-ins.
os.environ.setdefault("VOCABQUIZ_PASSWORD_HASH_TIME_COST", "1")
os.environ.setdefault("VOCABQUIZ_PASSWORD_HASH_MEMORY_KIB", "64")


async def _reachable() -> str | None:
    """Why the production backends can't be used, or None when they can."""
    try:
        conn = await asyncpg.connect(PG_ADMIN_URL, timeout=3)
        await conn.close()
    except Exception as exc:
        return f"PostgreSQL at {PG_ADMIN_URL}: {exc}"
    try:
        redis = Redis.from_url(REDIS_URL, socket_connect_timeout=3)
        await redis.ping()
        await redis.aclose()
    except Exception as exc:
        return f"Redis at {REDIS_URL}: {exc}"
    return None


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str | None]:
    """A PostgreSQL database of this run's own, migrated once; None when unreachable."""
    problem = asyncio.run(_reachable())
    if problem is not None:
        if IN_CI:
            pytest.fail(f"production backends unreachable under CI=true: {problem}")
        yield None
        return
    name = f"vq_test_{uuid.uuid4().hex[:12]}"

    async def create() -> None:
        conn = await asyncpg.connect(PG_ADMIN_URL)
        await conn.execute(f'CREATE DATABASE "{name}"')
        await conn.close()

    async def drop() -> None:
        conn = await asyncpg.connect(PG_ADMIN_URL)
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.close()

    asyncio.run(create())
    base = PG_ADMIN_URL.rsplit("/", 1)[0]
    try:
        yield f"{base}/{name}"
    finally:
        asyncio.run(drop())


TABLES = "removed_players, answers, participants, sessions, choices, questions, quizzes, users"


async def _empty_pg(url: str) -> None:
    conn = await asyncpg.connect(url)
    try:
        exists = await conn.fetchval("SELECT to_regclass('public.users') IS NOT NULL")
        if exists:
            await conn.execute(f"TRUNCATE {TABLES} CASCADE")
    finally:
        await conn.close()


async def _drop_namespace(namespace: str) -> None:
    redis = Redis.from_url(REDIS_URL)
    keys = [k async for k in redis.scan_iter(match=f"{namespace}:*", count=1000)]
    if keys:
        await redis.delete(*keys)
    await redis.aclose()


@dataclass
class Backend:
    name: str
    settings: Settings

    @property
    def is_production(self) -> bool:
        return self.name == "production"


@pytest.fixture(params=["embedded", "production"])
async def backend(
    request: pytest.FixtureRequest, tmp_path: Path, pg_database: str | None
) -> AsyncIterator[Backend]:
    common: dict[str, Any] = {
        "secret_key": SECRET,
        "admin_username": ADMIN[0],
        "admin_password": ADMIN[1],
        "broadcast_interval_ms": 20,
        "log_level": "WARNING",
        # Nobody is exempt by default; the tests' own address is (the limits' tests say "").
        "rate_limit_exempt": "127.0.0.0/8",
        "web_dir": tmp_path / "no-web-app",
    }
    if request.param == "embedded":
        yield Backend(
            "embedded",
            Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/test.db", **common),
        )
        return
    if pg_database is None:
        pytest.skip("PostgreSQL or Redis is not reachable (set CI=true to fail instead)")
    namespace = f"vqt{uuid.uuid4().hex[:10]}"
    await _empty_pg(pg_database)
    try:
        yield Backend(
            "production",
            Settings(
                database_url=pg_database,
                redis_url=REDIS_URL,
                redis_namespace=namespace,
                **common,
            ),
        )
    finally:
        await _drop_namespace(namespace)
        await _empty_pg(pg_database)


@pytest.fixture
async def app(backend: Backend) -> AsyncIterator[FastAPI]:
    application = create_app(backend.settings)
    async with LifespanManager(application, startup_timeout=30):
        yield application


class Api:
    """An httpx client with shortcuts for signing in."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client

    @staticmethod
    def auth(token: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {token}"}

    async def admin(self) -> dict[str, str]:
        r = await self.client.post(
            "/api/auth/login", json={"username": ADMIN[0], "password": ADMIN[1]}
        )
        assert r.status_code == 200, r.text
        return self.auth(r.json()["access_token"])

    async def guest(self, name: str = "Guest") -> dict[str, str]:
        r = await self.client.post("/api/auth/guest", json={"display_name": name})
        assert r.status_code == 201, r.text
        return self.auth(r.json()["access_token"])

    async def player(self, username: str, password: str = "password123") -> dict[str, str]:
        r = await self.client.post(
            "/api/auth/register", json={"username": username, "password": password}
        )
        assert r.status_code == 201, r.text
        return self.auth(r.json()["access_token"])


@pytest.fixture
async def api(app: FastAPI) -> AsyncIterator[Api]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield Api(client)


def question(prompt: str = "What does 'vivid' mean?", **extra: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "prompt": prompt,
        "choices": [
            {"text": "bright and clear", "correct": True},
            {"text": "dull", "correct": False},
            {"text": "quiet", "correct": False},
        ],
    }
    body.update(extra)
    return body


# --- real `vocabquiz serve` processes ------------------------------------------------------------


def server_env(database_url: str, redis_url: str, namespace: str = "vq") -> dict[str, str]:
    """The environment of a production `vocabquiz serve` (PostgreSQL + Redis) in the tests."""
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
    """A server environment on the shared PostgreSQL and Redis, in a Redis namespace of the
    test's own: for tests that start, kill or stop only vocabquiz processes."""
    namespace = f"vqt{uuid.uuid4().hex[:10]}"
    try:
        yield server_env(shared_database, REDIS_URL, namespace)
    finally:
        asyncio.run(_drop_namespace(namespace))
