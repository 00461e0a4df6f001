"""Who may see and change a quiz. Admins: every quiz. A teacher: their own, and the school's
shared quizzes to read and duplicate. Anyone else's quiz does not exist for them (404), so that a
teacher cannot find out what another keeps private."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from vocabquiz.auth.tokens import TokenUser
from vocabquiz.db import is_id
from vocabquiz.errors import ErrorCode, Forbidden, NotFound
from vocabquiz.quizzes.models import Quiz

NOT_FOUND = "Quiz not found"
NOT_OWNER = "Only the quiz's owner can do this; duplicate it to have a copy of your own"


async def _owner_and_shared(db: AsyncSession, quiz_id: str) -> tuple[str | None, bool]:
    row = (
        (await db.execute(select(Quiz.owner_id, Quiz.shared).where(Quiz.id == quiz_id))).first()
        if is_id(quiz_id)
        else None
    )
    if row is None:
        raise NotFound(NOT_FOUND, ErrorCode.QUIZ_NOT_FOUND)
    return row[0], row[1]


async def ensure_readable(db: AsyncSession, quiz_id: str, user: TokenUser) -> None:
    if user.is_admin:
        return  # the handler's own read says 404 for a quiz that is not there
    owner, shared = await _owner_and_shared(db, quiz_id)
    if owner != user.id and not shared:
        raise NotFound(NOT_FOUND, ErrorCode.QUIZ_NOT_FOUND)


async def ensure_owned(db: AsyncSession, quiz_id: str, user: TokenUser) -> None:
    """The quiz's owner (or an admin): edits it, opens sessions of it, reads their results."""
    if user.is_admin:
        return
    owner, shared = await _owner_and_shared(db, quiz_id)
    if owner != user.id:
        raise (
            Forbidden(NOT_OWNER, ErrorCode.QUIZ_NOT_OWNED)
            if shared
            else NotFound(NOT_FOUND, ErrorCode.QUIZ_NOT_FOUND)
        )
