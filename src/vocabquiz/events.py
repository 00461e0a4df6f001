"""The EventBus port: "session X changed", published by whoever changed it and delivered to the
processes that have clients of that session. Redis sharded pub/sub with a channel per session,
which an instance subscribes to while it streams that session (one connection per process, or
per cluster primary); in process otherwise."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

import orjson
import structlog
from redis.asyncio.client import PubSub
from redis.exceptions import ConnectionError, RedisError

from vocabquiz.observability import metrics
from vocabquiz.redis_client import RedisClient, Subscribers

log = structlog.get_logger(__name__)

SUBSCRIBE_TIMEOUT_S = 2
# A subscribed connection quiet for this long is pinged.
PING_AFTER_S = 1.0

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


class _Moved(Exception):
    """The cluster moved a watched channel's slot to another primary."""


@dataclass
class _NodeListener:
    """One subscribed connection (to one cluster primary, or to the one server) and the
    channels it holds."""

    pubsub: PubSub
    # (subscribe or not, channel, the session's code or None for the process's own channel)
    changes: asyncio.Queue[tuple[bool, str, str | None]] = field(default_factory=asyncio.Queue)
    channels: set[str] = field(default_factory=set)
    # Our own unsubscribes whose confirmation has not arrived yet, by channel.
    leaving: Counter[str] = field(default_factory=Counter)


class RedisEventBus:
    def __init__(
        self, redis: RedisClient, namespace: str, subscribers: Subscribers | None = None
    ) -> None:
        self._redis = redis
        self._namespace = namespace
        self._subscribers = subscribers or Subscribers(redis)
        self._handler: Handler | None = None
        self._task: asyncio.Task[None] | None = None
        self._subscribed = asyncio.Event()
        self._watched: set[str] = set()
        # Sessions to (un)watch, applied by the listening task in order.
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
        await self._redis.spublish(channel_of(self._namespace, event.session_code), encode(event))

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
        await self._subscribers.close()

    async def _listen(self) -> None:
        delay = 0.1
        first = True
        while True:
            try:
                await self._listen_once(first)
            except* (RedisError, OSError, _Moved) as group:
                error = str(group.exceptions[0])
                log.warning("event_bus_disconnected", error=error, retry_in_s=delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 2.0)
                first = False
                with contextlib.suppress(RedisError, OSError):  # the next round tries again
                    await self._subscribers.refresh()
            else:
                return

    async def _listen_once(self, first: bool) -> None:
        """Subscribe every watched session on the primary that holds it, then relay messages;
        any connection's failure ends the round, and the next subscribes everything again."""
        nodes: dict[str, _NodeListener] = {}
        while not self._changes.empty():  # all of them are subscribed below
            self._changes.get_nowait()
        async with asyncio.TaskGroup() as group:

            async def place(add: bool, code: str | None) -> None:
                own = f"{self._namespace}:events"
                channel = own if code is None else channel_of(self._namespace, code)
                name, client = await self._subscribers.for_channel(channel)
                node = nodes.get(name)
                if node is None:
                    node = nodes[name] = _NodeListener(client.pubsub())
                    group.create_task(self._relay(node), name=f"event-bus-{name or 'redis'}")
                node.changes.put_nowait((add, channel, code))

            # A channel of the process's own, so that a connection is listening before any
            # session is watched.
            await place(True, None)
            for code in self._watched:
                await place(True, code)
            self._subscribed.set()
            if not first:
                log.info("event_bus_resubscribed")
                self._deliver(Event.now("resync", ""))
            while True:
                add, code = await self._changes.get()
                await place(add, code)

    async def _relay(self, node: _NodeListener) -> None:
        """Deliver one connection's messages, and apply (un)subscriptions as they are asked for
        (within 50 ms)."""
        pubsub = node.pubsub
        task = asyncio.current_task()
        assert task is not None
        loop = asyncio.get_running_loop()
        heard, pinged = loop.time(), False
        try:
            while True:
                while not node.changes.empty():
                    add, channel, code = node.changes.get_nowait()
                    if add:
                        node.channels.add(channel)
                        # Bounded: a primary that has just died would otherwise be retried
                        # for a long while before the next round looks for its successor.
                        async with asyncio.timeout(SUBSCRIBE_TIMEOUT_S):
                            await pubsub.ssubscribe(channel)
                        if code is not None:
                            # A change made before the subscription took effect was not heard.
                            self._deliver(Event.now("leaderboard", code))
                    else:
                        node.channels.discard(channel)
                        node.leaving[channel] += 1
                        await pubsub.sunsubscribe(channel)
                message = await pubsub.get_message(timeout=0.05)
                if task.cancelling():
                    # redis-py's wait for a message can swallow a cancellation: honour it.
                    raise asyncio.CancelledError
                now = loop.time()
                if message is None and not node.channels:
                    heard = now  # nothing subscribed here: nothing to lose
                    continue
                if message is None:
                    # A connection that died unseen (a killed server, a lost network) shows
                    # only when used: ping it when quiet, and give it up when the pong is late.
                    if now - heard > 2 * PING_AFTER_S:
                        raise ConnectionError("no answer to a ping on the event bus")
                    if now - heard > PING_AFTER_S and not pinged:
                        await pubsub.ping()
                        pinged = True
                    continue
                heard, pinged = now, False
                if message["type"] == "smessage":
                    metrics.EVENTS_RECEIVED.inc()
                    self._deliver(decode(message["data"]))
                elif message["type"] == "sunsubscribe":
                    channel = message["channel"].decode()
                    # Ours confirmed (perhaps after the channel was wanted again), or one the
                    # server sends when the channel's slot has moved to another primary.
                    if node.leaving[channel] > 0:
                        node.leaving[channel] -= 1
                        if not node.leaving[channel]:
                            del node.leaving[channel]
                    elif channel in node.channels:
                        raise _Moved(channel)
        finally:
            await pubsub.aclose()  # type: ignore[no-untyped-call]

    def _deliver(self, event: Event) -> None:
        if self._handler is not None:
            try:
                self._handler(event)
            except Exception:
                log.exception("event_handler_failed", kind=event.kind)
