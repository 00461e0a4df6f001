"""The backend matrix: every API test runs on `embedded` (SQLite file + in-process) and
`production` (PostgreSQL + Redis, in a database of its own for the run and a Redis namespace of
its own for each test). With CI=true an unreachable PostgreSQL or Redis fails the run. Then the
fixtures of the tests that start real servers (tests/servers.py starts them)."""

from __future__ import annotations

import asyncio
import glob
import os
import shutil
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from fastapi import FastAPI

from tests.servers import (
    ADMIN,
    IN_CI,
    PG_BIN_GLOB,
    REDIS_URL,
    SECRET,
    UNREACHABLE,
    Instance,
    PrivatePostgres,
    PrivateRedis,
    create_database,
    drop_database,
    drop_namespace,
    empty_database,
    instances,
    server_env,
    unreachable,
)
from vocabquiz.app import create_app
from vocabquiz.settings import Settings

# Cheap password hashes for every app and server the tests start: thousands of sign-ins.
os.environ.setdefault("VOCABQUIZ_PASSWORD_HASH_TIME_COST", "1")
os.environ.setdefault("VOCABQUIZ_PASSWORD_HASH_MEMORY_KIB", "64")


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str | None]:
    """A PostgreSQL database of this run's own, migrated once; None when unreachable."""
    problem = asyncio.run(unreachable())
    if problem is not None:
        if IN_CI:
            pytest.fail(f"production backends unreachable under CI=true: {problem}")
        yield None
        return
    name = f"vq_test_{uuid.uuid4().hex[:12]}"
    try:
        yield asyncio.run(create_database(name))
    finally:
        asyncio.run(drop_database(name))


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
        pytest.skip(UNREACHABLE)
    namespace = f"vqt{uuid.uuid4().hex[:10]}"
    await empty_database(pg_database)
    try:
        yield Backend(
            "production",
            Settings(
                database_url=pg_database,
                redis_url=REDIS_URL,
                redis_namespace=namespace,
                # The shared PostgreSQL's connections go far enough for the apps the tests run
                # at once only without a job worker in each (tests/test_jobs.py runs one).
                serve_runs_jobs=False,
                **common,
            ),
        )
    finally:
        await drop_namespace(namespace)
        await empty_database(pg_database)


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

    async def teacher(self, username: str, password: str = "password123") -> dict[str, str]:
        """A new teacher's headers, the account made by the admin."""
        body = {"username": username, "password": password}
        r = await self.client.post("/api/teachers", json=body, headers=await self.admin())
        assert r.status_code == 201, r.text
        r = await self.client.post("/api/auth/login", json=body)
        assert r.status_code == 200, r.text
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


# --- real servers ---------------------------------------------------------------------------------


@pytest.fixture
def shared_database(pg_database: str | None) -> Iterator[str]:
    """The run's own database on the shared PostgreSQL, emptied before and after the test."""
    if pg_database is None:
        pytest.skip(UNREACHABLE)
    asyncio.run(empty_database(pg_database))
    try:
        yield pg_database
    finally:
        asyncio.run(empty_database(pg_database))


@pytest.fixture
def production_env(shared_database: str) -> Iterator[dict[str, str]]:
    """A server environment on the shared PostgreSQL and Redis, in a Redis namespace of the
    test's own: for tests that start, kill or stop only vocabquiz processes."""
    namespace = f"vqt{uuid.uuid4().hex[:10]}"
    try:
        yield server_env(shared_database, REDIS_URL, namespace)
    finally:
        asyncio.run(drop_namespace(namespace))


@pytest.fixture
async def two_instances(
    production_env: dict[str, str], tmp_path: Path
) -> AsyncIterator[tuple[Instance, Instance]]:
    """Two servers sharing PostgreSQL and Redis, each with a client of its own."""
    logs = [tmp_path / "one.log", tmp_path / "two.log"]
    async with instances(production_env, logs) as (one, two):
        yield one, two


def _missing(what: str) -> None:
    """Skip, or fail under CI=true, when a server binary a test starts is not installed."""
    message = f"{what} is not installed"
    if IN_CI:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
def private_redis(tmp_path: Path) -> Iterator[PrivateRedis]:
    """A Redis of the test's own, which it may stop and start again."""
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
    """A PostgreSQL of the test's own, which it may stop and start again."""
    if not glob.glob(PG_BIN_GLOB):
        _missing(f"PostgreSQL ({PG_BIN_GLOB})")
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        _missing("runuser (to run PostgreSQL as the postgres user)")
    postgres = PrivatePostgres()
    try:
        postgres.init()
        postgres.start()
        yield postgres
    finally:
        postgres.close()
