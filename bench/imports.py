"""What a long word-list import costs the requests served meanwhile: a 2,000-row list (4,000
questions) imported while a probe asks GET /api/sessions/{code}/leaderboard every 10 ms, three
ways: in the request (the threshold above the list), by a job in the serving process, and by a
job on a `vocabquiz worker` of its own (the server leaves jobs to it).

    .venv/bin/python bench/imports.py

Prints, for each: the import's time from request to questions in the quiz, and the probe's
latency p50 / p99 / max while it ran, beside the probe's p99 with no import (the same run).
PostgreSQL (database vocabquiz_bench) and Redis at 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.loadgen import ADMIN, SECRET_KEY, ensure_database, pct, vocabquiz_server
from tests.servers import VOCABQUIZ, start, stop

ROWS = 2000
LIST = ("word,meaning\n" + "".join(f"word{i},meaning number {i}\n" for i in range(ROWS))).encode()


async def _probe(client: httpx.AsyncClient, path: str, until: asyncio.Event) -> list[float]:
    latencies = []
    while not until.is_set():
        began = time.perf_counter()
        r = await client.get(path)
        latencies.append(time.perf_counter() - began)
        assert r.status_code == 200, r.text
        await asyncio.sleep(0.01)
    return latencies


async def _run(url: str) -> tuple[float, list[float], list[float]]:
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:
        r = await client.post("/api/auth/login", json={"username": ADMIN[0], "password": ADMIN[1]})
        admin = {"Authorization": f"Bearer {r.json()['access_token']}"}
        client.headers.update(admin)
        quiz = (await client.post("/api/quizzes", json={"title": "Big"})).json()
        other = (
            await client.post(
                "/api/quizzes",
                json={
                    "title": "Playing",
                    "questions": [
                        {
                            "prompt": "?",
                            "choices": [
                                {"text": "a", "correct": True},
                                {"text": "b", "correct": False},
                            ],
                        }
                    ],
                },
            )
        ).json()
        code = (await client.post(f"/api/quizzes/{other['id']}/sessions")).json()["code"]
        path = f"/api/sessions/{code}/leaderboard"
        quiet_done = asyncio.Event()
        quiet = asyncio.create_task(_probe(client, path, quiet_done))
        await asyncio.sleep(2)
        quiet_done.set()
        done = asyncio.Event()
        probing = asyncio.create_task(_probe(client, path, done))
        began = time.perf_counter()
        r = await client.post(
            f"/api/quizzes/{quiz['id']}/import?direction=both",
            content=LIST,
            headers={"Content-Type": "text/csv"},
        )
        assert r.status_code in (201, 202), r.text
        if r.status_code == 202:
            job = f"/api/jobs/{r.json()['id']}"
            while (await client.get(job)).json()["status"] != "done":  # noqa: ASYNC110
                await asyncio.sleep(0.05)
        took = time.perf_counter() - began
        done.set()
        stored = (await client.get(f"/api/quizzes/{quiz['id']}")).json()
        assert len(stored["questions"]) == 2 * ROWS
        return took, await quiet, await probing


def main() -> None:
    modes = {
        "in the request": {"VOCABQUIZ_IMPORT_BACKGROUND_ROWS": "4000"},
        "job, serving process": {},
        "job, own worker": {"VOCABQUIZ_SERVE_RUNS_JOBS": "false"},
    }
    print(
        f"{'import of 4,000 questions':<24} {'took s':>7} {'quiet p99':>10} "
        f"{'p50 ms':>7} {'p99 ms':>7} {'max ms':>7}"
    )
    for name, extra in modes.items():
        worker = None
        with vocabquiz_server(1, extra) as server:
            if name == "job, own worker":
                env = {
                    "VOCABQUIZ_DATABASE_URL": asyncio.run(ensure_database("vocabquiz_bench")),
                    "VOCABQUIZ_SECRET_KEY": SECRET_KEY,
                    "VOCABQUIZ_LOG_LEVEL": "WARNING",
                }
                worker = start([VOCABQUIZ, "worker"], Path("var/bench-worker.log"), env)
            try:
                took, quiet, busy = asyncio.run(_run(server.url))
            finally:
                if worker is not None:
                    stop(worker)
        print(
            f"{name:<24} {took:>7.2f} {pct(quiet, 0.99):>10.1f} {pct(busy, 0.5):>7.1f} "
            f"{pct(busy, 0.99):>7.1f} {max(busy) * 1000:>7.1f}"
        )


if __name__ == "__main__":
    main()
