"""Migration 0007 on a database from before teachers: what there is stays the admin's who wrote
it; the role rule takes teachers; down and up again."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection

from tests.servers import IN_CI, create_database, drop_database, unreachable
from vocabquiz.db import _alembic_config, _without_foreign_keys, make_engine, migrate

BEFORE_TEACHERS = [
    "INSERT INTO users (id, username, username_key, display_name, password_hash, role, is_guest, "
    "token_version, created_at) VALUES ('u-admin', 'Boss', 'boss', 'Boss', 'x', 'admin', false, 0, "
    "CURRENT_TIMESTAMP)",
    "INSERT INTO quizzes (id, title, description, created_by, created_at, updated_at, scoring, "
    "streak_bonus) VALUES ('q-1', 'Old words', '', 'u-admin', CURRENT_TIMESTAMP, "
    "CURRENT_TIMESTAMP, 'speed', false)",
    "INSERT INTO quizzes (id, title, description, created_by, created_at, updated_at, scoring, "
    "streak_bonus) VALUES ('q-2', 'Nobody''s', '', NULL, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, "
    "'speed', false)",
    "INSERT INTO sessions (id, code, quiz_id, status, created_at, scoring, streak_bonus, mode, "
    "phase_version, roster_changes) VALUES ('s-1', 'K7QX2M', 'q-1', 'closed', CURRENT_TIMESTAMP, "
    "'speed', false, 'self_paced', 0, 0)",
]


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path}/old.db"
        return
    problem = await unreachable()
    if problem is not None:
        if IN_CI:
            pytest.fail(f"PostgreSQL unreachable under CI=true: {problem}")
        pytest.skip(problem)
    name = f"vq_migration_{uuid.uuid4().hex[:10]}"
    url = await create_database(name)
    try:
        yield url.replace("postgresql://", "postgresql+asyncpg://", 1)
    finally:
        await drop_database(name)


async def _to(conn: AsyncConnection, revision: str, down: bool = False) -> None:
    step = command.downgrade if down else command.upgrade
    await conn.run_sync(lambda sync: step(_alembic_config(sync), revision))
    await conn.commit()


async def test_what_was_there_belongs_to_its_admin_and_teachers_fit(database_url: str) -> None:
    engine = make_engine(database_url, pool_size=1)
    if engine.dialect.name == "sqlite":
        _without_foreign_keys(engine)  # as migrate() runs them
    try:
        async with engine.connect() as conn:
            await _to(conn, "0006")
            for statement in BEFORE_TEACHERS:
                await conn.execute(text(statement))
            await conn.commit()
        await migrate(database_url)  # the way `vocabquiz serve` upgrades
        async with engine.connect() as conn:
            owners = (
                await conn.execute(text("SELECT id, owner_id, shared FROM quizzes ORDER BY id"))
            ).all()
            assert [tuple(row) for row in owners] == [
                ("q-1", "u-admin", False),
                ("q-2", None, False),
            ]
            opened = await conn.scalar(text("SELECT opened_by FROM sessions WHERE id = 's-1'"))
            assert opened == "u-admin"
            await conn.execute(
                text(
                    "INSERT INTO users (id, display_name, role, is_guest, token_version, "
                    "created_at) VALUES ('u-t', 'Lan', 'teacher', false, 0, CURRENT_TIMESTAMP)"
                )
            )
            await conn.commit()
            with pytest.raises(IntegrityError):
                await conn.execute(
                    text(
                        "INSERT INTO users (id, display_name, role, is_guest, token_version, "
                        "created_at) VALUES ('u-x', 'X', 'boss', false, 0, CURRENT_TIMESTAMP)"
                    )
                )
            await conn.rollback()
            # Down: a teacher becomes a player, never an admin; and up again.
            await _to(conn, "0006", down=True)
            role = await conn.scalar(text("SELECT role FROM users WHERE id = 'u-t'"))
            assert role == "player"
            await _to(conn, "head")
            assert (
                await conn.scalar(text("SELECT owner_id FROM quizzes WHERE id = 'q-1'"))
                == "u-admin"
            )
    finally:
        await engine.dispose()
