"""Teachers' accounts, as an admin manages them: create, reset a password, disable."""

from __future__ import annotations

import secrets

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from vocabquiz.auth import service as auth_service
from vocabquiz.auth.models import User
from vocabquiz.auth.passwords import hash_password
from vocabquiz.db import is_id, utcnow
from vocabquiz.errors import ErrorCode, NotFound
from vocabquiz.quizzes.models import Quiz
from vocabquiz.teachers.schemas import TeacherOut

# No 0/o, 1/l/i: a made-up password is read aloud or copied by hand.
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def made_up_password() -> str:
    """Four groups of four: about 79 bits, easy to type."""
    groups = ("".join(secrets.choice(_ALPHABET) for _ in range(4)) for _ in range(4))
    return "-".join(groups)


def teacher_out(user: User, quiz_count: int) -> TeacherOut:
    return TeacherOut(
        id=user.id,
        username=user.username or "",
        display_name=user.display_name,
        disabled=user.disabled_at is not None,
        created_at=user.created_at,
        quiz_count=quiz_count,
    )


async def _quiz_count(db: AsyncSession, user_id: str) -> int:
    return await db.scalar(select(func.count(Quiz.id)).where(Quiz.owner_id == user_id)) or 0


async def list_teachers(db: AsyncSession) -> list[TeacherOut]:
    """Every teacher, by name, with how many quizzes each owns."""
    quizzes = select(func.count(Quiz.id)).where(Quiz.owner_id == User.id).scalar_subquery()
    rows = await db.execute(
        select(User, quizzes)
        .where(User.role == "teacher")
        .order_by(func.lower(User.display_name), User.username_key)
    )
    return [teacher_out(user, count) for user, count in rows]


async def create_teacher(
    db: AsyncSession, username: str, display_name: str | None, password: str
) -> User:
    return await auth_service.register(db, username, password, display_name, role="teacher")


async def teacher(db: AsyncSession, user_id: str) -> User:
    user = await db.get(User, user_id) if is_id(user_id) else None
    if user is None or user.role != "teacher":
        raise NotFound("Teacher not found", ErrorCode.TEACHER_NOT_FOUND)
    return user


async def reset_password(db: AsyncSession, user_id: str, password: str) -> TeacherOut:
    """A new password; every token issued before stops working."""
    user = await teacher(db, user_id)
    await db.commit()  # no connection held while the password is hashed
    user.password_hash = await hash_password(password)
    user.token_version += 1
    await db.commit()
    return teacher_out(user, await _quiz_count(db, user.id))


async def set_disabled(db: AsyncSession, user_id: str, disabled: bool) -> TeacherOut:
    """A disabled account cannot sign in and its tokens stop working at once (they stay revoked
    when it is enabled again); its quizzes and sessions stay, for admins to read."""
    user = await teacher(db, user_id)
    if disabled and user.disabled_at is None:
        user.disabled_at = utcnow()
        user.token_version += 1
    elif not disabled:
        user.disabled_at = None
    await db.commit()
    return teacher_out(user, await _quiz_count(db, user.id))
