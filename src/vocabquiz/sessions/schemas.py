from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class SessionOut(BaseModel):
    id: str
    code: str
    quiz_id: str
    quiz_title: str
    status: Literal["open", "closed"]
    question_count: int
    participant_count: int
    created_at: datetime
    closed_at: datetime | None
    scoring: Literal["speed", "accuracy"]
    streak_bonus: bool


class ParticipantOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    session_code: str
    display_name: str
    score: int
    answered_count: int
    correct_count: int
    streak: int
    joined_at: datetime


class TurnChoice(BaseModel):
    """A choice as a player sees it: in an order of their own, without whether it is right."""

    id: str
    text: str


class TurnQuestion(BaseModel):
    id: str
    prompt: str
    choices: list[TurnChoice]
    time_limit_s: int | None
    points: int


class Turn(BaseModel):
    finished: bool
    index: int
    total: int
    question: TurnQuestion | None
    served_at: datetime | None
    deadline: datetime | None


class AnswerIn(BaseModel):
    question_id: str = Field(max_length=100)
    choice_id: str = Field(max_length=100)


class AnswerResult(BaseModel):
    question_id: str
    choice_id: str
    correct: bool
    correct_choice_id: str
    late: bool
    points_awarded: int
    streak_bonus: int
    streak: int
    score: int
    rank: int


class LeaderboardEntry(BaseModel):
    rank: int
    participant_id: str
    display_name: str
    score: int
    answered_count: int
    correct_count: int
    streak: int


class LeaderboardOut(BaseModel):
    session_code: str
    status: Literal["open", "closed"]
    participant_count: int
    version: int
    entries: list[LeaderboardEntry]
    me: LeaderboardEntry | None


class AnswerRecord(BaseModel):
    question_id: str | None
    choice_id: str | None
    correct: bool
    late: bool
    points_awarded: int
    streak_bonus: int
    streak: int
    elapsed_ms: int
    answered_at: datetime


class ParticipantResult(ParticipantOut):
    rank: int
    answers: list[AnswerRecord]


class HistoryEntry(BaseModel):
    session_code: str
    quiz_title: str
    status: Literal["open", "closed"]
    score: int
    rank: int
    participant_count: int
    answered_count: int
    correct_count: int
    # Answers that were wrong or too late: what a practice run goes over.
    missed_count: int
    joined_at: datetime


class ChoiceStats(BaseModel):
    choice_id: str
    text: str
    correct: bool
    picked: int


class QuestionStats(BaseModel):
    question_id: str
    position: int
    prompt: str
    answer_count: int
    correct_count: int
    late_count: int
    # Share of answers that picked the right choice (0-1); null before anyone answered.
    correct_share: float | None
    median_elapsed_ms: int | None
    choices: list[ChoiceStats]


class QuestionAnalytics(BaseModel):
    """How a quiz went, question by question: the most often missed first."""

    quiz_id: str
    quiz_title: str
    session_code: str | None
    session_count: int
    participant_count: int
    answer_count: int
    questions: list[QuestionStats]


class PracticeChoice(BaseModel):
    id: str
    text: str
    correct: bool


class PracticeQuestion(BaseModel):
    id: str
    prompt: str
    choices: list[PracticeChoice]


class Practice(BaseModel):
    """The questions a player missed in a session (wrong or too late), to go over privately."""

    session_code: str
    quiz_title: str
    questions: list[PracticeQuestion]
