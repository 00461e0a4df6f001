"""What the sessions of a quiz decide about it: how many it has had, and whether it may still
change (not while a session plays it) or go (never once it has been played: the scores are
history). The quizzes router asks before it calls the quizzes service."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from vocabquiz.errors import Conflict, ErrorCode
from vocabquiz.sessions.models import QuizSession, SessionStatus


async def session_counts(db: AsyncSession, quiz_ids: Sequence[str]) -> dict[str, int]:
    if not quiz_ids:
        return {}
    rows = await db.execute(
        select(QuizSession.quiz_id, func.count())
        .where(QuizSession.quiz_id.in_(quiz_ids))
        .group_by(QuizSession.quiz_id)
    )
    return {quiz_id: count for quiz_id, count in rows}


async def ensure_deletable(db: AsyncSession, quiz_id: str) -> None:
    if await db.scalar(select(exists().where(QuizSession.quiz_id == quiz_id))):
        raise Conflict(
            "This quiz has sessions; their scores are history, so it cannot be deleted",
            ErrorCode.QUIZ_HAS_SESSIONS,
        )


async def ensure_editable(db: AsyncSession, quiz_id: str) -> None:
    playing = exists().where(
        QuizSession.quiz_id == quiz_id, QuizSession.status == SessionStatus.OPEN
    )
    if await db.scalar(select(playing)):
        raise Conflict(
            "This quiz has an open session; close it before changing questions",
            ErrorCode.QUIZ_LOCKED,
        )
