"""Fixtures of the fault tests: private PostgreSQL and Redis servers for the tests that stop them,
the shared ones (each test in its own Redis namespace) for the tests that only hurt vocabquiz."""

from __future__ import annotations

import glob
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import IN_CI
from tests.faults.backends import PrivatePostgres, PrivateRedis


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
