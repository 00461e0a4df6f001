"""What one read of the answer path costs in each way SQLAlchemy can run it, against the raw
driver: the session and participant of a player by code, as `session_and_participant` reads them.

Prints milliseconds per query (pool checkout included) for: the ORM query the service runs, the
same SQL as a `text()` statement, as `text()` without the pool's pre-ping, and as a plain asyncpg
`fetchrow`.

    .venv/bin/python bench/queries.py --rounds 1000

It uses the PostgreSQL database `vocabquiz_bench` at 127.0.0.1:5432 (created and migrated if
missing) and adds one guest, quiz, session and participant to it.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.loadgen import ensure_database

from vocabquiz.auth.models import User
from vocabquiz.db import migrate, open_database
from vocabquiz.quizzes.models import Quiz
from vocabquiz.sessions.codes import new_code
from vocabquiz.sessions.models import Participant, QuizSession
from vocabquiz.sessions.service import session_and_participant
from vocabquiz.settings import Settings

READ = (
    "SELECT s.id, s.status, p.id, p.answered_count FROM sessions s "
    "LEFT JOIN participants p ON p.session_id = s.id AND p.user_id = {user} WHERE s.code = {code}"
)


async def run(rounds: int) -> None:
    url = (await ensure_database("vocabquiz_bench")).replace(
        "postgresql://", "postgresql+asyncpg://"
    )
    await migrate(url)
    database = open_database(Settings(database_url=url, secret_key="q" * 40))
    async with database.sessions() as db:
        user = User(display_name="Bench", role="player", is_guest=True)
        quiz = Quiz(title="Bench")
        db.add_all([user, quiz])
        await db.flush()
        session = QuizSession(code=new_code(), quiz_id=quiz.id)
        db.add(session)
        await db.flush()
        db.add(Participant(session_id=session.id, user_id=user.id, display_name="Bench"))
        await db.commit()
        code, user_id = session.code, user.id
    no_ping = create_async_engine(url, pool_pre_ping=False)
    as_text = text(READ.format(user=":user", code=":code"))

    async def orm() -> None:
        async with database.sessions() as db:
            await session_and_participant(db, code, user_id)

    async def core_text() -> None:
        async with database.engine.connect() as conn:
            await conn.execute(as_text, {"user": user_id, "code": code})

    async def text_without_ping() -> None:
        async with no_ping.connect() as conn:
            await conn.execute(as_text, {"user": user_id, "code": code})

    async def driver() -> None:
        async with database.engine.connect() as conn:
            raw = await conn.get_raw_connection()
            sql = READ.format(user="$2", code="$1")
            await raw.driver_connection.fetchrow(sql, code, user_id)  # type: ignore[union-attr]

    ways: list[tuple[str, Callable[[], Awaitable[None]]]] = [
        ("orm", orm),
        ("text", core_text),
        ("text_no_preping", text_without_ping),
        ("asyncpg", driver),
    ]
    for name, way in ways:
        for _ in range(50):  # warm the pool and the statement caches
            await way()
        start = time.perf_counter()
        for _ in range(rounds):
            await way()
        print(f"{name:16s} {(time.perf_counter() - start) / rounds * 1000:.3f} ms/query")
    await no_ping.dispose()
    await database.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=1000)
    asyncio.run(run(parser.parse_args().rounds))


if __name__ == "__main__":
    main()
