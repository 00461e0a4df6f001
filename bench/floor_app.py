"""The floor: a bare FastAPI app with the shapes of the playing path and no I/O, served by the
same uvicorn settings as `vocabquiz serve`. bench/floor.py measures it beside the service.

    .venv/bin/uvicorn bench.floor_app:app --loop uvloop --http httptools --no-access-log
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fastapi import FastAPI
from pydantic import BaseModel

app = FastAPI()


class Choice(BaseModel):
    id: str
    text: str


class Question(BaseModel):
    id: str
    prompt: str
    choices: list[Choice]
    time_limit_s: int | None
    points: int


class Turn(BaseModel):
    finished: bool
    index: int
    total: int
    question: Question | None
    served_at: datetime | None
    deadline: datetime | None


class AnswerIn(BaseModel):
    question_id: str
    choice_id: str


class AnswerResult(BaseModel):
    question_id: str
    choice_id: str
    correct: bool
    correct_choice_id: str
    late: bool
    points_awarded: int
    score: int
    rank: int


_ID = "0b5d3c1e-8f3a-4f6e-9d51-6a3c1e2b7f90"
_SERVED = datetime(2026, 1, 1, tzinfo=UTC)
TURN = Turn(
    finished=False,
    index=3,
    total=20,
    question=Question(
        id=_ID,
        prompt="What does 'vivid' mean?",
        choices=[Choice(id=_ID, text=t) for t in ("bright and clear", "dull", "quiet", "sad")],
        time_limit_s=20,
        points=1000,
    ),
    served_at=_SERVED,
    deadline=_SERVED + timedelta(seconds=20),
)


@app.get("/question")
async def question() -> Turn:
    return TURN


@app.post("/answers")
async def answer(body: AnswerIn) -> AnswerResult:
    return AnswerResult(
        question_id=body.question_id,
        choice_id=body.choice_id,
        correct=True,
        correct_choice_id=body.choice_id,
        late=False,
        points_awarded=900,
        score=2700,
        rank=1,
    )
