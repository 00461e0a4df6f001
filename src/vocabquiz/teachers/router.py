from __future__ import annotations

from fastapi import APIRouter, status

from vocabquiz.dependencies import Admin, Db
from vocabquiz.errors import Conflict, Forbidden, NotFound, Unauthorized, responses
from vocabquiz.teachers import service
from vocabquiz.teachers.schemas import (
    PasswordReset,
    TeacherIn,
    TeacherOut,
    TeacherPatch,
    TeacherWithPassword,
)

router = APIRouter(
    prefix="/api/teachers", tags=["teachers"], responses=responses(Unauthorized, Forbidden)
)


@router.get("")
async def list_teachers(_admin: Admin, db: Db) -> list[TeacherOut]:
    return await service.list_teachers(db)


@router.post("", status_code=status.HTTP_201_CREATED, responses=responses(Conflict))
async def create_teacher(body: TeacherIn, _admin: Admin, db: Db) -> TeacherWithPassword:
    password = body.password or service.made_up_password()
    user = await service.create_teacher(db, body.username, body.display_name, password)
    return TeacherWithPassword(
        **service.teacher_out(user, 0).model_dump(),
        new_password=None if body.password else password,
    )


@router.patch("/{user_id}", responses=responses(NotFound))
async def change_teacher(user_id: str, body: TeacherPatch, _admin: Admin, db: Db) -> TeacherOut:
    return await service.set_disabled(db, user_id, body.disabled)


@router.post("/{user_id}/password", responses=responses(NotFound))
async def reset_password(
    user_id: str, body: PasswordReset, _admin: Admin, db: Db
) -> TeacherWithPassword:
    """A new password for the teacher; every token they had stops working."""
    password = body.password or service.made_up_password()
    changed = await service.reset_password(db, user_id, password)
    return TeacherWithPassword(
        **changed.model_dump(), new_password=None if body.password else password
    )
