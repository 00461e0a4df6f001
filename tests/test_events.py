"""The EventBus port's own rules: events carry their data, a process hears the sessions it
watches and no others, a watch looks once at what changed before it took effect, and a lost
subscription is followed by a resync. Redis is the machine's, in a namespace of this test's own."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator, Callable

import pytest
from redis.asyncio import Redis

from tests.servers import IN_CI, REDIS_URL
from vocabquiz.events import Event, MemoryEventBus, RedisEventBus, decode, encode


def test_an_event_round_trips_with_and_without_its_data() -> None:
    plain = Event.now("leaderboard", "ABC123")
    phase = Event.now("live", "ABC123", {"phase": "reveal", "phase_version": 4})
    assert decode(encode(plain)) == plain
    assert decode(encode(phase)) == phase


async def test_the_memory_bus_hands_every_event_to_its_handler() -> None:
    bus = MemoryEventBus()
    heard: list[Event] = []
    await bus.publish(Event.now("session", "NOBODY"))  # no handler yet: nothing to hand it to
    bus.subscribe(heard.append)
    event = Event.now("removed", "ABC123", {"participant_id": "p"})
    await bus.publish(event)
    assert heard == [event]


class _Heard:
    def __init__(self) -> None:
        self.events: list[Event] = []
        self._changed = asyncio.Event()

    def __call__(self, event: Event) -> None:
        self.events.append(event)
        self._changed.set()

    async def until(self, check: Callable[[Event], bool], within: float = 5) -> Event:
        async with asyncio.timeout(within):
            while True:
                found = next((e for e in self.events if check(e)), None)
                if found is not None:
                    return found
                self._changed.clear()
                await self._changed.wait()


@pytest.fixture
async def redis_bus() -> AsyncIterator[tuple[RedisEventBus, RedisEventBus, _Heard, Redis, str]]:
    """A listening bus (its connection named, to find it), a second one to publish from, what the
    first heard, and a plain client."""
    namespace = f"vqbus{uuid.uuid4().hex[:8]}"
    name = f"{namespace}-listener"
    listening = Redis.from_url(REDIS_URL, client_name=name)
    publishing = Redis.from_url(REDIS_URL)
    plain = Redis.from_url(REDIS_URL)
    try:
        await plain.ping()
    except Exception as exc:
        if IN_CI:
            pytest.fail(f"Redis unreachable under CI=true: {exc}")
        pytest.skip(f"Redis at {REDIS_URL}: {exc}")
    bus, other = RedisEventBus(listening, namespace), RedisEventBus(publishing, namespace)
    heard = _Heard()
    bus.subscribe(heard)
    await bus.start()
    try:
        yield bus, other, heard, plain, name
    finally:
        await bus.close()
        for client in (listening, publishing, plain):
            await client.aclose()


async def test_a_process_hears_the_sessions_it_watches_and_no_others(
    redis_bus: tuple[RedisEventBus, RedisEventBus, _Heard, Redis, str],
) -> None:
    bus, other, heard, _, _ = redis_bus
    bus.watch("WATCH1")
    # Watching looks once: a change made before the subscription took effect is not missed.
    look = await heard.until(lambda e: e.session_code == "WATCH1")
    assert look.kind == "leaderboard"
    await asyncio.sleep(0.1)  # the subscription is in place
    await other.publish(Event.now("session", "ELSEWHERE"))
    sent = Event.now("live", "WATCH1", {"phase": "question", "phase_version": 1})
    await other.publish(sent)
    assert await heard.until(lambda e: e.kind == "live") == sent
    bus.unwatch("WATCH1")
    await asyncio.sleep(0.2)
    await other.publish(Event.now("removed", "WATCH1", {"participant_id": "p"}))
    await asyncio.sleep(0.3)
    assert [e.session_code for e in heard.events] == ["WATCH1", "WATCH1"]


async def test_a_lost_subscription_is_followed_by_a_resync_and_events_again(
    redis_bus: tuple[RedisEventBus, RedisEventBus, _Heard, Redis, str],
) -> None:
    bus, other, heard, plain, name = redis_bus
    bus.watch("AGAIN1")
    await heard.until(lambda e: e.session_code == "AGAIN1")
    # Only this bus's own connection is cut, as a Redis restart or a network drop would.
    clients = await plain.client_list(_type="pubsub")
    ids = [c["id"] for c in clients if c.get("name") == name]
    assert ids, clients
    for client_id in ids:
        await plain.client_kill_filter(_id=client_id)
    await heard.until(lambda e: e.kind == "resync")
    # Subscribed again to what it watched: the next change arrives.
    sent = Event.now("leaderboard", "AGAIN1")
    for _ in range(50):
        await other.publish(sent)
        if sent in heard.events:
            break
        await asyncio.sleep(0.1)
    assert sent in heard.events


async def test_watching_again_before_the_unwatch_is_confirmed_keeps_the_subscription(
    redis_bus: tuple[RedisEventBus, RedisEventBus, _Heard, Redis, str],
) -> None:
    bus, other, heard, _, _ = redis_bus
    # The last stream of a session leaves and the next one comes at once, over and over: the
    # confirmation of an unsubscribe then arrives after the channel is wanted again. It is not
    # the server taking the channel away, so the bus keeps its connection.
    for _ in range(30):
        bus.watch("CHURN1")
        await asyncio.sleep(0.01)
        bus.unwatch("CHURN1")
        await asyncio.sleep(0.01)
    bus.watch("CHURN1")
    await asyncio.sleep(0.3)
    sent = Event.now("live", "CHURN1", {"phase": "question", "phase_version": 1})
    await other.publish(sent)
    assert await heard.until(lambda e: e.kind == "live") == sent
    assert not [e for e in heard.events if e.kind == "resync"]
