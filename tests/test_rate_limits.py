"""Rate limits on both backends: 429 with Retry-After, per client address, per account, per
participant; shared by the instances of one Redis; never a cause of failure when Redis is down."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from asgi_lifespan import LifespanManager
from redis.asyncio import Redis
from starlette.types import ASGIApp

from tests.conftest import Api, Backend
from tests.servers import serve
from tests.sessions.game import answer, open_session
from vocabquiz.app import create_app
from vocabquiz.rate_limits import RateLimits, RedisBuckets, Rule
from vocabquiz.rates import Rate
from vocabquiz.settings import Settings


class AppApi(Api):
    """An Api that knows its app, to connect more clients from other addresses."""

    def __init__(self, client: httpx.AsyncClient, app: ASGIApp) -> None:
        super().__init__(client)
        self.app = app


Client = Callable[..., AbstractAsyncContextManager[AppApi]]


@pytest.fixture
def limited(backend: Backend) -> Client:
    """An app with the given limits (nobody exempt), and a client from a given address."""

    @asynccontextmanager
    async def start(ip: str = "203.0.113.7", **limits: Any) -> AsyncIterator[AppApi]:
        # model_copy does not validate: the rates are given as the environment writes them.
        rates = {
            k: Rate.parse(v)
            for k, v in limits.items()
            if isinstance(getattr(backend.settings, k), Rate) and isinstance(v, str)
        }
        settings = backend.settings.model_copy(update={"rate_limit_exempt": "", **limits, **rates})
        app = create_app(settings)
        async with LifespanManager(app, startup_timeout=30), client_of(app, ip) as api:
            yield api

    return start


@asynccontextmanager
async def client_of(app: ASGIApp, ip: str) -> AsyncIterator[AppApi]:
    transport = httpx.ASGITransport(app=app, client=(ip, 4321))
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        yield AppApi(client, app)


def _assert_limited(r: httpx.Response, says: str) -> None:
    assert r.status_code == 429, r.text
    assert says in r.json()["detail"]
    assert int(r.headers["Retry-After"]) >= 1
    assert r.json()["code"] in ("rate_limited", "too_many_streams")
    assert r.json()["retry_after_s"] == int(r.headers["Retry-After"])


async def test_guests_are_limited_per_address(limited: Client) -> None:
    async with limited(rate_limit_guest_ip="3/60") as api:
        for i in range(3):
            await api.guest(f"G{i}")
        r = await api.client.post("/api/auth/guest", json={"display_name": "G4"})
        _assert_limited(r, "guest")
        # Another address has its own bucket.
        async with client_of(api.app, "198.51.100.9") as other:
            await other.guest("G5")


async def _sign_in(api: Api, username: str, password: str) -> httpx.Response:
    return await api.client.post(
        "/api/auth/login", json={"username": username, "password": password}
    )


async def test_failed_sign_ins_slow_that_account_from_that_address_only(limited: Client) -> None:
    async with limited(rate_limit_login_user_ip="3/300") as api:
        await api.player("target", "right-password")
        await api.player("bystander", "other-password")
        for _ in range(3):
            assert (await _sign_in(api, "target", "guess-123")).status_code == 401
        # The right password too has to wait now: guessing is slowed, not just failures.
        _assert_limited(await _sign_in(api, " TARGET ", "right-password"), "failed sign-ins")
        # Other accounts are not locked out, and successful sign-ins are not counted.
        for _ in range(2):
            r = await _sign_in(api, "bystander", "other-password")
            assert r.status_code == 200, r.text
        # The teacher signing in from elsewhere is not locked out by the guesser.
        async with client_of(api.app, "198.51.100.20") as teacher:
            r = await _sign_in(teacher, "target", "right-password")
            assert r.status_code == 200, r.text


async def test_guesses_sent_at_once_are_checked_no_more_than_the_limit(limited: Client) -> None:
    async with limited(rate_limit_login_user_ip="5/300") as api:
        await api.player("target", "right-password")
        guesses = await asyncio.gather(
            *(_sign_in(api, "target", f"guess-{i:03d}") for i in range(40))
        )
        statuses = sorted(r.status_code for r in guesses)
        # Each 401 is a password that was checked: never more than the bucket holds.
        assert statuses == [401] * 5 + [429] * 35, statuses
        _assert_limited(await _sign_in(api, "target", "right-password"), "failed sign-ins")


async def test_one_account_has_a_ceiling_over_all_addresses(limited: Client) -> None:
    async with limited(rate_limit_login_user_ip="3/300", rate_limit_login_user="5/300") as api:
        await api.player("target", "right-password")
        async with client_of(api.app, "198.51.100.30") as second:
            tries = [api] * 3 + [second] * 3
            statuses = [(await _sign_in(c, "target", "guess-1234")).status_code for c in tries]
            assert statuses == [401] * 5 + [429], statuses
            _assert_limited(await _sign_in(second, "target", "guess-1234"), "this account")


async def test_right_sign_ins_give_their_charge_back(limited: Client) -> None:
    async with limited(rate_limit_login_user_ip="2/300", rate_limit_login_user="2/300") as api:
        await api.player("owner", "right-password")
        for _ in range(4):
            assert (await _sign_in(api, "owner", "right-password")).status_code == 200


async def test_sign_in_and_register_are_limited_per_address(limited: Client) -> None:
    async with limited(rate_limit_login_ip="2/60", rate_limit_register_ip="2/60") as api:
        await api.player("first1", "password-1")
        await api.player("second", "password-2")
        r = await api.client.post(
            "/api/auth/register", json={"username": "third", "password": "password-3"}
        )
        _assert_limited(r, "accounts")
        for _ in range(2):
            r = await api.client.post(
                "/api/auth/login", json={"username": "first1", "password": "password-1"}
            )
            assert r.status_code == 200
        r = await api.client.post(
            "/api/auth/login", json={"username": "first1", "password": "password-1"}
        )
        _assert_limited(r, "sign-in attempts")


async def test_joins_and_answers_are_limited(limited: Client) -> None:
    async with limited(rate_limit_join_ip="2/60", rate_limit_answers="2/60") as api:
        _, code, quiz = await open_session(api, questions=4, time_limit_s=None)
        ann, bob, cat = [await api.guest(n) for n in ("Ann", "Bob", "Cat")]
        for headers in (ann, bob):
            assert (await api.client.post(f"/api/sessions/{code}/join", headers=headers)).is_success
        r = await api.client.post(f"/api/sessions/{code}/join", headers=cat)
        _assert_limited(r, "joins")
        await answer(api, code, ann, quiz)
        await answer(api, code, ann, quiz)
        turn = (await api.client.get(f"/api/sessions/{code}/question", headers=ann)).json()
        q = turn["question"]
        r = await api.client.post(
            f"/api/sessions/{code}/answers",
            json={"question_id": q["id"], "choice_id": q["choices"][0]["id"]},
            headers=ann,
        )
        _assert_limited(r, "too fast")
        # The refused answer left no trace: the same question is still the one served.
        again = (await api.client.get(f"/api/sessions/{code}/question", headers=ann)).json()
        assert again["index"] == 2 and again["question"]["id"] == q["id"]
        # Another participant answers freely.
        await answer(api, code, bob, quiz)


async def test_bucket_refills_after_retry_after(limited: Client) -> None:
    async with limited(rate_limit_guest_ip="1/1") as api:
        await api.guest("One")
        r = await api.client.post("/api/auth/guest", json={"display_name": "Two"})
        _assert_limited(r, "guest")
        await asyncio.sleep(float(r.headers["Retry-After"]))
        await api.guest("Two")


async def test_exempt_addresses_and_switch(limited: Client) -> None:
    async with limited(
        ip="127.0.0.1", rate_limit_guest_ip="1/60", rate_limit_exempt="127.0.0.0/8"
    ) as api:
        for i in range(3):
            await api.guest(f"Local{i}")
    async with limited(rate_limit_guest_ip="1/60", rate_limits=False) as api:
        for i in range(3):
            await api.guest(f"Off{i}")


@pytest.mark.parametrize("backend", ["production"], indirect=True)
async def test_instances_share_limits_through_redis(limited: Client) -> None:
    async with (
        limited(rate_limit_guest_ip="2/60") as one,
        limited(rate_limit_guest_ip="2/60") as two,
    ):
        await one.guest("A")
        await two.guest("B")
        _assert_limited(
            await one.client.post("/api/auth/guest", json={"display_name": "C"}), "guest"
        )
        _assert_limited(
            await two.client.post("/api/auth/guest", json={"display_name": "D"}), "guest"
        )


def test_rates_parse() -> None:
    assert Rate.parse("10/60") == Rate(10, 60)
    assert Rate.parse("10/60").interval_us == 6_000_000
    for bad in ("10", "0/60", "10/0", "a/b", "-1/5", "10/60/2"):
        with pytest.raises(ValueError):
            Rate.parse(bad)


async def test_unreachable_redis_lets_requests_through() -> None:
    redis = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=1)
    limits = RateLimits(
        RedisBuckets(redis, "vqdown"),
        {"guest_ip": Rule("guest_ip", Rate(1, 60), "Too many")},
        enabled=True,
        exempt=[],
    )
    for _ in range(3):
        await limits.check("guest_ip", "203.0.113.1")
    await redis.aclose()


async def test_forwarded_addresses_count_only_from_trusted_proxies(limited: Client) -> None:
    async with limited(ip="127.0.0.1", rate_limit_guest_ip="2/60") as api:
        # Nobody is exempt by default, the machine itself included, and without trusted
        # proxies X-Forwarded-For is ignored: rotating it gains nothing.
        assert Settings(secret_key="x" * 32).rate_limit_exempt == ""
        statuses = [
            (
                await api.client.post(
                    "/api/auth/guest",
                    json={"display_name": f"G{i}"},
                    headers={"X-Forwarded-For": f"198.51.100.{i}"},
                )
            ).status_code
            for i in range(4)
        ]
        assert statuses == [201, 201, 429, 429]
    async with limited(
        ip="10.0.0.2", rate_limit_guest_ip="1/60", trusted_proxies="10.0.0.0/8"
    ) as api:

        async def guest(forwarded: str) -> int:
            r = await api.client.post(
                "/api/auth/guest",
                json={"display_name": "G"},
                headers={"X-Forwarded-For": forwarded},
            )
            return r.status_code

        # Behind a trusted proxy each real client has a bucket; the client cannot choose its
        # address by prepending one (the right-most untrusted hop counts).
        assert await guest("198.51.100.1") == 201
        assert await guest("198.51.100.2") == 201
        assert await guest("203.0.113.9, 198.51.100.1") == 429
        # A value that is not an IP address is never a key: the proxy stands for the client,
        # so made-up values all share the proxy's one bucket.
        assert await guest("not-an-ip") == 201
        assert await guest("still not one") == 429


@pytest.mark.server
async def test_vocabquiz_serve_believes_no_forwarded_header_by_default(
    production_env: dict[str, str], tmp_path: Path
) -> None:
    env = {**production_env, "VOCABQUIZ_RATE_LIMITS": "on", "VOCABQUIZ_RATE_LIMIT_GUEST_IP": "3/60"}
    with serve(env, tmp_path / "server.log") as url:
        async with httpx.AsyncClient(base_url=url, timeout=10) as client:
            statuses = [
                (
                    await client.post(
                        "/api/auth/guest",
                        json={"display_name": "Spoofer"},
                        headers={
                            "X-Forwarded-For": f"198.51.100.{i}",
                            "Forwarded": f"for=10.1.{i}.1",
                        },
                    )
                ).status_code
                for i in range(6)
            ]
    assert statuses == [201] * 3 + [429] * 3


async def test_guessing_session_codes_is_limited_per_address(limited: Client) -> None:
    async with limited(rate_limit_code_lookup_ip="5/60") as api:
        guesser = await api.guest("Guesser")
        guesses = await asyncio.gather(
            *(api.client.get(f"/api/sessions/ZZ{i:04d}", headers=guesser) for i in range(40))
        )
        statuses = sorted(r.status_code for r in guesses)
        assert statuses == [404] * 5 + [429] * 35, statuses
        _assert_limited(next(r for r in guesses if r.status_code == 429), "codes")
        async with client_of(api.app, "198.51.100.40") as learner:
            # Codes that exist cost nothing: a learner from elsewhere plays on undisturbed.
            _, code, quiz = await open_session(learner)
            player = await learner.guest("Player")
            for _ in range(3):
                r = await learner.client.post(f"/api/sessions/{code}/join", headers=player)
                assert r.status_code == 200, r.text
            for _ in range(3):
                await answer(learner, code, player, quiz)
            for _ in range(10):
                r = await learner.client.get(f"/api/sessions/{code}/leaderboard", headers=player)
                assert r.status_code == 200, r.text
            # The guesser's address stays refused, whatever path names the code.
            r = await api.client.post(f"/api/sessions/{code}/join", headers=guesser)
            _assert_limited(r, "codes")
