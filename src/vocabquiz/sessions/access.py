"""Who runs a session: the teacher who opened it, and admins. To another teacher a session is one
that anyone with its code may join, and its management is not there (404)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from vocabquiz.auth.tokens import TokenUser
from vocabquiz.errors import ErrorCode, NotFound
from vocabquiz.sessions.codes import normalize_code
from vocabquiz.sessions.models import QuizSession

NOT_FOUND = "Session not found"


async def runs(db: AsyncSession, raw_code: str, user: TokenUser) -> bool:
    """Whether the user runs this session (False too when there is no such session)."""
    if user.is_admin:
        return True
    if user.role != "teacher":
        return False
    code = normalize_code(raw_code)
    if code is None:
        return False
    opened_by = await db.scalar(select(QuizSession.opened_by).where(QuizSession.code == code))
    return opened_by is not None and opened_by == user.id


async def ensure_runs(db: AsyncSession, raw_code: str, user: TokenUser) -> None:
    if not await runs(db, raw_code, user):
        raise NotFound(NOT_FOUND, ErrorCode.SESSION_NOT_FOUND)
