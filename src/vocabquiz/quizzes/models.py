from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Index, Integer, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vocabquiz.auth.models import User
from vocabquiz.db import Base, UTCDateTime, new_id, utcnow
from vocabquiz.quizzes.schemas import ScoringRule


class Quiz(Base):
    __tablename__ = "quizzes"
    __table_args__ = (
        CheckConstraint("scoring IN ('speed', 'accuracy')", name="scoring"),
        # A teacher's library and the school's, newest first (quizzes/service.py, list_quizzes).
        Index("ix_quizzes_owner_created", "owner_id", "created_at"),
        Index("ix_quizzes_shared_created", "shared", "created_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[str | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # Who may edit the quiz and open sessions of it (besides admins): its author, until an
    # admin hands it over. None once that account is gone: then only admins see it.
    owner_id: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Shared with the school: every teacher may read and duplicate it; only the owner edits.
    shared: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # How sessions opened from now on score answers; each session keeps the rule it opened with.
    scoring: Mapped[ScoringRule] = mapped_column(
        String(10), default="speed", server_default="speed"
    )
    streak_bonus: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    # Loaded where a quiz is read whole (quizzes/service.py, get_quiz).
    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id], lazy="raise", viewonly=True)
    questions: Mapped[list[Question]] = relationship(
        back_populates="quiz",
        order_by="Question.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )

    @property
    def owner_name(self) -> str | None:
        return self.owner.display_name if self.owner is not None else None


class Question(Base):
    __tablename__ = "questions"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    quiz_id: Mapped[str] = mapped_column(ForeignKey("quizzes.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    prompt: Mapped[str] = mapped_column(String(500))
    time_limit_s: Mapped[int | None] = mapped_column(Integer)
    points: Mapped[int] = mapped_column(Integer)

    quiz: Mapped[Quiz] = relationship(back_populates="questions")
    choices: Mapped[list[Choice]] = relationship(
        back_populates="question",
        order_by="Choice.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
        lazy="selectin",
    )


class Choice(Base):
    __tablename__ = "choices"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    question_id: Mapped[str] = mapped_column(
        ForeignKey("questions.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(200))
    correct: Mapped[bool] = mapped_column(Boolean)

    question: Mapped[Question] = relationship(back_populates="choices")
