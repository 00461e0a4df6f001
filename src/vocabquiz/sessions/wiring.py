"""The play collaborators of one app instance, built and closed in one place: the play store,
the standings, the event bus, the answer path, the live host and the broadcaster."""

from __future__ import annotations

from dataclasses import dataclass

import structlog
from redis.exceptions import RedisError
from sqlalchemy.ext.asyncio import AsyncSession

from vocabquiz.db import Database
from vocabquiz.events import EventBus, MemoryEventBus, RedisEventBus, channel_of
from vocabquiz.leaderboard.broadcaster import Broadcaster
from vocabquiz.leaderboard.memory_store import MemoryLeaderboard
from vocabquiz.leaderboard.redis_store import RedisLeaderboard
from vocabquiz.leaderboard.store import Leaderboard
from vocabquiz.leaderboard.stream import StreamCaps
from vocabquiz.redis_client import RedisClient, Subscribers
from vocabquiz.sessions import service
from vocabquiz.sessions.answers import Play, QuizContents
from vocabquiz.sessions.live import Live
from vocabquiz.sessions.play_store import PlayStore
from vocabquiz.sessions.postgres_play_store import PostgresPlayStore
from vocabquiz.sessions.schemas import SessionOut
from vocabquiz.sessions.sqlite_play_store import SqlitePlayStore
from vocabquiz.sessions.standings import Standings
from vocabquiz.settings import Settings

log = structlog.get_logger(__name__)


@dataclass
class SessionServices:
    bus: EventBus
    play: Play
    live: Live
    broadcaster: Broadcaster
    stream_caps: StreamCaps

    async def close_session(self, db: AsyncSession, code: str) -> SessionOut:
        """Close a session: a live one's running question counted first."""
        live = (await service.session_by_code(db, code)).mode == "live"
        await db.commit()  # the live step below runs on a connection of its own
        if live:
            await self.live.finish_for_close(code)
        return await service.close_session(db, code, self.play)

    async def close(self) -> None:
        self.live.close()
        await self.broadcaster.close()
        await self.bus.close()
        await self.play.store.close()


def _store_and_bus(
    settings: Settings, database: Database, redis: RedisClient | None
) -> tuple[PlayStore, Leaderboard, EventBus]:
    store: PlayStore = (
        SqlitePlayStore(database.engine)
        if settings.is_sqlite
        else PostgresPlayStore.connect(settings.database_url, settings.db_pool_size)
    )
    if redis is None:
        memory_bus = MemoryEventBus()
        return store, MemoryLeaderboard(memory_bus.deliver), memory_bus
    namespace = settings.redis_namespace
    board = RedisLeaderboard(redis, namespace, lambda code: channel_of(namespace, code))
    subscribers = Subscribers(redis, settings.redis_url or "")
    return store, board, RedisEventBus(redis, namespace, subscribers)


async def start_sessions(
    settings: Settings, database: Database, redis: RedisClient | None
) -> SessionServices:
    """Build the collaborators, start listening to the bus and bring the standings of open
    sessions level with the database."""
    store, board, bus = _store_and_bus(settings, database, redis)
    standings = Standings(board, database.sessions, settings.closed_session_kept_s)

    async def read_session(code: str) -> dict[str, object]:
        async with database.sessions() as db:
            return (await service.get_session(db, code)).model_dump(mode="json")

    play = Play(store=store, standings=standings, bus=bus, contents=QuizContents())
    live = Live(database.sessions, database.engine, play)
    broadcaster = Broadcaster(
        standings,
        read_session,
        bus,
        settings.broadcast_interval_ms / 1000,
        settings.ping_interval_s,
        read_live=live.summary,
    )
    bus.subscribe(broadcaster.on_event)
    await bus.start()
    broadcaster.start()
    try:
        behind = await standings.reconcile()
    except RedisError as exc:  # each session is rebuilt when the store is back and reads it
        log.warning("standings_not_reconciled", error=str(exc))
    else:
        if behind:
            log.warning("standings_rebuilt", sessions=len(behind))
    caps = StreamCaps(settings.streams_per_user, settings.streams_per_address)
    return SessionServices(bus, play, live, broadcaster, caps)
