from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Query, Request, Response, status
from fastapi.exceptions import RequestValidationError
from starlette.datastructures import UploadFile

from vocabquiz.dependencies import Admin, Db, QuizOwner, QuizReader, Staff, State
from vocabquiz.errors import (
    ROWS_REJECTED,
    Conflict,
    Forbidden,
    NotFound,
    Unauthorized,
    responses,
)
from vocabquiz.jobs.router import JobOut
from vocabquiz.jobs.tasks import IMPORT
from vocabquiz.quizzes import service, wordlist
from vocabquiz.quizzes.schemas import (
    HandOver,
    PreviewQuestion,
    QuestionIn,
    QuestionOut,
    QuizIn,
    QuizOut,
    QuizPatch,
    QuizScope,
    QuizSummary,
    WordListPreview,
)
from vocabquiz.sessions import quiz_use

router = APIRouter(
    prefix="/api/quizzes", tags=["quizzes"], responses=responses(Unauthorized, Forbidden)
)
T = TypeVar("T")


@router.post("", status_code=status.HTTP_201_CREATED)
async def create_quiz(body: QuizIn, user: Staff, db: Db) -> QuizOut:
    return QuizOut.model_validate(await service.create_quiz(db, body, user.id))


@router.get("")
async def list_quizzes(
    user: Staff,
    db: Db,
    scope: Annotated[
        QuizScope,
        Query(
            description="`mine`: the caller's own; `school`: shared with the school; "
            "`visible` (default): both, and for an admin every quiz"
        ),
    ] = "visible",
    limit: Annotated[int, Query(ge=1, le=1000)] = 1000,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[QuizSummary]:
    quizzes = await service.list_quizzes(db, user, scope, limit, offset)
    sessions = await quiz_use.session_counts(db, [quiz.id for quiz, _, _ in quizzes])
    return [
        service.summary(quiz, questions, sessions.get(quiz.id, 0), owner_name)
        for quiz, questions, owner_name in quizzes
    ]


@router.get("/{quiz_id}", responses=responses(NotFound))
async def get_quiz(quiz_id: str, _user: QuizReader, db: Db) -> QuizOut:
    return QuizOut.model_validate(await service.get_quiz(db, quiz_id))


@router.patch("/{quiz_id}", responses=responses(NotFound))
async def update_quiz(quiz_id: str, body: QuizPatch, _owner: QuizOwner, db: Db) -> QuizOut:
    return QuizOut.model_validate(await service.update_quiz(db, quiz_id, body))


@router.delete(
    "/{quiz_id}", status_code=status.HTTP_204_NO_CONTENT, responses=responses(NotFound, Conflict)
)
async def delete_quiz(quiz_id: str, _owner: QuizOwner, db: Db) -> Response:
    await quiz_use.ensure_deletable(db, quiz_id)
    await service.delete_quiz(db, quiz_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{quiz_id}/duplicate", status_code=status.HTTP_201_CREATED, responses=responses(NotFound)
)
async def duplicate_quiz(quiz_id: str, user: QuizReader, db: Db) -> QuizOut:
    """A copy in the caller's own library: of their own quiz, a shared one, or (admins) any."""
    return QuizOut.model_validate(await service.duplicate_quiz(db, quiz_id, user.id))


@router.post("/{quiz_id}/owner", responses=responses(NotFound))
async def hand_over_quiz(quiz_id: str, body: HandOver, _admin: Admin, db: Db) -> QuizOut:
    """Make the quiz another teacher's (admins only)."""
    return QuizOut.model_validate(await service.hand_over(db, quiz_id, body.user_id))


@router.post(
    "/{quiz_id}/questions",
    status_code=status.HTTP_201_CREATED,
    responses=responses(NotFound, Conflict),
)
async def add_question(quiz_id: str, body: QuestionIn, _owner: QuizOwner, db: Db) -> QuestionOut:
    await quiz_use.ensure_editable(db, quiz_id)
    return QuestionOut.model_validate(await service.add_question(db, quiz_id, body))


@router.put("/{quiz_id}/questions/{question_id}", responses=responses(NotFound, Conflict))
async def replace_question(
    quiz_id: str, question_id: str, body: QuestionIn, _owner: QuizOwner, db: Db
) -> QuestionOut:
    await quiz_use.ensure_editable(db, quiz_id)
    return QuestionOut.model_validate(
        await service.replace_question(db, quiz_id, question_id, body)
    )


@router.delete(
    "/{quiz_id}/questions/{question_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(NotFound, Conflict),
)
async def delete_question(quiz_id: str, question_id: str, _owner: QuizOwner, db: Db) -> Response:
    await quiz_use.ensure_editable(db, quiz_id)
    await service.delete_question(db, quiz_id, question_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


# --- word lists ----------------------------------------------------------------------------------

WORD_LIST_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "A CSV word list: the body itself (text/csv), or a file field `file`.",
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}},
                    "required": ["file"],
                }
            },
        },
    }
}


def _invalid(loc: tuple[str, ...], message: str) -> RequestValidationError:
    """A 422 in FastAPI's standard shape, for rules a parameter's declaration cannot say."""
    return RequestValidationError([{"type": "value_error", "loc": loc, "msg": message}])


async def _word_list_bytes(request: Request) -> bytes:
    if request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        async with request.form(max_files=1, max_fields=1) as form:
            upload = form.get("file")
            if not isinstance(upload, UploadFile):
                raise _invalid(("body", "file"), "attach the word list as a file named “file”")
            return await upload.read()
    return await request.body()


def _options(
    direction: Annotated[
        wordlist.Direction,
        Query(description="What the questions ask for: the meaning, the word, or both"),
    ] = "word_to_meaning",
    choices: Annotated[int, Query(ge=2, le=6, description="Choices per question")] = 4,
    time_limit_s: Annotated[
        int, Query(ge=0, le=300, description="Seconds per question, 5-300; 0 for untimed")
    ] = 20,
    points: Annotated[int, Query(ge=0, le=10_000)] = 1000,
) -> wordlist.Options:
    if 0 < time_limit_s < 5:
        raise _invalid(("query", "time_limit_s"), "must be 0 (untimed) or between 5 and 300")
    return wordlist.Options(direction, choices, time_limit_s or None, points)


Options = Annotated[wordlist.Options, Depends(_options)]
Seed = Annotated[
    int | None, Query(ge=0, le=2**31 - 1, description="Makes the same questions as a preview")
]


@dataclass(frozen=True, slots=True)
class _Generated:
    seed: int
    words: list[wordlist.Word]
    questions: list[QuestionIn]


# Word lists are read on a thread of their own, one at a time per process: reading 2,000 rows
# takes long enough that on the event loop it would hold up every request meanwhile.
_READING = ThreadPoolExecutor(max_workers=1, thread_name_prefix="word-list")


def _read(raw: bytes, options: wordlist.Options, seed: int) -> _Generated:
    words = wordlist.read(wordlist.decode(raw), options)
    return _Generated(seed, words, wordlist.questions(words, options, seed))


def _preview(raw: bytes, options: wordlist.Options, seed: int) -> bytes:
    made = _read(raw, options, seed)
    preview = WordListPreview(
        seed=made.seed,
        word_count=len(made.words),
        questions=[PreviewQuestion.model_validate(q.model_dump()) for q in made.questions],
    )
    return preview.model_dump_json().encode()


async def _on_reading_thread(
    request: Request,
    make: Callable[[bytes, wordlist.Options, int], T],
    options: wordlist.Options,
    seed: int | None,
) -> T:
    """`make(raw, options, seed)` for the word list in the body; a random seed unless given."""
    seed = secrets.randbelow(2**31) if seed is None else seed
    raw = await _word_list_bytes(request)
    return await asyncio.get_running_loop().run_in_executor(_READING, make, raw, options, seed)


@router.post(
    "/{quiz_id}/import/preview",
    openapi_extra=WORD_LIST_BODY,
    response_model=WordListPreview,
    responses={**responses(NotFound), **ROWS_REJECTED},
)
async def preview_word_list(
    quiz_id: str, request: Request, options: Options, _owner: QuizOwner, db: Db, seed: Seed = None
) -> Response:
    await service.get_quiz(db, quiz_id)
    # Written on the reading thread too: 4,000 questions take a while to turn into JSON.
    body = await _on_reading_thread(request, _preview, options, seed)
    return Response(body, media_type="application/json")


@router.post(
    "/{quiz_id}/import",
    status_code=status.HTTP_201_CREATED,
    openapi_extra=WORD_LIST_BODY,
    response_model=None,
    responses={
        **responses(NotFound, Conflict),
        **ROWS_REJECTED,
        201: {"model": QuizOut, "description": "The quiz with the new questions last"},
        202: {
            "model": JobOut,
            "description": "A list longer than VOCABQUIZ_IMPORT_BACKGROUND_ROWS: the job that "
            "adds it, to poll at GET /api/jobs/{job_id}",
        },
    },
)
async def import_word_list(
    quiz_id: str,
    request: Request,
    options: Options,
    owner: QuizOwner,
    db: Db,
    state: State,
    response: Response,
    seed: Seed = None,
) -> QuizOut | JobOut:
    quiz = await service.get_quiz(db, quiz_id)
    made = await _on_reading_thread(request, _read, options, seed)
    await quiz_use.ensure_editable(db, quiz_id)
    service.room_for(quiz, len(made.questions))  # a list that cannot fit is refused at once
    if len(made.questions) <= state.settings.import_background_rows:
        return QuizOut.model_validate(await service.append_questions(db, quiz_id, made.questions))
    # A long list is added by a job, off this process's requests; the client polls it.
    questions = [q.model_dump(mode="json") for q in made.questions]
    jobs = state.jobs.queue
    job_id = await jobs.enqueue(
        IMPORT, {"quiz_id": quiz_id, "questions": questions}, owner_id=owner.id, timeout_s=300
    )
    found = await jobs.state(job_id) if job_id is not None else None
    assert found is not None  # a fresh key is always taken
    response.status_code = status.HTTP_202_ACCEPTED
    return JobOut.model_validate(found)
