from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from vocabquiz.text_rules import clean_line

Username = Annotated[
    str, StringConstraints(min_length=3, max_length=32, pattern=r"^[A-Za-z0-9_.-]+$")
]
Password = Annotated[str, StringConstraints(min_length=8, max_length=128)]
DisplayName = Annotated[
    str,
    Field(max_length=200),
    AfterValidator(clean_line),
    StringConstraints(min_length=1, max_length=40),
]


class RegisterIn(BaseModel):
    username: Username
    password: Password
    display_name: DisplayName | None = None


class LoginIn(BaseModel):
    username: Annotated[str, StringConstraints(max_length=200)]
    password: Annotated[str, StringConstraints(max_length=1000)]


class GuestIn(BaseModel):
    display_name: DisplayName


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    username: str | None
    display_name: str
    role: Literal["admin", "teacher", "player"]
    is_guest: bool


class TokenOut(BaseModel):
    access_token: str
    token_type: Literal["bearer"] = "bearer"
    user: UserOut
