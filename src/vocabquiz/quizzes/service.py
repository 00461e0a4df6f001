"""Quiz authoring: quizzes, their questions and choices."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Sequence

from fastapi.exceptions import RequestValidationError
from sqlalchemy import func, insert, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import joinedload, selectinload

from vocabquiz.auth.models import User
from vocabquiz.auth.tokens import STAFF_ROLES, TokenUser
from vocabquiz.db import is_id, new_id, utcnow
from vocabquiz.errors import ErrorCode, NotFound, RowCode, RowProblem, RowsRejected, Unprocessable
from vocabquiz.quizzes.models import Choice, Question, Quiz
from vocabquiz.quizzes.schemas import QuestionIn, QuizIn, QuizPatch, QuizScope, QuizSummary

# The most questions a quiz holds, however they were added: a quiz is read whole to edit it and
# to play it, and this keeps that read in bounds.
# Questions per INSERT when an import reports its progress.
_PART = 250
MAX_QUESTIONS = 4000


def _question(data: QuestionIn, position: int) -> Question:
    return Question(
        position=position,
        prompt=data.prompt,
        time_limit_s=data.time_limit_s,
        points=data.points,
        choices=[
            Choice(position=i, text=c.text, correct=c.correct) for i, c in enumerate(data.choices)
        ],
    )


async def get_quiz(db: AsyncSession, quiz_id: str) -> Quiz:
    quiz = (
        await db.scalar(
            select(Quiz)
            .where(Quiz.id == quiz_id)
            .options(selectinload(Quiz.questions), joinedload(Quiz.owner))
        )
        if is_id(quiz_id)
        else None
    )
    if quiz is None:
        raise NotFound("Quiz not found", ErrorCode.QUIZ_NOT_FOUND)
    return quiz


async def create_quiz(db: AsyncSession, data: QuizIn, author_id: str | None) -> Quiz:
    quiz = Quiz(
        title=data.title,
        description=data.description,
        created_by=author_id,
        owner_id=author_id,
        scoring=data.scoring,
        streak_bonus=data.streak_bonus,
        questions=[_question(q, i) for i, q in enumerate(data.questions)],
    )
    db.add(quiz)
    await db.commit()
    return await get_quiz(db, quiz.id)


async def list_quizzes(
    db: AsyncSession, user: TokenUser, scope: QuizScope, limit: int, offset: int
) -> list[tuple[Quiz, int, str | None]]:
    """The quizzes of a scope the user can see, newest first, with their number of questions
    and their owner's name: `mine`, their own; `school`, the shared ones; `visible`, both (an
    admin: every quiz)."""
    questions = select(func.count(Question.id)).where(Question.quiz_id == Quiz.id).scalar_subquery()
    query = select(Quiz, questions, User.display_name).outerjoin(User, User.id == Quiz.owner_id)
    if scope == "mine":
        query = query.where(Quiz.owner_id == user.id)
    elif scope == "school":
        query = query.where(Quiz.shared)
    elif not user.is_admin:
        query = query.where(or_(Quiz.owner_id == user.id, Quiz.shared))
    rows = await db.execute(
        query.order_by(Quiz.created_at.desc(), Quiz.id.desc()).limit(limit).offset(offset)
    )
    return [(quiz, count, owner_name) for quiz, count, owner_name in rows]


def summary(
    quiz: Quiz, question_count: int, session_count: int, owner_name: str | None
) -> QuizSummary:
    return QuizSummary(
        id=quiz.id,
        title=quiz.title,
        description=quiz.description,
        question_count=question_count,
        session_count=session_count,
        scoring=quiz.scoring,
        streak_bonus=quiz.streak_bonus,
        owner_id=quiz.owner_id,
        owner_name=owner_name,
        shared=quiz.shared,
        created_at=quiz.created_at,
    )


async def update_quiz(db: AsyncSession, quiz_id: str, patch: QuizPatch) -> Quiz:
    quiz = await get_quiz(db, quiz_id)
    if patch.title is not None:
        quiz.title = patch.title
    if patch.description is not None:
        quiz.description = patch.description
    if patch.scoring is not None:
        quiz.scoring = patch.scoring
    if patch.streak_bonus is not None:
        quiz.streak_bonus = patch.streak_bonus
    if patch.shared is not None:
        quiz.shared = patch.shared
    quiz.updated_at = utcnow()
    await db.commit()
    return await get_quiz(db, quiz_id)


async def delete_quiz(db: AsyncSession, quiz_id: str) -> None:
    await db.delete(await get_quiz(db, quiz_id))
    await db.commit()


def _find_question(quiz: Quiz, question_id: str) -> Question:
    for question in quiz.questions:
        if question.id == question_id:
            return question
    raise NotFound("Question not found", ErrorCode.QUESTION_NOT_FOUND)


async def add_question(db: AsyncSession, quiz_id: str, data: QuestionIn) -> Question:
    quiz = await get_quiz(db, quiz_id)
    if len(quiz.questions) >= MAX_QUESTIONS:
        raise Unprocessable(
            f"The quiz has {MAX_QUESTIONS:,} questions, the most a quiz holds", ErrorCode.QUIZ_FULL
        )
    question = _question(data, len(quiz.questions))
    quiz.questions.append(question)
    quiz.updated_at = utcnow()
    await db.commit()
    return question


async def replace_question(
    db: AsyncSession, quiz_id: str, question_id: str, data: QuestionIn
) -> Question:
    quiz = await get_quiz(db, quiz_id)
    question = _find_question(quiz, question_id)
    question.prompt = data.prompt
    question.time_limit_s = data.time_limit_s
    question.points = data.points
    question.choices = [
        Choice(position=i, text=c.text, correct=c.correct) for i, c in enumerate(data.choices)
    ]
    quiz.updated_at = utcnow()
    await db.commit()
    await db.refresh(question, ["choices"])
    return question


async def delete_question(db: AsyncSession, quiz_id: str, question_id: str) -> None:
    quiz = await get_quiz(db, quiz_id)
    question = _find_question(quiz, question_id)
    quiz.questions.remove(question)
    for position, remaining in enumerate(quiz.questions):
        remaining.position = position
    quiz.updated_at = utcnow()
    await db.commit()


def room_for(quiz: Quiz, adding: int) -> int:
    """The quiz's question count, once it is sure that `adding` more fit under the cap."""
    start = len(quiz.questions)
    if start + adding > MAX_QUESTIONS:
        params = {
            "total": start + adding,
            "existing": start,
            "adding": adding,
            "max": MAX_QUESTIONS,
        }
        raise RowsRejected([RowProblem(None, RowCode.QUIZ_TOO_FULL, params)])
    return start


# A question as plain values: prompt, time limit, points, and (text, correct) of each choice.
QuestionRow = tuple[str, int | None, int, list[tuple[str, bool]]]


async def _insert_questions(
    db: AsyncSession,
    quiz_id: str,
    start: int,
    questions: list[QuestionRow],
    progress: Callable[[float], Awaitable[None]] | None,
) -> None:
    question_rows: list[dict[str, object]] = []
    choice_rows: list[list[dict[str, object]]] = []  # each question's
    for offset, (prompt, time_limit_s, points, choices) in enumerate(questions):
        question_id = new_id()
        question_rows.append(
            {
                "id": question_id,
                "quiz_id": quiz_id,
                "position": start + offset,
                "prompt": prompt,
                "time_limit_s": time_limit_s,
                "points": points,
            }
        )
        choice_rows.append(
            [
                {
                    "id": new_id(),
                    "question_id": question_id,
                    "position": i,
                    "text": text,
                    "correct": correct,
                }
                for i, (text, correct) in enumerate(choices)
            ]
        )
    # Plain multi-row INSERTs: thousands of ORM objects would cost seconds.
    part = _PART if progress is not None else max(1, len(question_rows))
    for first in range(0, len(question_rows), part):
        await db.execute(insert(Question), question_rows[first : first + part])
        chosen = [row for rows in choice_rows[first : first + part] for row in rows]
        if chosen:
            await db.execute(insert(Choice), chosen)
        if progress is not None:
            await progress(min(1.0, (first + part) / len(question_rows)))


async def append_questions(
    db: AsyncSession,
    quiz_id: str,
    questions: list[QuestionIn],
    progress: Callable[[float], Awaitable[None]] | None = None,
) -> Quiz:
    """Add many questions at once (a word list): all of them or, on any error, none. With
    `progress`, they go in by parts, each part's share reported (in the one transaction)."""
    quiz = await get_quiz(db, quiz_id)
    start = room_for(quiz, len(questions))
    rows = [
        (q.prompt, q.time_limit_s, q.points, [(c.text, c.correct) for c in q.choices])
        for q in questions
    ]
    await _insert_questions(db, quiz_id, start, rows, progress)
    quiz.updated_at = utcnow()
    await db.commit()
    db.expire_all()
    return await get_quiz(db, quiz_id)


# --- libraries: duplicating, handing over --------------------------------------------------------

COPY_SUFFIX = " (copy)"


async def duplicate_quiz(db: AsyncSession, quiz_id: str, owner_id: str) -> Quiz:
    """A copy of the quiz, questions and options, in the owner's library and not shared."""
    original = await get_quiz(db, quiz_id)
    copy = Quiz(
        title=original.title[: 200 - len(COPY_SUFFIX)] + COPY_SUFFIX,
        description=original.description,
        created_by=owner_id,
        owner_id=owner_id,
        scoring=original.scoring,
        streak_bonus=original.streak_bonus,
    )
    db.add(copy)
    await db.flush()
    rows = [
        (q.prompt, q.time_limit_s, q.points, [(c.text, c.correct) for c in q.choices])
        for q in original.questions
    ]
    await _insert_questions(db, copy.id, 0, rows, None)
    await db.commit()
    return await get_quiz(db, copy.id)


async def hand_over(db: AsyncSession, quiz_id: str, user_id: str) -> Quiz:
    """The quiz becomes this teacher's (or admin's); sessions opened so far stay whose they were."""
    quiz = await get_quiz(db, quiz_id)
    account = await db.get(User, user_id) if is_id(user_id) else None
    if account is None or account.role not in STAFF_ROLES or account.disabled_at is not None:
        # A 422 on the body's field, in FastAPI's shape, as any other bad field.
        raise RequestValidationError(
            [
                {
                    "type": "value_error",
                    "loc": ("body", "user_id"),
                    "msg": "that account is not a teacher here, or it is disabled",
                }
            ]
        )
    quiz.owner_id = account.id
    quiz.updated_at = utcnow()
    await db.commit()
    db.expire_all()
    return await get_quiz(db, quiz_id)


# --- what sessions read of a quiz ----------------------------------------------------------------


async def quiz_row(db: AsyncSession, quiz_id: str) -> Quiz:
    """The quiz without its questions."""
    quiz = await db.get(Quiz, quiz_id) if is_id(quiz_id) else None
    if quiz is None:
        raise NotFound("Quiz not found", ErrorCode.QUIZ_NOT_FOUND)
    return quiz


async def question_count(db: AsyncSession, quiz_id: str) -> int:
    count = await db.scalar(select(func.count(Question.id)).where(Question.quiz_id == quiz_id))
    return count or 0


async def titles_and_question_counts(
    db: AsyncSession, quiz_ids: Iterable[str]
) -> dict[str, tuple[str, int]]:
    rows = await db.execute(
        select(Quiz.id, Quiz.title, func.count(Question.id))
        .outerjoin(Question, Question.quiz_id == Quiz.id)
        .where(Quiz.id.in_(set(quiz_ids)))
        .group_by(Quiz.id, Quiz.title)
    )
    return {quiz_id: (title, count) for quiz_id, title, count in rows}


async def questions_of(db: AsyncSession, quiz_id: str) -> Sequence[Question]:
    """The quiz's questions in order, with their choices."""
    query = select(Question).where(Question.quiz_id == quiz_id).order_by(Question.position)
    return (await db.scalars(query)).all()


async def questions_by_id(db: AsyncSession, question_ids: Iterable[str]) -> Sequence[Question]:
    """These questions in their quiz's order, with their choices."""
    query = select(Question).where(Question.id.in_(set(question_ids))).order_by(Question.position)
    return (await db.scalars(query)).all()
