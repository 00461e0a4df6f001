"""Sixty sign-ins at once against a real `vocabquiz serve` at the production password cost
(argon2id, 64 MiB): the process hashes two at a time, so its memory grows by two hashes' worth at
most; the rest wait a moment or get a 503 with Retry-After; and a player answering meanwhile is
not held up by a database pool the sign-ins emptied."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import Api
from tests.servers import server_process
from tests.sessions.game import correct_choice, joined, open_session

pytestmark = pytest.mark.server
MIB = 1024 * 1024
HASH_MIB = 64
SLOTS = 2


def _reset_peak(pid: int) -> None:
    Path(f"/proc/{pid}/clear_refs").write_text("5")  # VmHWM back to the current RSS


def _memory_kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1])
    raise AssertionError(f"no {field} in /proc/{pid}/status")


async def test_concurrent_sign_ins_are_bounded_and_do_not_hold_up_players(
    production_env: dict[str, str], tmp_path: Path
) -> None:
    env = {
        **production_env,
        "VOCABQUIZ_PASSWORD_HASH_TIME_COST": "3",
        "VOCABQUIZ_PASSWORD_HASH_MEMORY_KIB": str(HASH_MIB * 1024),
        "VOCABQUIZ_PASSWORD_HASH_SLOTS": str(SLOTS),
        "VOCABQUIZ_DB_POOL_SIZE": "2",
    }
    with server_process(env, tmp_path / "server.log") as server:
        async with httpx.AsyncClient(base_url=server.url, timeout=30) as client:
            api = Api(client)
            _, code, quiz = await open_session(api, questions=300, time_limit_s=None)
            await api.player("teacher", "right-password")
            player = await joined(api, code, "Busy")
            # A peak of its own memory before the burst, for the burst's peak to be measured.
            _reset_peak(server.process.pid)
            before_kib = _memory_kib(server.process.pid, "VmRSS")
            burst_over = asyncio.Event()
            latencies: list[float] = []

            async def play() -> None:
                while not burst_over.is_set():
                    turn = await client.get(f"/api/sessions/{code}/question", headers=player)
                    assert turn.status_code == 200, turn.text
                    if turn.json()["question"] is None:
                        return  # every question answered
                    qid = turn.json()["question"]["id"]
                    body = {"question_id": qid, "choice_id": correct_choice(quiz, qid)}
                    start = time.perf_counter()
                    r = await client.post(
                        f"/api/sessions/{code}/answers", json=body, headers=player
                    )
                    latencies.append(time.perf_counter() - start)
                    assert r.status_code == 200, r.text

            async def sign_in(i: int) -> httpx.Response:
                password = "right-password" if i % 2 else f"wrong-{i}"
                body = {"username": "teacher", "password": password}
                return await client.post("/api/auth/login", json=body)

            player_task = asyncio.create_task(play())
            try:
                replies = await asyncio.gather(*(sign_in(i) for i in range(60)))
            finally:
                burst_over.set()
                await player_task
            peak_kib = _memory_kib(server.process.pid, "VmHWM")

    statuses = sorted({r.status_code for r in replies})
    busy = [r for r in replies if r.status_code == 503]
    latencies.sort()
    p99 = latencies[int(len(latencies) * 0.99)]
    print(
        f"\nsign-ins: {[r.status_code for r in replies].count(200)} x 200, "
        f"{[r.status_code for r in replies].count(401)} x 401, {len(busy)} x 503; "
        f"RSS {before_kib // 1024} -> peak {peak_kib // 1024} MiB; "
        f"{len(latencies)} answers meanwhile, p99 {p99 * 1000:.0f} ms"
    )
    assert set(statuses) <= {200, 401, 503} and 200 in statuses
    assert all(r.headers.get("Retry-After") and "sign-ins" in r.json()["detail"] for r in busy)
    # Two hashes' memory at most, and a little for the threads and requests around them.
    assert (peak_kib - before_kib) * 1024 <= (SLOTS * HASH_MIB + 40) * MIB
    # The player's answers all went through: no pool the sign-ins were holding.
    assert len(latencies) >= 5 and p99 < 1.0
