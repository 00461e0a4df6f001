from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, StrictBool

from vocabquiz.auth.schemas import DisplayName, Password, Username


class TeacherIn(BaseModel):
    username: Username
    display_name: DisplayName | None = None
    # Left out: one is made up and answered once, for the admin to hand over.
    password: Password | None = None


class TeacherPatch(BaseModel):
    disabled: StrictBool


class PasswordReset(BaseModel):
    # Left out: one is made up and answered once.
    password: Password | None = None


class TeacherOut(BaseModel):
    id: str
    username: str
    display_name: str
    disabled: bool
    created_at: datetime
    quiz_count: int


class TeacherWithPassword(TeacherOut):
    # The password made up for the account, shown this once; null when the admin chose it.
    new_password: str | None
