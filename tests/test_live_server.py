"""The event stream through real `vocabquiz serve` processes: one instance, then two sharing
PostgreSQL and Redis."""

from __future__ import annotations

import asyncio
import socket
import time
from pathlib import Path
from typing import Any

import httpx
import orjson
import pytest

from tests.conftest import Api
from tests.event_stream import RawStream, stream, stream_request
from tests.monitoring.exposition import scrape, total
from tests.servers import Instance, instance, server_env
from tests.sessions.game import answer, joined, open_session

pytestmark = pytest.mark.server


def _me(data: dict[str, Any]) -> dict[str, Any]:
    me: dict[str, Any] = data["me"]
    return me


async def _play_and_watch(watch_client: httpx.AsyncClient, play_client: httpx.AsyncClient) -> None:
    """Two players watch their streams; each sees the other's answer within a second."""
    api, player_api = Api(watch_client), Api(play_client)
    admin, code, quiz = await open_session(api, questions=2)
    ann = await joined(api, code, "Ann")
    bob = await joined(api, code, "Bob")
    events = f"/api/sessions/{code}/events?limit=5"
    async with (
        stream(watch_client, events, ann) as ann_stream,
        stream(watch_client, events, bob) as bob_stream,
    ):
        first = await ann_stream.wait_for(lambda n, d: n == "leaderboard")
        assert first[1]["participant_count"] == 2 and _me(first[1])["display_name"] == "Ann"
        sent = time.monotonic()
        result = await answer(player_api, code, bob, quiz)
        _, seen, at = await ann_stream.wait_for(
            lambda n, d: n == "leaderboard" and d["entries"][0]["score"] == result["score"]
        )
        assert at - sent < 1.0
        assert seen["entries"][0]["display_name"] == "Bob"
        assert _me(seen)["display_name"] == "Ann" and _me(seen)["rank"] == 2
        _, bob_view, _ = await bob_stream.wait_for(
            lambda n, d: n == "leaderboard" and _me(d)["score"] == result["score"]
        )
        assert _me(bob_view)["rank"] == 1 and _me(bob_view)["display_name"] == "Bob"
        r = await play_client.post(f"/api/sessions/{code}/close", headers=admin)
        assert r.status_code == 200
        _, closed, _ = await ann_stream.wait_for(lambda n, d: n == "session")
        assert closed["status"] == "closed" and closed["code"] == code
        # Idle streams get a ping comment (1 s in these tests).
        await asyncio.sleep(1.3)
        assert ann_stream.comments >= 1


async def test_stream_shows_answers_me_and_close_embedded(tmp_path: Path) -> None:
    env = server_env(f"sqlite:///{tmp_path}/live.db")
    async with instance(env, tmp_path / "server.log") as server:
        await _play_and_watch(server.client, server.client)


async def test_stream_shows_answers_me_and_close_production(
    production_env: dict[str, str], tmp_path: Path
) -> None:
    async with instance(production_env, tmp_path / "server.log") as server:
        await _play_and_watch(server.client, server.client)


async def test_answers_through_one_instance_reach_streams_on_another(
    two_instances: tuple[Instance, Instance],
) -> None:
    one, two = two_instances
    await _play_and_watch(one.client, two.client)


def _at_version(version: int) -> bytes:
    """How the leaderboard frame that brings the standings to `version` starts."""
    return b"event: leaderboard\nid: %d\n" % version


async def test_clients_of_a_session_on_two_instances_receive_the_same_bytes(
    two_instances: tuple[Instance, Instance],
) -> None:
    one, two = two_instances
    client = one.client
    api = Api(client)
    admin, code, quiz = await open_session(api, questions=2)
    ann, bob = await joined(api, code, "Ann"), await joined(api, code, "Bob")
    events = f"/api/sessions/{code}/events?limit=5"
    streams = [
        await RawStream.open(one.port, events, ann),
        await RawStream.open(two.port, events, bob),
        await RawStream.open(two.port, events, admin),
    ]
    try:
        version = orjson.loads(
            (await client.get(f"/api/sessions/{code}/leaderboard", headers=ann)).content
        )["version"]
        # Every stream has had its own full standings at that version: from now on
        # each instance sends the session's frames of changes.
        for raw in streams:
            await raw.frame(_at_version(version))
        await answer(api, code, ann, quiz)
        frames = [await raw.frame(_at_version(version + 1)) for raw in streams]
    finally:
        for raw in streams:
            raw.close()
    assert b'"changes":' in frames[0] and b'"me"' not in frames[0]
    assert frames[0] == frames[1] == frames[2]


async def test_an_instance_hears_only_the_sessions_it_streams(
    two_instances: tuple[Instance, Instance],
) -> None:
    """Per-session channels: with one session streamed on each instance, each instance receives
    the events of its own session and none of the other's."""
    client_one, client_two = (i.client for i in two_instances)
    api = Api(client_one)
    sessions = []
    for _ in range(2):
        _, code, quiz = await open_session(api, questions=5, time_limit_s=None)
        sessions.append((code, quiz, await joined(api, code, "Ann")))

    async def received(client: httpx.AsyncClient) -> float:
        return total(await scrape(client), "vocabquiz_events_received_total")

    before = [await received(client_one), await received(client_two)]
    (code_a, quiz_a, ann_a), (code_b, quiz_b, ann_b) = sessions
    async with (
        stream(client_one, f"/api/sessions/{code_a}/events", ann_a) as on_one,
        stream(client_two, f"/api/sessions/{code_b}/events", ann_b) as on_two,
    ):
        await on_one.wait_for(lambda n, d: n == "leaderboard")
        await on_two.wait_for(lambda n, d: n == "leaderboard")
        await asyncio.sleep(0.3)  # the subscriptions take effect
        for _ in range(3):
            await answer(api, code_a, ann_a, quiz_a)
        for _ in range(5):
            await answer(api, code_b, ann_b, quiz_b)
        await on_two.wait_for(lambda n, d: n == "leaderboard" and d["me"]["answered_count"] == 5)
        await on_one.wait_for(lambda n, d: n == "leaderboard" and d["me"]["answered_count"] == 3)
        after = [await received(client_one), await received(client_two)]
    assert [a - b for a, b in zip(after, before, strict=True)] == [3, 5]


async def test_slow_reader_does_not_hold_up_others(
    production_env: dict[str, str], tmp_path: Path
) -> None:
    async with instance(production_env, tmp_path / "server.log") as server:
        client = server.client
        api = Api(client)
        _, code, quiz = await open_session(api, questions=30, time_limit_s=None)
        players = [await joined(api, code, f"P{i}") for i in range(3)]
        events = f"/api/sessions/{code}/events?limit=100"
        # A client that connects and never reads.
        async with client.stream("GET", events, headers=players[0]) as stalled:
            assert stalled.status_code == 200
            async with stream(client, events, players[1]) as reader:
                for _ in range(30):
                    last = await answer(api, code, players[2], quiz)
                await reader.wait_for(
                    lambda n, d: (
                        n == "leaderboard"
                        and any(
                            e["score"] == last["score"] and e["answered_count"] == 30
                            for e in d["entries"]
                        )
                    )
                )
                # Coalesced: far fewer frames than changes.
                assert len(reader.leaderboards()) < 30


async def _stalled_stream(port: int, path: str, headers: dict[str, str]) -> socket.socket:
    """A client that asks for the stream with a tiny receive window and never reads it."""
    loop = asyncio.get_running_loop()
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 2048)
    sock.setblocking(False)
    await loop.sock_connect(sock, ("127.0.0.1", port))
    await loop.sock_sendall(sock, stream_request(path, headers))
    return sock


async def test_stalled_readers_keep_server_memory_bounded(
    production_env: dict[str, str], tmp_path: Path
) -> None:
    """Forty clients that never read while every tick sends them a new frame of about 30 kB: the
    server keeps at most one frame each, so its memory stays flat (queueing the frames would cost
    hundreds of MB once the kernel's socket buffers are full). When they vanish, the server lives
    on and the gauge drops back."""
    env = {**production_env, "VOCABQUIZ_BROADCAST_INTERVAL_MS": "10"}
    async with instance(env, tmp_path / "server.log", client_timeout=30) as server:
        client = server.client
        api = Api(client)

        async def metric(name: str) -> float:
            return total(await scrape(client), name)

        _, code, quiz = await open_session(api, questions=1000, time_limit_s=None)
        # Wide names make wide frames: 100 entries of 4-byte characters.
        players = [await joined(api, code, f"{i:03}" + "\U0001f600" * 37) for i in range(100)]
        events = f"/api/sessions/{code}/events?limit=100"
        baseline = await metric("vocabquiz_sse_connections")

        answered: dict[str, int] = {}

        async def play(headers: dict[str, str], until: float) -> None:
            key = headers["Authorization"]
            while time.monotonic() < until and answered.get(key, 0) < 1000:
                await answer(api, code, headers, quiz)
                answered[key] = answered.get(key, 0) + 1

        stalled = [await _stalled_stream(server.port, events, p) for p in players[:40]]
        try:
            async with stream(client, events, players[0]) as reader:
                # Warm up until the stalled sockets' kernel buffers are full, then measure.
                until = time.monotonic() + 5
                await asyncio.gather(*(play(p, until) for p in players[:8]))
                before, frames_before = (
                    await metric("process_resident_memory_bytes"),
                    len(reader.leaderboards()),
                )
                until = time.monotonic() + 6
                await asyncio.gather(*(play(p, until) for p in players[:8]))
                after = await metric("process_resident_memory_bytes")
                sent = reader.leaderboards()[frames_before:]
            # The reader's own stream has gone (the server notices in a moment); every stalled
            # one is still held.
            deadline = time.monotonic() + 10
            while await metric("vocabquiz_sse_connections") != baseline + len(stalled):
                assert time.monotonic() < deadline, "stalled clients dropped or reader counted"
                await asyncio.sleep(0.05)
            # Each stalled client missed every frame the reader got while memory was measured.
            missed = len(stalled) * sum(len(orjson.dumps(frame)) for frame in sent)
            assert len(sent) >= 50, len(sent)
            assert after - before < 16 * 2**20, (before, after, missed)
        finally:
            for sock in stalled:
                sock.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00"
                )
                sock.close()  # a reset, as from a client that vanished
        deadline = time.monotonic() + 10
        while await metric("vocabquiz_sse_connections") != baseline:
            assert time.monotonic() < deadline, "vanished clients still counted"
            await asyncio.sleep(0.1)


async def test_a_removed_players_stream_ends_with_a_message_on_every_instance(
    two_instances: tuple[Instance, Instance],
) -> None:
    client_one, client_two = (i.client for i in two_instances)
    api = Api(client_one)
    admin, code, quiz = await open_session(api, questions=2)
    rude = await joined(api, code, "Rude")
    ann = await joined(api, code, "Ann")
    rude_id = (await client_one.post(f"/api/sessions/{code}/join", headers=rude)).json()
    await answer(api, code, rude, quiz)
    events = f"/api/sessions/{code}/events"
    async with (
        stream(client_two, events, rude) as rude_stream,
        stream(client_two, events, ann) as ann_stream,
    ):
        await rude_stream.wait_for(lambda n, d: n == "leaderboard")
        await ann_stream.wait_for(lambda n, d: n == "leaderboard")
        await asyncio.sleep(0.3)  # the subscription takes effect
        r = await client_one.delete(
            f"/api/sessions/{code}/participants/{rude_id['id']}", headers=admin
        )
        assert r.status_code == 204
        _, told, _ = await rude_stream.wait_for(lambda n, d: n == "removed")
        assert told == {
            "session_code": code,
            "message": "The teacher removed you from this session",
        }
        async with asyncio.timeout(5):
            while not rude_stream.ended:
                await rude_stream.changed.wait()
                rude_stream.changed.clear()
        _, board, _ = await ann_stream.wait_for(
            lambda n, d: n == "leaderboard" and d["participant_count"] == 1
        )
        assert [e["display_name"] for e in board["entries"]] == ["Ann"]
        assert board["me"]["rank"] == 1
        assert not ann_stream.ended
    r = await client_two.get(events, headers=rude)
    assert r.status_code == 403
