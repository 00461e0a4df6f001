from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from vocabquiz.text_rules import clean_line, clean_text

Title = Annotated[
    str,
    Field(max_length=1000),
    AfterValidator(clean_line),
    StringConstraints(min_length=1, max_length=200),
]
Description = Annotated[
    str, Field(max_length=10_000), AfterValidator(clean_text), StringConstraints(max_length=2000)
]
Prompt = Annotated[
    str,
    Field(max_length=2000),
    AfterValidator(clean_text),
    StringConstraints(min_length=1, max_length=500),
]
ChoiceText = Annotated[
    str,
    Field(max_length=1000),
    AfterValidator(clean_line),
    StringConstraints(min_length=1, max_length=200),
]

DEFAULT_TIME_LIMIT_S = 20
DEFAULT_POINTS = 1000

# How a session scores its answers (sessions/scoring.py); a quiz says which rule its sessions use.
ScoringRule = Literal["speed", "accuracy"]
StrictBool = Annotated[bool, Field(strict=True)]
TimeLimit = Annotated[int, Field(ge=5, le=300, strict=True)]
Points = Annotated[int, Field(ge=0, le=10_000, strict=True)]


class ChoiceIn(BaseModel):
    text: ChoiceText
    # Strict: "false" or 0 must not quietly become a flag that decides the scoring.
    correct: StrictBool


class QuestionIn(BaseModel):
    prompt: Prompt
    choices: Annotated[list[ChoiceIn], Field(min_length=2, max_length=6)]
    time_limit_s: TimeLimit | None = DEFAULT_TIME_LIMIT_S
    points: Points = DEFAULT_POINTS

    @model_validator(mode="after")
    def _one_correct_distinct(self) -> QuestionIn:
        correct = sum(c.correct for c in self.choices)
        if correct != 1:
            raise ValueError(f"exactly one choice must be correct, not {correct}")
        texts = [c.text.casefold() for c in self.choices]
        if len(set(texts)) != len(texts):
            raise ValueError("choice texts must be distinct (ignoring case)")
        return self


class QuizIn(BaseModel):
    title: Title
    description: Description = ""
    questions: Annotated[list[QuestionIn], Field(max_length=1000)] = []
    scoring: ScoringRule = "speed"
    streak_bonus: StrictBool = False


class QuizPatch(BaseModel):
    title: Title | None = None
    description: Description | None = None
    scoring: ScoringRule | None = None
    streak_bonus: StrictBool | None = None
    # Shared with the school: every teacher may read and duplicate it.
    shared: StrictBool | None = None

    @field_validator("title", "description", "scoring", "streak_bonus", "shared", mode="before")
    @classmethod
    def _not_null(cls, value: object) -> object:
        # Leaving a field out keeps it; null is not a value of any of them.
        if value is None:
            raise ValueError("must not be null; leave it out to keep it")
        return value


class ChoiceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    text: str
    correct: bool


class QuestionOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    position: int
    prompt: str
    choices: list[ChoiceOut]
    time_limit_s: int | None
    points: int


class QuizOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    title: str
    description: str
    created_at: datetime
    updated_at: datetime
    scoring: ScoringRule
    streak_bonus: bool
    owner_id: str | None
    owner_name: str | None
    shared: bool
    questions: list[QuestionOut]


class QuizSummary(BaseModel):
    id: str
    title: str
    description: str
    question_count: int
    session_count: int
    scoring: ScoringRule
    streak_bonus: bool
    owner_id: str | None
    owner_name: str | None
    shared: bool
    created_at: datetime


QuizScope = Literal["visible", "mine", "school"]


class HandOver(BaseModel):
    """Whose the quiz becomes: a teacher's or an admin's account."""

    user_id: str


class PreviewChoice(BaseModel):
    text: str
    correct: bool


class PreviewQuestion(BaseModel):
    prompt: str
    choices: list[PreviewChoice]
    time_limit_s: int | None
    points: int


class WordListPreview(BaseModel):
    """The questions a word list makes; importing with the same `seed` makes exactly these."""

    seed: int
    word_count: int
    questions: list[PreviewQuestion]
