"""Whether a teacher's library stays fast in a big school: 1,000 teachers owning 100,000 quizzes
(a tenth of them shared with the school, three questions each) and 20,000 sessions, in a
PostgreSQL database of its own (vocabquiz_libraries, made afresh).

    .venv/bin/python bench/libraries.py

Prints each listing's latency p50 / p99 over sequential requests, beside the floor's (a bare
FastAPI GET, bench/floor_app.py) measured in the same run, and the plan PostgreSQL chooses for
each of a teacher's three quiz lists.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import asyncpg
import httpx
from pwdlib import PasswordHash

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.floor import floor_server
from bench.loadgen import ADMIN, pct, vocabquiz_server

ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PASSWORD = "bench-password"
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)


async def _fresh_database(name: str) -> str:
    conn = await asyncpg.connect(ADMIN_URL)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return f"postgresql://postgres@127.0.0.1:5432/{name}"


async def _seed(url: str, teachers: int, quizzes_each: int) -> None:
    """Rows straight into the tables the server has migrated: COPY, not the API, or seeding
    would take longer than the measuring."""
    hashed = PasswordHash.recommended().hash(PASSWORD)
    conn = await asyncpg.connect(url)
    try:
        users = [
            (str(uuid.uuid4()), f"teacher{t:04d}", f"teacher{t:04d}", f"Teacher {t}", hashed)
            for t in range(teachers)
        ]
        await conn.copy_records_to_table(
            "users",
            records=[(*u, "teacher", False, 0, EPOCH) for u in users],
            columns=[
                "id",
                "username",
                "username_key",
                "display_name",
                "password_hash",
                "role",
                "is_guest",
                "token_version",
                "created_at",
            ],
        )
        quizzes, questions, sessions = [], [], []
        n = 0
        for user_id, *_ in users:
            for _ in range(quizzes_each):
                quiz_id, at = str(uuid.uuid4()), EPOCH + timedelta(seconds=n)
                quizzes.append(
                    (
                        quiz_id,
                        f"Quiz {n}",
                        "",
                        user_id,
                        user_id,
                        n % 10 == 0,
                        at,
                        at,
                        "speed",
                        False,
                    )
                )
                questions += [(str(uuid.uuid4()), quiz_id, i, f"Q{i}?", 20, 1000) for i in range(3)]
                if n % 5 == 0:
                    code = f"{n:06d}"[-6:].translate(str.maketrans("0123456789", "ABCDEFGHJK"))
                    sessions.append(
                        (str(uuid.uuid4()), code, quiz_id, user_id, "closed", at, "speed", False)
                    )
                n += 1
        await conn.copy_records_to_table(
            "quizzes",
            records=quizzes,
            columns=[
                "id",
                "title",
                "description",
                "created_by",
                "owner_id",
                "shared",
                "created_at",
                "updated_at",
                "scoring",
                "streak_bonus",
            ],
        )
        await conn.copy_records_to_table(
            "questions",
            records=questions,
            columns=["id", "quiz_id", "position", "prompt", "time_limit_s", "points"],
        )
        await conn.copy_records_to_table(
            "sessions",
            records=sessions,
            columns=[
                "id",
                "code",
                "quiz_id",
                "opened_by",
                "status",
                "created_at",
                "scoring",
                "streak_bonus",
            ],
        )
        await conn.execute("ANALYZE")
    finally:
        await conn.close()


async def _plans(url: str, teacher: str) -> dict[str, str]:
    """The scan each of a teacher's lists of 50 runs on, from EXPLAIN."""
    conn = await asyncpg.connect(url)
    try:
        user_id = await conn.fetchval("SELECT id FROM users WHERE username_key = $1", teacher)
        wheres = {
            "mine": "owner_id = $1",
            "school": "shared AND $1::text IS NOT NULL",
            "visible": "(owner_id = $1 OR shared)",
        }
        plans = {}
        for scope, where in wheres.items():
            rows = await conn.fetch(
                f"EXPLAIN SELECT id FROM quizzes WHERE {where} "
                "ORDER BY created_at DESC, id DESC LIMIT 50",
                user_id,
            )
            lines = [r[0].strip().removeprefix("->  ") for r in rows]
            plans[scope] = "; ".join(line.split("  (")[0] for line in lines if "cost=" in line)
        return plans
    finally:
        await conn.close()


async def _latencies(url: str, path: str, headers: dict[str, str], rounds: int) -> list[float]:
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=30) as client:
        for _ in range(20):
            (await client.get(path)).raise_for_status()
        took = []
        for _ in range(rounds):
            began = time.perf_counter()
            r = await client.get(path)
            took.append(time.perf_counter() - began)
            r.raise_for_status()
        return took


async def _token(url: str, username: str, password: str) -> dict[str, str]:
    async with httpx.AsyncClient(base_url=url, timeout=30) as client:
        r = await client.post("/api/auth/login", json={"username": username, "password": password})
        r.raise_for_status()
        return {"Authorization": f"Bearer {r.json()['access_token']}"}


async def _measure(database_url: str, url: str, floor_url: str, teacher: str, rounds: int) -> None:
    teacher_headers = await _token(url, teacher, PASSWORD)
    admin = await _token(url, *ADMIN)
    cases = [
        ("floor: bare FastAPI GET", floor_url, "/question", {}),
        ("teacher: my quizzes", url, "/api/quizzes?scope=mine&limit=50", teacher_headers),
        ("teacher: school library", url, "/api/quizzes?scope=school&limit=50", teacher_headers),
        (
            "teacher: school, page 100",
            url,
            "/api/quizzes?scope=school&limit=50&offset=5000",
            teacher_headers,
        ),
        ("teacher: mine and school", url, "/api/quizzes?limit=50", teacher_headers),
        ("teacher: my sessions", url, "/api/sessions?limit=50", teacher_headers),
        ("admin: all quizzes", url, "/api/quizzes?limit=50", admin),
        ("admin: all sessions", url, "/api/sessions?limit=50", admin),
        ("admin: 1,000 teachers", url, "/api/teachers", admin),
    ]
    floor_p50 = 0.0
    print(f"{'request':<28} {'p50 ms':>7} {'p99 ms':>7} {'p50 / floor':>12}")
    for name, base, path, headers in cases:
        took = await _latencies(base, path, headers, rounds)
        p50 = pct(took, 0.5)
        floor_p50 = floor_p50 or p50
        print(f"{name:<28} {p50:>7.2f} {pct(took, 0.99):>7.2f} {p50 / floor_p50:>12.1f}")
    print()
    for scope, plan in (await _plans(database_url, teacher)).items():
        print(f"plan, {scope}: {plan}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--teachers", type=int, default=1000)
    parser.add_argument("--quizzes-each", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=300)
    parser.add_argument("--database", default="vocabquiz_libraries", help="made afresh")
    args = parser.parse_args()
    url = asyncio.run(_fresh_database(args.database))
    with vocabquiz_server(1, {"VOCABQUIZ_DATABASE_URL": url}) as server:
        began = time.perf_counter()
        asyncio.run(_seed(url, args.teachers, args.quizzes_each))
        print(
            f"{args.teachers:,} teachers, {args.teachers * args.quizzes_each:,} quizzes seeded "
            f"in {time.perf_counter() - began:.1f} s"
        )
        with floor_server() as (floor_url, _):
            teacher = f"teacher{args.teachers // 2:04d}"
            asyncio.run(_measure(url, server.url, floor_url, teacher, args.rounds))


if __name__ == "__main__":
    main()
