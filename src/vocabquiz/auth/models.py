from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from vocabquiz.db import Base, UTCDateTime, new_id, utcnow


class User(Base):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint("role IN ('admin', 'teacher', 'player')", name="role"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    username: Mapped[str | None] = mapped_column(String(32))
    # Lower-cased username: makes uniqueness case-insensitive on every backend.
    username_key: Mapped[str | None] = mapped_column(String(32), unique=True)
    display_name: Mapped[str] = mapped_column(String(40))
    password_hash: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(10), default="player")
    is_guest: Mapped[bool] = mapped_column(Boolean, default=False)
    # Tokens carry the version they were issued at; raising it revokes them all.
    token_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # A disabled account cannot sign in and its tokens are refused (auth/accounts.py).
    disabled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
