"""The service's Redis: one server, or a Redis Cluster found from any one of its nodes.

Every multi-key script names keys of one session only, which share the hash tag `{code}`, so on
a cluster each runs on the primary that holds the session. Events travel on sharded pub/sub
(SPUBLISH/SSUBSCRIBE), which a cluster keeps on that same primary instead of copying every
message to every node; a plain server treats shard channels as ordinary ones."""

from __future__ import annotations

from urllib.parse import urlsplit

from redis.asyncio import BlockingConnectionPool, Redis
from redis.asyncio.cluster import RedisCluster
from redis.asyncio.retry import Retry
from redis.backoff import ExponentialWithJitterBackoff, NoBackoff
from redis.exceptions import ConnectionError

from vocabquiz.settings import Settings

RedisClient = Redis | RedisCluster

# Each command's connect and reply wait; a dead server fails requests fast rather than holding
# them.
TIMEOUT_S = 5


def connect_redis(settings: Settings) -> RedisClient | None:
    if not settings.redis_url:
        return None
    # A pooled connection to a Redis that has since restarted would fail its next command:
    # retry such errors on a fresh connection.
    retry = Retry(ExponentialWithJitterBackoff(base=0.02, cap=0.5), 3)
    if settings.redis_cluster:
        return RedisCluster.from_url(
            settings.redis_url,
            max_connections=settings.redis_pool_size,
            socket_timeout=TIMEOUT_S,
            socket_connect_timeout=TIMEOUT_S,
            retry=retry,
        )
    return Redis(
        connection_pool=BlockingConnectionPool.from_url(
            settings.redis_url,
            # Past this many commands at once, the next waits for a connection (up to 5 s,
            # then a 503) rather than failing at once.
            max_connections=settings.redis_pool_size,
            timeout=TIMEOUT_S,
            socket_timeout=TIMEOUT_S,
            socket_connect_timeout=TIMEOUT_S,
            retry=retry,
        )
    )


class Subscribers:
    """A connection to subscribe with for each shard channel: the server's own on a plain Redis;
    on a cluster, one per primary, to the primary that holds the channel's slot now."""

    def __init__(self, redis: RedisClient, url: str = "redis://") -> None:
        # The URL gives a cluster node's credentials and scheme.
        self._redis = redis
        self._url = urlsplit(url)
        self._nodes: dict[str, Redis] = {}

    async def refresh(self) -> None:
        """Read the cluster's slots again (after a failover or a slot's move)."""
        if isinstance(self._redis, RedisCluster):
            await self._redis.initialize()
            await self._redis.nodes_manager.initialize()

    async def for_channel(self, channel: str) -> tuple[str, Redis]:
        if not isinstance(self._redis, RedisCluster):
            return "", self._redis
        await self._redis.initialize()
        node = self._redis.get_node_from_key(channel)
        if node is None:
            raise ConnectionError(f"no cluster node holds the slot of {channel}")
        client = self._nodes.get(node.name)
        if client is None:
            credentials = self._url.netloc.rpartition("@")[0]
            netloc = f"{credentials}@{node.host}:{node.port}" if credentials else node.name
            url = self._url._replace(netloc=netloc).geturl()
            # One quick retry: a failed primary is looked up again rather than waited for.
            client = Redis.from_url(
                url, socket_connect_timeout=TIMEOUT_S, retry=Retry(NoBackoff(), 1)
            )
            self._nodes[node.name] = client
        return node.name, client

    async def close(self) -> None:
        for client in self._nodes.values():
            await client.aclose()
        self._nodes.clear()
