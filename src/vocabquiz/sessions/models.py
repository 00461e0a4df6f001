from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column

from vocabquiz.db import Base, UTCDateTime, new_id, utcnow
from vocabquiz.quizzes.schemas import ScoringRule


class SessionStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class QuizSession(Base):
    """One run of a quiz, joined by its code."""

    __tablename__ = "sessions"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'closed')", name="status"),
        CheckConstraint("scoring IN ('speed', 'accuracy')", name="scoring"),
        CheckConstraint("mode IN ('self_paced', 'live')", name="mode"),
        Index("ix_sessions_opened_by_created", "opened_by", "created_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(6), unique=True)
    # RESTRICT: a quiz with sessions keeps its history.
    quiz_id: Mapped[str] = mapped_column(ForeignKey("quizzes.id", ondelete="RESTRICT"), index=True)
    status: Mapped[SessionStatus] = mapped_column(String(10), default=SessionStatus.OPEN)
    # The teacher (or admin) who opened it: they and admins run it and read its results.
    opened_by: Mapped[str | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The quiz's scoring rule when the session opened: editing the quiz never rescores a session.
    scoring: Mapped[ScoringRule] = mapped_column(
        String(10), default="speed", server_default="speed"
    )
    streak_bonus: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Live sessions (sessions/live.py): the host paces them through phases; every change of
    # phase raises phase_version, and a change is made only from the version it was asked for.
    mode: Mapped[str] = mapped_column(String(12), default="self_paced", server_default="self_paced")
    phase: Mapped[str | None] = mapped_column(String(10))
    phase_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    question_index: Mapped[int | None] = mapped_column(Integer)
    question_id: Mapped[str | None] = mapped_column(String(36))
    question_started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    question_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # What renames and removals of players add to the standings' version, which otherwise counts
    # joins and answers: each of them moves it up by one as well (sessions/roster.py).
    roster_changes: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Participant(Base):
    __tablename__ = "participants"
    __table_args__ = (
        UniqueConstraint("session_id", "user_id"),
        # Two learners are never both "Zoe" in one session (sessions/service.py, join).
        UniqueConstraint("session_id", "name_key"),
        Index("ix_participants_user_joined", "user_id", "joined_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    session_id: Mapped[str] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    display_name: Mapped[str] = mapped_column(String(40))
    # The name folded (case, spaces) for uniqueness within the session; None on rows from before.
    name_key: Mapped[str | None] = mapped_column(String(40))
    score: Mapped[int] = mapped_column(Integer, default=0)
    answered_count: Mapped[int] = mapped_column(Integer, default=0)
    correct_count: Mapped[int] = mapped_column(Integer, default=0)
    # Right answers in a row, up to and including the last one.
    streak: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # When the participant reached their current score: the first tie-breaker of the standings.
    reached_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # The question now served to this participant and when its clock started.
    served_question_id: Mapped[str | None] = mapped_column(
        ForeignKey("questions.id", ondelete="SET NULL")
    )
    served_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Live sessions: the rank after the last reveal, and the one before it.
    live_rank: Mapped[int | None] = mapped_column(Integer)
    live_previous_rank: Mapped[int | None] = mapped_column(Integer)


class RemovedPlayer(Base):
    """A player the teacher removed from a session: they cannot join it again until let back."""

    __tablename__ = "removed_players"

    session_id: Mapped[str] = mapped_column(
        ForeignKey("sessions.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[str] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    display_name: Mapped[str] = mapped_column(String(40))
    removed_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Answer(Base):
    __tablename__ = "answers"
    __table_args__ = (UniqueConstraint("participant_id", "question_id"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    participant_id: Mapped[str] = mapped_column(ForeignKey("participants.id", ondelete="CASCADE"))
    # SET NULL: editing a quiz after its sessions closed keeps their answers as history.
    question_id: Mapped[str | None] = mapped_column(
        ForeignKey("questions.id", ondelete="SET NULL"), index=True
    )
    choice_id: Mapped[str | None] = mapped_column(
        ForeignKey("choices.id", ondelete="SET NULL"), index=True
    )
    correct: Mapped[bool] = mapped_column(Boolean)
    late: Mapped[bool] = mapped_column(Boolean)
    points_awarded: Mapped[int] = mapped_column(Integer)
    # The part of points_awarded that is streak bonus; the rest came from the question.
    streak_bonus: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    streak: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The participant's total right after this answer: a retry returns it unchanged.
    score_after: Mapped[int] = mapped_column(Integer)
    served_at: Mapped[datetime] = mapped_column(UTCDateTime)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    elapsed_ms: Mapped[int] = mapped_column(Integer)
