"""Real `vocabquiz serve` processes on free ports, and a small SSE reader."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import orjson

VOCABQUIZ = str(Path(sys.executable).parent / "vocabquiz")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    """A running `vocabquiz serve` process."""

    url: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path


def wait_until_ok(
    url: str,
    proc: subprocess.Popen[bytes],
    logs: Callable[[], str],
    what: str,
    within: float,
) -> None:
    """Poll `url` until it answers 200; fail with the process' logs if it exits or time runs out."""
    deadline = time.monotonic() + within
    while True:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start: {logs()[-2000:]}")
        time.sleep(0.1)


@contextmanager
def serve(env: dict[str, str], log: Path, workers: int = 1) -> Iterator[str]:
    """Start a server, wait until it answers (bounded), stop it at the end."""
    with server_process(env, log, workers) as server:
        yield server.url


@contextmanager
def server_process(env: dict[str, str], log: Path, workers: int = 1) -> Iterator[Server]:
    """`serve`, giving the process too: for tests that signal or kill it."""
    port = free_port()
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [VOCABQUIZ, "serve", "--port", str(port), "--workers", str(workers)],
            env={**os.environ, **env},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ok(f"{url}/healthz", proc, log.read_text, "server", within=30)
        yield Server(url, port, proc, log)
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def follow(shown: dict[str, Any] | None, frame: dict[str, Any]) -> dict[str, Any]:
    """The standings a client shows after a leaderboard frame, given what it showed before: a
    full frame as it is; a frame of changes applied to the client's own entry as docs/API.md
    says (steps at or before the version shown are skipped; each step takes its participant
    out of the ranking, then puts them back at their new rank)."""
    if "changes" not in frame:
        return frame
    assert shown is not None and frame["since"] <= shown["version"], (shown, frame)
    me = shown["me"]
    for version, participant_id, before, after, data in frame["changes"]:
        if version <= shown["version"] or me is None:
            continue
        if participant_id == me["participant_id"]:
            name, score, answered, correct, streak = data
            me = {
                **me,
                "rank": after,
                "display_name": name,
                "score": score,
                "answered_count": answered,
                "correct_count": correct,
                "streak": streak,
            }
            continue
        rank = me["rank"] - (1 if before is not None and before < me["rank"] else 0)
        me = {**me, "rank": rank + (1 if after <= rank else 0)}
    board = {k: v for k, v in frame.items() if k not in ("changes", "since")}
    return {**board, "me": me}


class EventReader:
    """Collects the events of one SSE stream in the background. Leaderboard events are kept as
    the standings the client shows after each one (full, with `me`: see `follow`); `frames`
    holds them as they came."""

    def __init__(self) -> None:
        self.events: list[tuple[str, dict[str, Any], float]] = []
        self.frames: list[dict[str, Any]] = []
        self.comments = 0
        self.ended = False
        self.changed = asyncio.Event()
        self._shown: dict[str, Any] | None = None

    async def read(self, response: httpx.Response) -> None:
        name, data = "message", ""
        async for line in response.aiter_lines():
            if line.startswith(":"):
                self.comments += 1
            elif line.startswith("event: "):
                name = line[7:]
            elif line.startswith("data: "):
                data = line[6:]
            elif line == "" and data:
                payload = orjson.loads(data)
                if name == "leaderboard":
                    self.frames.append(payload)
                    payload = self._shown = follow(self._shown, payload)
                self.events.append((name, payload, time.monotonic()))
                self.changed.set()
                name, data = "message", ""
        self.ended = True
        self.changed.set()

    def leaderboards(self) -> list[dict[str, Any]]:
        return [d for n, d, _ in self.events if n == "leaderboard"]

    async def wait_for(self, check: Any, within: float = 5.0) -> tuple[str, dict[str, Any], float]:
        deadline = time.monotonic() + within
        while True:
            for event in self.events:
                if check(event[0], event[1]):
                    return event
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise AssertionError(f"no matching event in {within}s; got {self.events[-3:]}")
            self.changed.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), remaining)


@asynccontextmanager
async def stream(
    client: httpx.AsyncClient, url: str, headers: dict[str, str]
) -> AsyncIterator[EventReader]:
    reader = EventReader()
    # The reader is cancelled mid-body at the end; a connection closed with the stream cannot be
    # handed, half read, to the client's next request.
    headers = {**headers, "Connection": "close"}
    async with client.stream("GET", url, headers=headers, timeout=None) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        task = asyncio.create_task(reader.read(response))
        try:
            yield reader
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
