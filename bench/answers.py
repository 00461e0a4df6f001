"""Answers benchmark: N players answer as fast as they can while M SSE watchers listen.

Prints answers/s, submit latency p50/p99 and submit-to-visible latency p50/p99 (from an answer's
200 to the first frame, on a watcher, that includes it).

    .venv/bin/python bench/answers.py --players 50 --watchers 20 --seconds 20

Without --url it starts `vocabquiz serve` itself on the production backends: PostgreSQL database
`vocabquiz_bench` (created if missing) at 127.0.0.1:5432 and Redis at 127.0.0.1:6379.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import time
import uuid
from pathlib import Path

import asyncpg
import httpx
import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.live import serve

ADMIN = ("benchadmin", "bench-password")


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


async def ensure_database(name: str) -> str:
    conn = await asyncpg.connect("postgresql://postgres@127.0.0.1:5432/postgres")
    if not await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name):
        await conn.execute(f'CREATE DATABASE "{name}"')
    await conn.close()
    return f"postgresql://postgres@127.0.0.1:5432/{name}"


async def watch(client: httpx.AsyncClient, url: str, headers: dict[str, str], seen: dict) -> None:
    """Record when each (participant, answered_count) first shows up in a frame."""
    data = ""
    async with client.stream("GET", url, headers=headers, timeout=None) as response:
        async for line in response.aiter_lines():
            if line.startswith("data: "):
                data = line[6:]
            elif line == "" and data:
                now = time.perf_counter()
                board = orjson.loads(data)
                for entry in board.get("entries", []):
                    key = (entry["participant_id"], entry["answered_count"])
                    seen.setdefault(key, now)
                data = ""


async def cpu_seconds(client: httpx.AsyncClient) -> float:
    """The server's CPU time so far (NaN with several workers: they do not report it)."""
    text = (await client.get("/metrics")).text
    for line in text.splitlines():
        if line.startswith("process_cpu_seconds_total "):
            return float(line.split()[1])
    return float("nan")


async def run(url: str, players: int, watchers: int, seconds: float) -> None:
    limits = httpx.Limits(max_connections=players + watchers + 10)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:
        r = await client.post("/api/auth/login", json={"username": ADMIN[0], "password": ADMIN[1]})
        admin = {"Authorization": f"Bearer {r.json()['access_token']}"}
        questions = [
            {
                "prompt": f"Word {i}?",
                "choices": [
                    {"text": "right", "correct": True},
                    {"text": "wrong", "correct": False},
                ],
                "time_limit_s": None,
            }
            for i in range(1000)
        ]
        quiz = (
            await client.post(
                "/api/quizzes", json={"title": "Bench", "questions": questions}, headers=admin
            )
        ).json()
        right = {q["id"]: q["choices"][0]["id"] for q in quiz["questions"]}
        code = (await client.post(f"/api/quizzes/{quiz['id']}/sessions", headers=admin)).json()[
            "code"
        ]
        heads, pids = [], []
        for i in range(players):
            token = (await client.post("/api/auth/guest", json={"display_name": f"P{i}"})).json()[
                "access_token"
            ]
            h = {"Authorization": f"Bearer {token}"}
            pids.append((await client.post(f"/api/sessions/{code}/join", headers=h)).json()["id"])
            heads.append(h)
        seen: dict[tuple[str, int], float] = {}
        watch_tasks = [
            asyncio.create_task(
                watch(
                    client,
                    f"/api/sessions/{code}/events?limit=100",
                    heads[i % players],
                    seen if i == 0 else {},
                )
            )
            for i in range(watchers)
        ]
        await asyncio.sleep(1)
        submits: list[float] = []
        done: list[tuple[str, int, float]] = []
        stop = time.perf_counter() + seconds

        async def play(h: dict[str, str], pid: str) -> None:
            count = 0
            while time.perf_counter() < stop:
                turn = (await client.get(f"/api/sessions/{code}/question", headers=h)).json()
                if turn["finished"]:
                    return
                qid = turn["question"]["id"]
                start = time.perf_counter()
                r = await client.post(
                    f"/api/sessions/{code}/answers",
                    json={"question_id": qid, "choice_id": right[qid]},
                    headers=h,
                )
                end = time.perf_counter()
                assert r.status_code == 200, r.text
                count += 1
                submits.append(end - start)
                done.append((pid, count, end))

        server_cpu = await cpu_seconds(client)
        began, own_cpu = time.perf_counter(), time.process_time()
        await asyncio.gather(*(play(h, pid) for h, pid in zip(heads, pids, strict=True)))
        elapsed, own_cpu = time.perf_counter() - began, time.process_time() - own_cpu
        server_cpu = await cpu_seconds(client) - server_cpu
        await asyncio.sleep(1)
        for task in watch_tasks:
            task.cancel()
        await asyncio.gather(*watch_tasks, return_exceptions=True)
    visible = [seen[(pid, n)] - t for pid, n, t in done if (pid, n) in seen]
    print(f"players={players} watchers={watchers} seconds={elapsed:.1f}")
    print(f"answers={len(submits)} answers_per_s={len(submits) / elapsed:.0f}")
    print(f"submit_ms p50={pct(submits, 0.5):.1f} p99={pct(submits, 0.99):.1f}")
    print(f"visible_ms p50={pct(visible, 0.5):.1f} p99={pct(visible, 0.99):.1f}")
    print(f"answers_seen_on_a_watcher={len(visible)}")
    # The load generator must not be the bottleneck: its CPU beside the server's.
    print(
        f"cpu_share loadgen={own_cpu / elapsed:.2f} server={server_cpu / elapsed:.2f}"
        " (1.0 = one core)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", help="a running server (with admin benchadmin / bench-password)")
    parser.add_argument("--players", type=int, default=50)
    parser.add_argument("--watchers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=1, help="worker processes of the server")
    args = parser.parse_args()
    if args.players > 100:
        parser.error("--players at most 100: every player must fit in a watcher's frame")
    if args.url:
        asyncio.run(run(args.url, args.players, args.watchers, args.seconds))
        return
    database = asyncio.run(ensure_database("vocabquiz_bench"))
    env = {
        "VOCABQUIZ_DATABASE_URL": database,
        "VOCABQUIZ_REDIS_URL": "redis://127.0.0.1:6379/0",
        "VOCABQUIZ_REDIS_NAMESPACE": f"bench{uuid.uuid4().hex[:8]}",
        "VOCABQUIZ_SECRET_KEY": "bench-secret-key-bench-secret-key-0123456789",
        "VOCABQUIZ_ADMIN_USERNAME": ADMIN[0],
        "VOCABQUIZ_ADMIN_PASSWORD": ADMIN[1],
        "VOCABQUIZ_LOG_LEVEL": "WARNING",
        "VOCABQUIZ_RATE_LIMITS": "off",
    }
    with contextlib.ExitStack() as stack:
        url = stack.enter_context(serve(env, Path("var/bench-server.log"), args.workers))
        asyncio.run(run(url, args.players, args.watchers, args.seconds))


if __name__ == "__main__":
    main()
