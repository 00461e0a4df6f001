"""Sessions: opening and closing runs of a quiz, reading them, and joining them. The playing path
(serving questions, answers, standings) is sessions/answers.py; results, history and practice
are sessions/results.py."""

from __future__ import annotations

from collections.abc import Iterator

import structlog
from redis.exceptions import RedisError
from sqlalchemy import bindparam, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from vocabquiz.auth import service as auth_service
from vocabquiz.auth.tokens import TokenUser
from vocabquiz.db import utcnow
from vocabquiz.errors import Conflict, ErrorCode, Forbidden, NotFound
from vocabquiz.events import Event
from vocabquiz.leaderboard.frames import REMOVED_MESSAGE
from vocabquiz.observability import metrics
from vocabquiz.quizzes import service as quiz_service
from vocabquiz.sessions import schemas
from vocabquiz.sessions.answers import CLOSED, Play, session_code
from vocabquiz.sessions.codes import new_code
from vocabquiz.sessions.models import Answer, Participant, QuizSession, RemovedPlayer, SessionStatus
from vocabquiz.sessions.standings import standing_of

log = structlog.get_logger(__name__)

# --- reading sessions ---------------------------------------------------------------------------


async def session_by_code(db: AsyncSession, raw_code: str) -> QuizSession:
    code = session_code(raw_code)
    session = await db.scalar(select(QuizSession).where(QuizSession.code == code))
    if session is None:
        raise NotFound("Session not found", ErrorCode.SESSION_NOT_FOUND)
    return session


# The statements of the playing path are built once: building and keying a statement costs more
# CPU than PostgreSQL spends running it.
_SESSION_AND_PARTICIPANT = (
    select(QuizSession, Participant)
    .outerjoin(
        Participant,
        (Participant.session_id == QuizSession.id) & (Participant.user_id == bindparam("user_id")),
    )
    .where(QuizSession.code == bindparam("code"))
)


async def session_and_participant(
    db: AsyncSession, raw_code: str, user_id: str
) -> tuple[QuizSession, Participant | None]:
    row = (
        await db.execute(
            _SESSION_AND_PARTICIPANT, {"user_id": user_id, "code": session_code(raw_code)}
        )
    ).first()
    if row is None:
        raise NotFound("Session not found", ErrorCode.SESSION_NOT_FOUND)
    return row[0], row[1]


async def session_outs(db: AsyncSession, sessions: list[QuizSession]) -> list[schemas.SessionOut]:
    if not sessions:
        return []
    ids = [s.id for s in sessions]
    quiz_ids = {s.quiz_id for s in sessions}
    participants = dict(
        (
            await db.execute(
                select(Participant.session_id, func.count())
                .where(Participant.session_id.in_(ids))
                .group_by(Participant.session_id)
            )
        ).all()
    )
    quizzes = await quiz_service.titles_and_question_counts(db, quiz_ids)
    return [
        schemas.SessionOut(
            id=s.id,
            code=s.code,
            quiz_id=s.quiz_id,
            quiz_title=quizzes[s.quiz_id][0],
            mode=s.mode,
            status=s.status,
            question_count=quizzes[s.quiz_id][1],
            participant_count=participants.get(s.id, 0),
            created_at=s.created_at,
            closed_at=s.closed_at,
            scoring=s.scoring,
            streak_bonus=s.streak_bonus,
        )
        for s in sessions
    ]


async def session_out(db: AsyncSession, session: QuizSession) -> schemas.SessionOut:
    return (await session_outs(db, [session]))[0]


async def get_session(db: AsyncSession, raw_code: str) -> schemas.SessionOut:
    return await session_out(db, await session_by_code(db, raw_code))


async def list_sessions(
    db: AsyncSession,
    user: TokenUser,
    quiz_id: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> list[schemas.SessionOut]:
    """Sessions newest first: the user's own (an admin's: everyone's), of one quiz or all."""
    query = select(QuizSession)
    if quiz_id is not None:
        await quiz_service.quiz_row(db, quiz_id)
        query = query.where(QuizSession.quiz_id == quiz_id)
    if not user.is_admin:
        query = query.where(QuizSession.opened_by == user.id)
    query = query.order_by(QuizSession.created_at.desc(), QuizSession.id.desc())
    sessions = (await db.scalars(query.limit(limit).offset(offset))).all()
    return await session_outs(db, list(sessions))


# --- opening and closing ------------------------------------------------------------------------


async def open_session(
    db: AsyncSession, quiz_id: str, opened_by: str | None, mode: str = "self_paced"
) -> schemas.SessionOut:
    quiz = await quiz_service.quiz_row(db, quiz_id)
    if not await quiz_service.question_count(db, quiz_id):
        raise Conflict(
            "This quiz has no questions yet; add one before opening a session", ErrorCode.QUIZ_EMPTY
        )
    for _ in range(20):
        session = QuizSession(
            code=new_code(),
            quiz_id=quiz_id,
            opened_by=opened_by,
            status=SessionStatus.OPEN,
            scoring=quiz.scoring,
            streak_bonus=quiz.streak_bonus,
            mode=mode,
            phase="lobby" if mode == "live" else None,
        )
        db.add(session)
        try:
            await db.commit()
            break
        except IntegrityError:
            await db.rollback()  # the code is taken: draw another
    else:
        raise Conflict("Could not find a free session code; try again", ErrorCode.NO_FREE_CODE)
    metrics.SESSIONS_OPENED.inc()
    return await session_out(db, session)


async def close_session(db: AsyncSession, raw_code: str, play: Play) -> schemas.SessionOut:
    session = await session_by_code(db, raw_code)
    closed = await db.execute(
        update(QuizSession)
        .where(QuizSession.id == session.id, QuizSession.status == SessionStatus.OPEN)
        .values(status=SessionStatus.CLOSED, closed_at=utcnow())
    )
    await db.commit()
    await db.refresh(session)
    if closed.rowcount:  # type: ignore[attr-defined]
        answers = await db.scalar(
            select(func.count(Answer.id))
            .join(Participant, Participant.id == Answer.participant_id)
            .where(Participant.session_id == session.id)
        )
        metrics.SESSION_ANSWERS.observe(answers or 0)
        await db.commit()  # the rebuild reads on a connection of its own
        # The final standings from the database, kept for a while: whatever the store missed
        # (an instance that died mid-answer) is not carried into the results people see.
        try:
            await play.standings.rebuild(session.code)
        except RedisError as exc:  # rebuilt at the next start-up or read instead
            log.warning("final_standings_not_rebuilt", session=session.code, error=str(exc))
        await play.bus.publish(Event.now("session", session.code))
    return await session_out(db, session)


# --- joining --------------------------------------------------------------------------------------


def participant_out(participant: Participant, code: str) -> schemas.ParticipantOut:
    return schemas.ParticipantOut(
        id=participant.id,
        session_code=code,
        display_name=participant.display_name,
        score=participant.score,
        answered_count=participant.answered_count,
        correct_count=participant.correct_count,
        streak=participant.streak,
        joined_at=participant.joined_at,
    )


def name_key(name: str) -> str:
    """A display name as uniqueness sees it: case and runs of spaces do not count."""
    return " ".join(name.split()).casefold()[:40]


def _names_for(name: str, tries: int = 50) -> Iterator[str]:
    """The name, then "Zoe 2", "Zoe 3"...: what a second Zoe in the session is called."""
    yield name
    for n in range(2, tries + 1):
        suffix = f" {n}"
        yield name[: 40 - len(suffix)].rstrip() + suffix


async def join_session(
    db: AsyncSession, raw_code: str, user: TokenUser, play: Play
) -> schemas.ParticipantOut:
    session, participant = await session_and_participant(db, raw_code, user.id)
    if participant is not None:
        return participant_out(participant, session.code)
    if session.status != SessionStatus.OPEN:
        raise Conflict(CLOSED, ErrorCode.SESSION_CLOSED)
    removed = await db.scalar(
        select(RemovedPlayer.user_id).where(
            RemovedPlayer.session_id == session.id, RemovedPlayer.user_id == user.id
        )
    )
    if removed is not None:
        raise Forbidden(f"{REMOVED_MESSAGE}; ask them to let you back in", ErrorCode.PLAYER_REMOVED)
    account = await auth_service.signed_in_user(db, user.id)
    code = session.code
    now = utcnow()
    for name in _names_for(account.display_name):
        participant = Participant(
            session_id=session.id,
            user_id=user.id,
            display_name=name,
            name_key=name_key(name),
            joined_at=now,
            reached_at=now,
        )
        db.add(participant)
        try:
            await db.commit()
            break
        except IntegrityError:
            await db.rollback()
            # The same user joined at the same moment from elsewhere: that participant is the
            # one. Otherwise the name is taken in this session: the next suffix is tried.
            _, joined = await session_and_participant(db, raw_code, user.id)
            if joined is not None:
                return participant_out(joined, code)
    else:
        raise Conflict(
            "Too many players with that name here; pick another name and join again",
            ErrorCode.NAME_CROWDED,
        )
    await play.standings.put(code, standing_of(participant))
    return participant_out(participant, code)
