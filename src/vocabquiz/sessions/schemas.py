from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from vocabquiz.auth.schemas import DisplayName
from vocabquiz.leaderboard.store import LeaderboardEntry
from vocabquiz.quizzes.schemas import ScoringRule
from vocabquiz.sessions.models import SessionStatus

SessionMode = Literal["self_paced", "live"]
LivePhase = Literal["lobby", "question", "reveal", "podium", "closed"]


class SessionIn(BaseModel):
    """How a session runs: each player at their own pace, or live, paced by the host."""

    mode: SessionMode = "self_paced"


class SessionOut(BaseModel):
    id: str
    code: str
    quiz_id: str
    quiz_title: str
    mode: SessionMode = "self_paced"
    status: SessionStatus
    question_count: int
    participant_count: int
    created_at: datetime
    closed_at: datetime | None
    scoring: ScoringRule
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


class ParticipantRename(BaseModel):
    display_name: DisplayName


class RemovedPlayerOut(BaseModel):
    """A player the teacher removed: they cannot join the session again until let back."""

    model_config = ConfigDict(from_attributes=True)

    user_id: str
    display_name: str
    removed_at: datetime


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
    # Null only once the question's time is up: the player goes on without picking (self-paced).
    choice_id: str | None = Field(max_length=100)


class ScoredAnswer(BaseModel):
    """How an answer scored, and the participant's totals and rank after it."""

    choice_id: str | None
    correct: bool
    late: bool
    points_awarded: int
    streak_bonus: int
    streak: int
    score: int
    rank: int


class AnswerResult(ScoredAnswer):
    question_id: str
    correct_choice_id: str


class LeaderboardOut(BaseModel):
    model_config = ConfigDict(extra="forbid")

    session_code: str
    status: SessionStatus
    participant_count: int
    version: int
    entries: list[LeaderboardEntry]
    me: LeaderboardEntry | None


# One change of the standings: [version, participant id, rank before (null when new), rank
# after, [name, score, answered, correct, streak]].
StandingsChange = tuple[int, str, int | None, int, tuple[str, int, int, int, int]]


class LeaderboardChanges(BaseModel):
    """A `leaderboard` event that carries every change since the session's previous frame
    (`since`) and the top entries, but no `me`: each client works out its own entry from the
    changes (docs/API.md, event stream)."""

    model_config = ConfigDict(extra="forbid")

    session_code: str
    status: SessionStatus
    participant_count: int
    version: int
    since: int
    entries: list[LeaderboardEntry]
    changes: list[StandingsChange]


# The data of a `leaderboard` event: full standings on connect (and to a client that fell
# behind), changes otherwise.
LeaderboardFrame = LeaderboardOut | LeaderboardChanges


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
    status: SessionStatus
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


# --- live sessions (docs/API.md, live sessions) ----------------------------------------------


class LiveVote(BaseModel):
    choice_id: str
    count: int


@dataclass(frozen=True, slots=True)
class LiveEntry(LeaderboardEntry):
    # The rank before the question just revealed; null for a participant who was not ranked.
    previous_rank: int | None


class LiveOutcome(ScoredAnswer):
    """A participant's own result of the question just revealed."""

    answered: bool
    # Points to the participant ranked just above; null for the first.
    behind: int | None


class LiveReveal(BaseModel):
    correct_choice_id: str
    votes: list[LiveVote]
    top: list[LiveEntry]
    me: LiveOutcome | None


class LivePodium(BaseModel):
    top: list[LeaderboardEntry]
    me: LeaderboardEntry | None


class LiveState(BaseModel):
    """A live session as the caller sees it now. The question's right choice and the votes come
    only with the reveal."""

    session_code: str
    status: SessionStatus
    phase: LivePhase
    phase_version: int
    question_index: int | None
    question_count: int
    question: TurnQuestion | None
    started_at: datetime | None
    deadline: datetime | None
    server_time: datetime
    participant_count: int
    answered_count: int
    my_choice_id: str | None
    reveal: LiveReveal | None
    podium: LivePodium | None


class LiveAction(BaseModel):
    """A host's step, valid only from the phase version the host saw: of two clicks (or two
    hosts) acting on the same phase, one goes through and the other gets 409."""

    phase_version: int = Field(ge=0)


class LiveAnswerResult(BaseModel):
    question_id: str
    choice_id: str
    locked_in: bool
