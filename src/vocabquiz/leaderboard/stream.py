"""The event stream of one client: frames from its outbox (pings included), clean ends."""

from __future__ import annotations

from collections.abc import AsyncIterator

from vocabquiz.leaderboard.broadcaster import PING, Broadcaster, Client
from vocabquiz.observability import metrics


async def event_stream(broadcaster: Broadcaster, client: Client) -> AsyncIterator[bytes]:
    # The `finally` runs whether the client leaves, the server stops or the task is cancelled.
    try:
        yield b"retry: 2000\n\n"
        while frames := await client.next_frames():
            for frame in frames:
                yield frame
                if frame is not PING:
                    metrics.SSE_FRAMES_SENT.inc()
    finally:
        broadcaster.disconnect(client)
