"""The EventBus port: "session X changed", published by whoever changed it and delivered to the
processes that have clients of that session. Redis pub/sub with a channel per session, which
an instance subscribes to while it streams that session (one connection per process); in
process otherwise."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal, Protocol

import orjson
import structlog
from redis.asyncio import Redis
from redis.asyncio.client import PubSub
from redis.exceptions import RedisError

from vocabquiz.observability import metrics

log = structlog.get_logger(__name__)

EventKind = Literal["leaderboard", "session", "live", "removed", "resync"]


@dataclass(frozen=True, slots=True)
class Event:
    kind: EventKind
    session_code: str
    # Wall-clock time of publishing, for the publish-to-frame latency metric.
    published_at: float
    # What a client must hear as it was at that moment (a live session's new phase); most
    # events carry nothing, and their readers read what is current.
    data: dict[str, object] | None = None

    @classmethod
    def now(
        cls, kind: EventKind, session_code: str, data: dict[str, object] | None = None
    ) -> Event:
        return cls(kind, session_code, time.time(), data)


Handler = Callable[[Event], None]


def encode(event: Event) -> bytes:
    fields = [event.kind, event.session_code, event.published_at]
    return orjson.dumps(fields if event.data is None else [*fields, event.data])


def decode(data: bytes) -> Event:
    kind, code, published_at, *rest = orjson.loads(data)
    return Event(kind, code, published_at, rest[0] if rest else None)


def channel_of(namespace: str, session_code: str) -> str:
    """The Redis channel of one session's events; the hash tag keeps it with the session's keys
    on Redis Cluster."""
    return f"{namespace}:events:{{{session_code}}}"


class EventBus(Protocol):
    def subscribe(self, handler: Handler) -> None:
        """Set the one handler of this process; it must not block."""

    def watch(self, session_code: str) -> None:
        """Deliver this session's events from now on (this process streams it)."""

    def unwatch(self, session_code: str) -> None: ...

    async def publish(self, event: Event) -> None: ...

    async def start(self) -> None: ...

    async def close(self) -> None: ...


class MemoryEventBus:
    def __init__(self) -> None:
        self._handler: Handler | None = None

    def subscribe(self, handler: Handler) -> None:
        self._handler = handler

    def watch(self, session_code: str) -> None:
        pass  # one process: it hears everything

    def unwatch(self, session_code: str) -> None:
        pass

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
        self._namespace = namespace
        self._handler: Handler | None = None
        self._task: asyncio.Task[None] | None = None
        self._subscribed = asyncio.Event()
        self._watched: set[str] = set()
        # Channels to (un)subscribe, applied by the listening task in order.
        self._changes: asyncio.Queue[tuple[bool, str]] = asyncio.Queue()

    def subscribe(self, handler: Handler) -> None:
        self._handler = handler

    def watch(self, session_code: str) -> None:
        if session_code not in self._watched:
            self._watched.add(session_code)
            self._changes.put_nowait((True, session_code))

    def unwatch(self, session_code: str) -> None:
        if session_code in self._watched:
            self._watched.discard(session_code)
            self._changes.put_nowait((False, session_code))

    async def publish(self, event: Event) -> None:
        await self._redis.publish(channel_of(self._namespace, event.session_code), encode(event))

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
                # A channel of the process's own, so that the connection is in subscribed mode
                # (and listening) before any session is watched.
                await pubsub.subscribe(f"{self._namespace}:events")
                for code in self._watched:
                    await pubsub.subscribe(channel_of(self._namespace, code))
                self._subscribed.set()
                if not first:
                    log.info("event_bus_resubscribed")
                    self._deliver(Event.now("resync", ""))
                first, delay = False, 0.1
                await self._relay(pubsub)
            except (RedisError, OSError) as exc:
                log.warning("event_bus_disconnected", error=str(exc), retry_in_s=delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)
            finally:
                await pubsub.aclose()  # type: ignore[no-untyped-call]

    async def _relay(self, pubsub: PubSub) -> None:
        """Deliver messages, and apply (un)subscriptions as they are asked for (within 50 ms)."""
        while True:
            while not self._changes.empty():
                add, code = self._changes.get_nowait()
                name = channel_of(self._namespace, code)
                if add:
                    await pubsub.subscribe(name)
                    # A change made before the subscription took effect was not heard: look.
                    self._deliver(Event.now("leaderboard", code))
                else:
                    await pubsub.unsubscribe(name)
            message = await pubsub.get_message(timeout=0.05)
            if message is not None and message["type"] == "message":
                metrics.EVENTS_RECEIVED.inc()
                self._deliver(decode(message["data"]))

    def _deliver(self, event: Event) -> None:
        if self._handler is not None:
            try:
                self._handler(event)
            except Exception:
                log.exception("event_handler_failed", kind=event.kind)
