"""Database engines, the session factory, the model base and migrations."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import DateTime, Dialect, MetaData, event, text
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import (
    AsyncEngine,
    AsyncSession,
    async_sessionmaker,
    create_async_engine,
)
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.pool import QueuePool
from sqlalchemy.types import TypeDecorator

from vocabquiz.observability import metrics
from vocabquiz.replica import Replica
from vocabquiz.settings import Settings

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
MIGRATIONS_DIR = Path(__file__).parent / "migrations"
# Any fixed number: every instance takes the same PostgreSQL advisory lock around migrations.
MIGRATION_LOCK_ID = 7_305_211


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def new_id() -> str:
    return str(uuid.uuid4())


def is_id(value: str) -> bool:
    """Whether a client-given string can be one of our ids; anything else names nothing (and
    PostgreSQL would refuse some, e.g. one holding NUL)."""
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite stores them without an offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


@dataclass
class Database:
    """The engines of one app instance: writes go to `engine`, some reads to a replica."""

    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    replica: Replica | None = None

    def __post_init__(self) -> None:
        self._replica_sessions = (
            async_sessionmaker(self.replica.engine, expire_on_commit=False)
            if self.replica is not None
            else self.sessions
        )

    async def read_session(self) -> AsyncSession:
        """A session for a read that may go to the replica: there once it has caught up with
        the primary (read-your-writes), else on the primary."""
        if self.replica is not None and await self.replica.caught_up():
            return self._replica_sessions()
        return self.sessions()

    async def dispose(self) -> None:
        await self.engine.dispose()
        if self.replica is not None:
            await self.replica.engine.dispose()


def make_engine(url: str, pool_size: int = 10) -> AsyncEngine:
    if url.startswith("sqlite"):
        path = url.split(":///", 1)[1] if ":///" in url else ""
        if path and path != ":memory:":
            _private_file(Path(path))
        engine = create_async_engine(url, connect_args={"timeout": 30})
        _serialize_sqlite_writes(engine)
        return engine
    return create_async_engine(
        url,
        pool_size=pool_size,
        max_overflow=pool_size,
        pool_timeout=10,
        # No ping before each checkout: it is a round trip per request. After a database restart
        # the first request on a dead connection gets a 503, and the whole pool is replaced.
        pool_pre_ping=False,
        connect_args={"timeout": 5, "command_timeout": 15},
    )


def _private_file(path: Path) -> None:
    """The SQLite file (it holds password hashes) readable by its owner only, as the key file:
    created 0600 (SQLite gives its -wal and -shm files the same mode), and tightened if an
    older release left it readable by others."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.exists():
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if file.exists() and file.stat().st_mode & 0o077:
            file.chmod(0o600)


def _serialize_sqlite_writes(engine: AsyncEngine) -> None:
    """SQLite allows one writer: take the write lock when a transaction begins (BEGIN IMMEDIATE)
    so that concurrent transactions wait for each other instead of failing on lock upgrade."""

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


async def report_pool(
    engine: AsyncEngine, others: Callable[[], tuple[int, int]], every_s: float = 1.0
) -> None:
    """Keep the pool gauge current: the primary's connections in use and idle (the engine's and
    `others`, as (in use, idle)), read between requests (inside the pool's own events the
    counts are mid-change)."""
    pool = engine.sync_engine.pool
    while True:
        in_use, idle = others()
        if isinstance(pool, QueuePool):
            in_use, idle = in_use + pool.checkedout(), idle + pool.checkedin()
        metrics.DB_POOL_CONNECTIONS.labels(state="in_use").set(in_use)
        metrics.DB_POOL_CONNECTIONS.labels(state="idle").set(idle)
        await asyncio.sleep(every_s)


def open_database(settings: Settings) -> Database:
    engine = make_engine(settings.database_url, settings.db_pool_size)
    replica = (
        Replica(engine, make_engine(settings.database_read_url, settings.db_pool_size))
        if settings.database_read_url and not settings.is_sqlite
        else None
    )
    return Database(engine, async_sessionmaker(engine, expire_on_commit=False), replica)


def _without_foreign_keys(engine: AsyncEngine) -> None:
    """SQLite changes a table by copying it and dropping the old one, which its foreign keys
    refuse while rows point at it: migrations run with them off (the pragma only takes effect
    outside a transaction, so on connecting), and are checked whole before they commit."""

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=OFF")
        cursor.close()


def _alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


async def migrate(url: str) -> None:
    """Apply pending migrations. On PostgreSQL an advisory lock makes instances that start at
    the same moment take turns; the ones after the first find nothing left to do."""
    engine = make_engine(url, pool_size=1)
    if engine.dialect.name == "sqlite":
        _without_foreign_keys(engine)
    try:
        async with engine.connect() as connection:
            if engine.dialect.name == "postgresql":
                await connection.execute(text(f"SELECT pg_advisory_lock({MIGRATION_LOCK_ID})"))
                await connection.commit()
            try:
                await connection.run_sync(
                    lambda sync: command.upgrade(_alembic_config(sync), "head")
                )
                if engine.dialect.name == "sqlite":
                    broken = (await connection.exec_driver_sql("PRAGMA foreign_key_check")).all()
                    if broken:
                        raise RuntimeError(f"the migrations broke foreign keys: {broken[:5]}")
                await connection.commit()
            finally:
                if engine.dialect.name == "postgresql":
                    await connection.execute(
                        text(f"SELECT pg_advisory_unlock({MIGRATION_LOCK_ID})")
                    )
                    await connection.commit()
    finally:
        await engine.dispose()
