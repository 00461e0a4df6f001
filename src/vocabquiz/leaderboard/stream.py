"""The event stream of one client: frames from its outbox, a ping when idle, clean ends."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

from vocabquiz.leaderboard.broadcaster import Broadcaster, Client
from vocabquiz.observability import metrics

PING = b": ping\n\n"


async def event_stream(
    broadcaster: Broadcaster, client: Client, ping_interval_s: float
) -> AsyncIterator[bytes]:
    # The `finally` runs whether the client leaves, the server stops or the task is cancelled.
    try:
        yield b"retry: 2000\n\n"
        while not client.closed:
            try:
                # asyncio.timeout, not wait_for: wait_for makes a task per wait, per frame.
                async with asyncio.timeout(ping_interval_s):
                    await client.wake.wait()
            except TimeoutError:
                yield PING
                continue
            for frame in client.take():
                yield frame
                metrics.SSE_FRAMES_SENT.inc()
    finally:
        broadcaster.disconnect(client)
