"""Rate limits: one GCRA bucket per (rule, key), kept in Redis so that every instance counts the
same requests, or in the process on the embedded default.

GCRA stores a single number per bucket, the theoretical arrival time (TAT) of the next request: a
request is allowed when it would not push the TAT more than one period ahead of now. `count`
requests may come at once, then one per `period / count`."""

from __future__ import annotations

import ipaddress
import math
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

import structlog
from redis.exceptions import RedisError

from vocabquiz.errors import ErrorCode, TooManyRequests
from vocabquiz.observability import metrics
from vocabquiz.rates import MICROS, Rate
from vocabquiz.redis_client import RedisClient

if TYPE_CHECKING:
    from vocabquiz.settings import Settings

log = structlog.get_logger(__name__)


class BucketStore(Protocol):
    async def take(self, key: str, rate: Rate) -> int:
        """0 when a request is allowed (and then counted), else microseconds to wait."""

    async def refund(self, key: str, rate: Rate) -> None:
        """Give back one request counted by `take` (a sign-in that turned out right)."""


class MemoryBuckets:
    """The in-process twin; forgets buckets that have drained so memory stays bounded."""

    PRUNE_AT = 100_000

    def __init__(self) -> None:
        self._tat: dict[str, int] = {}

    async def take(self, key: str, rate: Rate) -> int:
        now = time.monotonic_ns() // 1000
        tat = max(self._tat.get(key, 0), now)
        wait = tat + rate.interval_us - rate.period_s * MICROS - now
        if wait > 0:
            return wait
        if len(self._tat) >= self.PRUNE_AT:
            self._tat = {k: v for k, v in self._tat.items() if v > now}
        self._tat[key] = tat + rate.interval_us
        return 0

    async def refund(self, key: str, rate: Rate) -> None:
        if key in self._tat:
            self._tat[key] -= rate.interval_us


# KEYS[1] bucket; ARGV interval µs, period µs. Redis' clock, so instances agree.
_TAKE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval, period = tonumber(ARGV[1]), tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local wait = tat + interval - period - now
if wait > 0 then return wait end
redis.call('SET', KEYS[1], string.format('%d', tat + interval), 'PX',
           math.ceil((tat + interval - now) / 1000))
return 0
"""
# KEYS[1] bucket; ARGV interval µs.
_REFUND = """
local tat = tonumber(redis.call('GET', KEYS[1]) or '0') - tonumber(ARGV[1])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
if tat <= now then
  redis.call('DEL', KEYS[1])
else
  redis.call('SET', KEYS[1], string.format('%d', tat), 'PX', math.ceil((tat - now) / 1000))
end
return 0
"""


class RedisBuckets:
    def __init__(self, redis: RedisClient, namespace: str) -> None:
        self._prefix = f"{namespace}:rl:"
        self._take = redis.register_script(_TAKE)
        self._refund = redis.register_script(_REFUND)

    async def take(self, key: str, rate: Rate) -> int:
        period_us = rate.period_s * MICROS
        wait = await self._take(keys=[self._prefix + key], args=[rate.interval_us, period_us])
        return int(wait)

    async def refund(self, key: str, rate: Rate) -> None:
        await self._refund(keys=[self._prefix + key], args=[rate.interval_us])


@dataclass(frozen=True)
class Rule:
    name: str
    rate: Rate
    message: str


class RateLimits:
    """The configured rules; `check` raises 429 with Retry-After when a bucket is empty."""

    def __init__(
        self,
        buckets: BucketStore,
        rules: dict[str, Rule],
        enabled: bool,
        exempt: list[ipaddress.IPv4Network | ipaddress.IPv6Network],
    ) -> None:
        self._buckets = buckets
        self.rules = rules
        self.enabled = enabled
        self._exempt = exempt

    def exempt(self, client_ip: str | None) -> bool:
        if not self.enabled:
            return True
        if client_ip is None:
            return False
        try:
            address = ipaddress.ip_address(client_ip)
        except ValueError:
            return False
        return any(address in network for network in self._exempt)

    async def check(self, rule_name: str, key: str) -> None:
        """Count one request in the bucket, or refuse it with 429."""
        rule = self.rules[rule_name]
        try:
            wait_us = await self._buckets.take(f"{rule.name}:{key}", rule.rate)
        except RedisError as exc:
            # Limits protect the service; they must not take it down with Redis.
            log.warning("rate_limit_unavailable", rule=rule.name, error=str(exc))
            return
        if wait_us > 0:
            metrics.RATE_LIMITED.labels(rule.name).inc()
            wait_s = wait_us / MICROS
            raise TooManyRequests(
                f"{rule.message}; try again in {max(1, math.ceil(wait_s))} s",
                ErrorCode.RATE_LIMITED,
                wait_s,
            )

    async def refund(self, rule_name: str, key: str) -> None:
        rule = self.rules[rule_name]
        try:
            await self._buckets.refund(f"{rule.name}:{key}", rule.rate)
        except RedisError as exc:
            log.warning("rate_limit_unavailable", rule=rule.name, error=str(exc))


@dataclass(frozen=True)
class ClientLimits:
    """The rate limits as they apply to one request's client."""

    limits: RateLimits
    client_ip: str | None

    async def per_ip(self, rule_name: str) -> None:
        if not self.limits.exempt(self.client_ip):
            await self.limits.check(rule_name, self.client_ip or "unknown")

    async def per_key(self, rule_name: str, key: str) -> None:
        if not self.limits.exempt(self.client_ip):
            await self.limits.check(rule_name, key)

    async def guess(self, account: str) -> None:
        """A sign-in attempt at `account`, charged before the password is checked so that
        guesses sent at once cannot pass the limit: to the account from this address, and to
        the account from anywhere (a much higher ceiling, so that one address cannot lock the
        account out for everyone). `right_guess` gives both back."""
        if self.limits.exempt(self.client_ip):
            return
        await self.limits.check("login_user_ip", f"{account}:{self.client_ip or 'unknown'}")
        try:
            await self.limits.check("login_user", account)
        except TooManyRequests:
            await self.limits.refund("login_user_ip", f"{account}:{self.client_ip or 'unknown'}")
            raise

    async def right_guess(self, account: str) -> None:
        if not self.limits.exempt(self.client_ip):
            await self.limits.refund("login_user_ip", f"{account}:{self.client_ip or 'unknown'}")
            await self.limits.refund("login_user", account)


def _exempt_networks(settings: Settings) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    return [
        ipaddress.ip_network(part.strip(), strict=False)
        for part in settings.rate_limit_exempt.split(",")
        if part.strip()
    ]


def build_rate_limits(settings: Settings, redis: RedisClient | None) -> RateLimits:
    buckets: BucketStore = (
        RedisBuckets(redis, settings.redis_namespace) if redis is not None else MemoryBuckets()
    )
    rules = {
        rule.name: rule
        for rule in [
            Rule(
                "login_ip",
                settings.rate_limit_login_ip,
                "Too many sign-in attempts from your network",
            ),
            Rule(
                "login_user_ip",
                settings.rate_limit_login_user_ip,
                "Too many failed sign-ins for this account from your network",
            ),
            Rule(
                "login_user",
                settings.rate_limit_login_user,
                "Too many failed sign-ins for this account",
            ),
            Rule(
                "register_ip",
                settings.rate_limit_register_ip,
                "Too many accounts created from your network",
            ),
            Rule(
                "guest_ip",
                settings.rate_limit_guest_ip,
                "Too many guest players created from your network",
            ),
            Rule("join_ip", settings.rate_limit_join_ip, "Too many joins from your network"),
            Rule("answers", settings.rate_limit_answers, "You are answering too fast"),
        ]
    }
    for name in rules:
        metrics.RATE_LIMITED.labels(name)  # at 0 from the start, for rate()
    return RateLimits(buckets, rules, settings.rate_limits, _exempt_networks(settings))


CODE_LOOKUP = "code_lookup_ip"


def build_code_lookups(settings: Settings) -> RateLimits:
    """Lookups of session codes per client address, in each process (they are on the playing
    path, where a round trip to Redis per request would cost too much). The edge charges one
    before every request that names a code and gives it back unless the code was not found, so
    that guessing codes is slow however many guesses are sent at once."""
    rule = Rule(
        CODE_LOOKUP,
        settings.rate_limit_code_lookup_ip,
        "Too many unknown session codes from your network",
    )
    metrics.RATE_LIMITED.labels(CODE_LOOKUP)
    return RateLimits(
        MemoryBuckets(), {CODE_LOOKUP: rule}, settings.rate_limits, _exempt_networks(settings)
    )
