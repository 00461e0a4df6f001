"""The EventBus port: "session X changed", published by whoever changed it and delivered to every
process. Redis pub/sub across instances (one subscription per process); in-process otherwise."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

import orjson
import structlog
from redis.asyncio import Redis
from redis.exceptions import RedisError

log = structlog.get_logger(__name__)

EventKind = Literal["leaderboard", "session", "resync"]


@dataclass(frozen=True, slots=True)
class Event:
    kind: EventKind
    session_code: str
    # Wall-clock time of publishing, for the publish-to-frame latency metric.
    published_at: float

    @classmethod
    def now(cls, kind: EventKind, session_code: str) -> Event:
        return cls(kind, session_code, time.time())


Handler = Callable[[Event], None]


def encode(event: Event) -> bytes:
    return orjson.dumps([event.kind, event.session_code, event.published_at])


def decode(data: bytes) -> Event:
    kind, code, published_at = orjson.loads(data)
    return Event(kind, code, published_at)


def channel(namespace: str) -> str:
    """The Redis channel of every instance's events."""
    return f"{namespace}:events"


class EventBus(Protocol):
    def subscribe(self, handler: Handler) -> None:
        """Set the one handler of this process; it must not block."""

    async def publish(self, event: Event) -> None: ...

    async def start(self) -> None: ...

    async def close(self) -> None: ...


class MemoryEventBus:
    def __init__(self) -> None:
        self._handler: Handler | None = None

    def subscribe(self, handler: Handler) -> None:
        self._handler = handler

    def deliver(self, event: Event) -> None:
        if self._handler is not None:
            self._handler(event)

    async def publish(self, event: Event) -> None:
        self.deliver(event)

    async def start(self) -> None:
        pass

    async def close(self) -> None:
        pass


class RedisEventBus:
    def __init__(self, redis: Redis, namespace: str) -> None:
        self._redis = redis
        self._channel = channel(namespace)
        self._handler: Handler | None = None
        self._task: asyncio.Task[None] | None = None
        self._subscribed = asyncio.Event()

    def subscribe(self, handler: Handler) -> None:
        self._handler = handler

    async def publish(self, event: Event) -> None:
        await self._redis.publish(self._channel, encode(event))

    async def start(self) -> None:
        self._task = asyncio.create_task(self._listen(), name="event-bus")
        # Wait briefly so that events published right after start-up are not missed.
        try:
            await asyncio.wait_for(self._subscribed.wait(), timeout=5)
        except TimeoutError:
            log.warning("event_bus_not_subscribed_yet")

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def _listen(self) -> None:
        delay = 0.1
        first = True
        while True:
            pubsub = self._redis.pubsub(ignore_subscribe_messages=True)
            try:
                await pubsub.subscribe(self._channel)
                self._subscribed.set()
                if not first:
                    log.info("event_bus_resubscribed")
                    self._deliver(Event.now("resync", ""))
                first, delay = False, 0.1
                async for message in pubsub.listen():
                    if message["type"] == "message":
                        self._deliver(decode(message["data"]))
            except (RedisError, OSError) as exc:
                log.warning("event_bus_disconnected", error=str(exc), retry_in_s=delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)
            finally:
                await pubsub.aclose()  # type: ignore[no-untyped-call]

    def _deliver(self, event: Event) -> None:
        if self._handler is None:
            return
        try:
            self._handler(event)
        except Exception:
            log.exception("event_handler_failed", kind=event.kind)
