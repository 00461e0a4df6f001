"""A live question the way a class answers it: the host starts it and every player answers
within `--window` seconds (everyone at once, Kahoot's real load). On PostgreSQL + Redis, one
worker and then two. Prints the answers accepted, submit p50/p99, and, for a second question
that a few players leave unanswered so that it ends at its deadline, the time from the deadline
to the reveal's frame reaching the last player's event stream.

    python bench/live.py --players 1000 --window 2
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import httpx
import orjson
import uvloop

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.loadgen import (
    ADMIN,
    PlayerConnection,
    bulk_guests,
    pct,
    sse_request,
    vocabquiz_server,
)
from tests.servers import Server


async def _open(
    client: httpx.AsyncClient, time_limit_s: int
) -> tuple[str, dict[str, str], dict[str, str]]:
    r = await client.post("/api/auth/login", json={"username": ADMIN[0], "password": ADMIN[1]})
    admin = {"Authorization": f"Bearer {r.json()['access_token']}"}
    questions = [
        {
            "prompt": f"Word {i}?",
            "choices": [{"text": "right", "correct": True}, {"text": "wrong", "correct": False}],
            "time_limit_s": time_limit_s,
        }
        for i in range(3)
    ]
    r = await client.post(
        "/api/quizzes", json={"title": "Live bench", "questions": questions}, headers=admin
    )
    quiz = r.json()
    right = {q["id"]: q["choices"][0]["id"] for q in quiz["questions"]}
    r = await client.post(
        f"/api/quizzes/{quiz['id']}/sessions", json={"mode": "live"}, headers=admin
    )
    return r.json()["code"], admin, right


class RevealWatcher(asyncio.Protocol):
    """One player's event stream, on a raw socket: when the reveal of a phase version came."""

    def __init__(self, version: int, all_seen: asyncio.Event, watchers: list[RevealWatcher]):
        self.version = version
        self.seen_at: float | None = None
        self._buffer = b""
        self._all_seen, self._watchers = all_seen, watchers

    def data_received(self, data: bytes) -> None:
        if self.seen_at is not None:
            return
        self._buffer += data
        marker = b'"phase":"reveal","phase_version":%d' % self.version
        if marker in self._buffer:
            self.seen_at = time.monotonic()
            self._buffer = b""
            if all(w.seen_at for w in self._watchers):
                self._all_seen.set()
        else:
            self._buffer = self._buffer[-200:]


async def _watch(
    port: int, code: str, tokens: list[str], version: int, all_seen: asyncio.Event
) -> list[RevealWatcher]:
    loop = asyncio.get_running_loop()
    watchers: list[RevealWatcher] = []
    for token in tokens:
        watcher = RevealWatcher(version, all_seen, watchers)
        transport, _ = await loop.create_connection(lambda w=watcher: w, "127.0.0.1", port)
        transport.write(sse_request(port, f"/api/sessions/{code}/events", token))
        watchers.append(watcher)
    return watchers


async def _act(client: httpx.AsyncClient, code: str, admin: dict[str, str], action: str) -> dict:
    version = (await client.get(f"/api/sessions/{code}/live", headers=admin)).json()[
        "phase_version"
    ]
    r = await client.post(
        f"/api/sessions/{code}/live/{action}", json={"phase_version": version}, headers=admin
    )
    r.raise_for_status()
    return dict(r.json())


@dataclass
class Answered:
    reads: list[float] = field(default_factory=list)
    submits: list[float] = field(default_factory=list)
    accepted: int = 0
    last_at: float = 0.0


async def _answer_all(
    url: str, code: str, tokens: list[str], question_id: str, choice_id: str, window: float
) -> Answered:
    """Each player does what the app does when a question starts: reads the live state (within
    the first 0.3 s, as their streams tell them), then answers at a random moment of `window`."""
    connections = [await PlayerConnection.open(url) for _ in tokens]
    body = orjson.dumps({"question_id": question_id, "choice_id": choice_id})
    done = Answered()
    began = time.monotonic()

    async def one(connection: PlayerConnection, token: str) -> None:
        await asyncio.sleep(random.uniform(0, 0.3))
        start = time.monotonic()
        status, _ = await connection.request("GET", f"/api/sessions/{code}/live", token)
        done.reads.append(time.monotonic() - start)
        await asyncio.sleep(max(0.0, began + random.uniform(0, window) - time.monotonic()))
        start = time.monotonic()
        status, _ = await connection.request(
            "POST", f"/api/sessions/{code}/live/answers", token, body
        )
        done.submits.append(time.monotonic() - start)
        if status == 200:
            done.accepted += 1
            done.last_at = max(done.last_at, time.monotonic())

    await asyncio.gather(*(one(c, t) for c, t in zip(connections, tokens, strict=True)))
    for connection in connections:
        connection.close()
    return done


async def _phase_reached(
    client: httpx.AsyncClient, code: str, admin: dict[str, str], phase: str
) -> float:
    """When the host's screen first reads `phase` (polled every 10 ms, for at most 15 s)."""
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        r = await client.get(f"/api/sessions/{code}/live", headers=admin)
        if r.json()["phase"] == phase:
            return time.monotonic()
        await asyncio.sleep(0.01)
    raise RuntimeError(f"the session never reached {phase}")


async def run(server: Server, workers: int, players: int, window: float, time_limit_s: int) -> None:
    async with httpx.AsyncClient(base_url=server.url, timeout=60) as client:
        code, admin, right = await _open(client, time_limit_s)
        tokens = await bulk_guests(players, [code])
        # Question 1: everyone answers within the window; the last answer ends it.
        started = await _act(client, code, admin, "start")
        qid = started["question"]["id"]
        done = await _answer_all(server.url, code, tokens, qid, right[qid], window)
        revealed_at = await _phase_reached(client, code, admin, "reveal")
        print(
            f"workers={workers} players={players} window={window}s: "
            f"accepted={done.accepted}/{players} "
            f"read p50={pct(done.reads, 0.5):.0f} ms p99={pct(done.reads, 0.99):.0f} ms, "
            f"submit p50={pct(done.submits, 0.5):.0f} ms p99={pct(done.submits, 0.99):.0f} ms, "
            f"last answer -> reveal {(revealed_at - done.last_at) * 1000:.0f} ms"
        )
        # Question 2: all but 1% answer; it ends at its deadline.
        nxt = await _act(client, code, admin, "next")
        qid, version = nxt["question"]["id"], nxt["phase_version"] + 1
        port = int(server.url.rsplit(":", 1)[1])
        all_seen = asyncio.Event()
        watchers = await _watch(port, code, tokens, version, all_seen)
        answering = tokens[: players - max(1, players // 100)]
        await _answer_all(server.url, code, answering, qid, right[qid], window)
        deadline = datetime.fromisoformat(nxt["deadline"]).timestamp()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(all_seen.wait(), deadline + 10 - time.time())
        # The deadline on this process's monotonic clock.
        offset = time.monotonic() - time.time()
        last = max(w.seen_at or float("inf") for w in watchers)
        reached = sum(w.seen_at is not None for w in watchers)
        print(
            f"workers={workers}: deadline -> reveal on the last of {reached}/{players} "
            f"streams: {(last - (deadline + offset)) * 1000:.0f} ms"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--players", type=int, default=1000)
    parser.add_argument("--window", type=float, default=2.0)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--time-limit", type=int, default=10, help="seconds per question, 5-300")
    args = parser.parse_args()
    for workers in args.workers:
        with vocabquiz_server(workers) as server:
            uvloop.run(run(server, workers, args.players, args.window, args.time_limit))


if __name__ == "__main__":
    main()
