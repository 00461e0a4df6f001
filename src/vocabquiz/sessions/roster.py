"""The teacher's hand on a session's players: renaming one, removing one (their answers go with
them, and they cannot join the session again), and letting a removed player back in.

Each rename and removal moves the standings' version up by one like any other change: the
session's `roster_changes` counts what they add to the joins and answers the version otherwise
counts (a removal also makes up for the join and answers that are gone). The store changes the
one entry after the database, from the row as it is then: an answer's update still on its way
from before the rename holds no more answers, so it is ignored and cannot bring back the old name;
a removed participant stays marked, so that no late update or rebuild brings them back.
"""

from __future__ import annotations

import structlog
from redis.exceptions import RedisError
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from vocabquiz.db import is_id, utcnow
from vocabquiz.errors import Conflict, ErrorCode, NotFound
from vocabquiz.events import Event
from vocabquiz.sessions import schemas
from vocabquiz.sessions.answers import Play
from vocabquiz.sessions.models import Participant, QuizSession, RemovedPlayer
from vocabquiz.sessions.service import name_key, participant_out, session_by_code
from vocabquiz.sessions.standings import standing_of

log = structlog.get_logger(__name__)


async def _participant(
    db: AsyncSession, session: QuizSession, participant_id: str, lock: bool = False
) -> Participant:
    if not is_id(participant_id):
        raise NotFound("Player not found in this session", ErrorCode.PLAYER_NOT_FOUND)
    query = select(Participant).where(
        Participant.id == participant_id, Participant.session_id == session.id
    )
    found = await db.scalar(query.with_for_update() if lock else query)
    if found is None:
        raise NotFound("Player not found in this session", ErrorCode.PLAYER_NOT_FOUND)
    return found


async def rename(
    db: AsyncSession, raw_code: str, participant_id: str, display_name: str, play: Play
) -> schemas.ParticipantOut:
    session = await session_by_code(db, raw_code)
    participant = await _participant(db, session, participant_id)
    if participant.display_name == display_name:
        return participant_out(participant, session.code)
    participant.display_name = display_name
    participant.name_key = name_key(display_name)
    try:
        await db.execute(
            update(QuizSession)
            .where(QuizSession.id == session.id)
            .values(roster_changes=QuizSession.roster_changes + 1)
        )
        await db.commit()
    except IntegrityError:
        await db.rollback()
        raise Conflict(
            f"Another player here is already called {display_name}", ErrorCode.NAME_TAKEN
        ) from None
    # The row as it is now: an answer may have moved its totals since it was read.
    await db.refresh(participant)
    await db.commit()
    out = participant_out(participant, session.code)
    try:
        await play.standings.rename(session.code, standing_of(participant))
    except RedisError as exc:  # rebuilt afresh the next time the session is used
        log.warning("standings_not_updated", session=session.code, error=str(exc))
    return out


async def remove(db: AsyncSession, raw_code: str, participant_id: str, play: Play) -> None:
    session = await session_by_code(db, raw_code)
    # Locked: no answer can move the participant's count between reading it and the delete.
    participant = await _participant(db, session, participant_id, lock=True)
    user_id = participant.user_id
    await db.execute(delete(Participant).where(Participant.id == participant.id))
    # The join and the answers that leave the version, and one step for the removal itself.
    await db.execute(
        update(QuizSession)
        .where(QuizSession.id == session.id)
        .values(roster_changes=QuizSession.roster_changes + participant.answered_count + 2)
    )
    await db.execute(
        delete(RemovedPlayer).where(
            RemovedPlayer.session_id == session.id, RemovedPlayer.user_id == user_id
        )
    )
    db.add(
        RemovedPlayer(
            session_id=session.id,
            user_id=user_id,
            display_name=participant.display_name,
            removed_at=utcnow(),
        )
    )
    await db.commit()
    play.turns.forget(session.code, user_id)
    try:
        await play.standings.remove(session.code, participant_id)
    except RedisError as exc:  # rebuilt afresh the next time the session is used
        log.warning("standings_not_updated", session=session.code, error=str(exc))
    await play.bus.publish(Event.now("removed", session.code, {"participant_id": participant_id}))
    if session.mode == "live":  # the host's count of players and answers
        await play.bus.publish(Event.now("live", session.code))


async def removed(db: AsyncSession, raw_code: str) -> list[schemas.RemovedPlayerOut]:
    session = await session_by_code(db, raw_code)
    rows = await db.scalars(
        select(RemovedPlayer)
        .where(RemovedPlayer.session_id == session.id)
        .order_by(RemovedPlayer.removed_at, RemovedPlayer.user_id)
    )
    return [schemas.RemovedPlayerOut.model_validate(r) for r in rows]


async def let_back(db: AsyncSession, raw_code: str, user_id: str) -> None:
    session = await session_by_code(db, raw_code)
    gone = await db.execute(
        delete(RemovedPlayer).where(
            RemovedPlayer.session_id == session.id, RemovedPlayer.user_id == user_id
        )
    )
    await db.commit()
    if not gone.rowcount:  # type: ignore[attr-defined]
        raise NotFound(
            "That player was not removed from this session", ErrorCode.PLAYER_NOT_REMOVED
        )
