"""Question analytics for admins: per session or across all sessions of a quiz, how each question
went and which wrong choices drew the class."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from vocabquiz.db import is_id
from vocabquiz.errors import ErrorCode, NotFound
from vocabquiz.quizzes import service as quizzes
from vocabquiz.quizzes.models import Question
from vocabquiz.sessions import schemas, service
from vocabquiz.sessions.models import Answer, Participant, QuizSession


async def of_session(db: AsyncSession, raw_code: str) -> schemas.QuestionAnalytics:
    session = await service.session_by_code(db, raw_code)
    return await _analytics(db, session.quiz_id, session)


async def of_quiz(db: AsyncSession, quiz_id: str) -> schemas.QuestionAnalytics:
    if not is_id(quiz_id):
        raise NotFound("Quiz not found", ErrorCode.QUIZ_NOT_FOUND)
    return await _analytics(db, quiz_id, None)


async def _analytics(
    db: AsyncSession, quiz_id: str, session: QuizSession | None
) -> schemas.QuestionAnalytics:
    quiz = await quizzes.get_quiz(db, quiz_id)
    in_scope = (
        Participant.session_id == session.id
        if session is not None
        else Participant.session_id.in_(
            select(QuizSession.id).where(QuizSession.quiz_id == quiz_id)
        )
    )
    answers = (
        await db.execute(
            select(
                Answer.question_id, Answer.choice_id, Answer.correct, Answer.late, Answer.elapsed_ms
            )
            .join(Participant, Participant.id == Answer.participant_id)
            .where(in_scope, Answer.question_id.is_not(None))
        )
    ).all()
    participant_count = await db.scalar(select(func.count(Participant.id)).where(in_scope)) or 0
    session_count = (
        1
        if session is not None
        else await db.scalar(
            select(func.count(QuizSession.id)).where(QuizSession.quiz_id == quiz_id)
        )
        or 0
    )
    stats = _question_stats(quiz.questions, answers)
    return schemas.QuestionAnalytics(
        quiz_id=quiz.id,
        quiz_title=quiz.title,
        session_code=session.code if session is not None else None,
        session_count=session_count,
        participant_count=participant_count,
        answer_count=len(answers),
        questions=stats,
    )


def _question_stats(
    questions: Iterable[Question], answers: Sequence[Any]
) -> list[schemas.QuestionStats]:
    """How each question went, the most often missed first and the unanswered last."""
    picked: Counter[str | None] = Counter()
    times: defaultdict[str | None, list[int]] = defaultdict(list)
    right: Counter[str | None] = Counter()
    late: Counter[str | None] = Counter()
    for question_id, choice_id, correct, was_late, elapsed_ms in answers:
        picked[choice_id] += 1
        times[question_id].append(elapsed_ms)
        right[question_id] += int(correct)
        late[question_id] += int(was_late)
    stats = []
    for q in questions:
        count = len(times[q.id])
        stats.append(
            schemas.QuestionStats(
                question_id=q.id,
                position=q.position,
                prompt=q.prompt,
                answer_count=count,
                correct_count=right[q.id],
                late_count=late[q.id],
                correct_share=right[q.id] / count if count else None,
                median_elapsed_ms=statistics.median_low(times[q.id]) if count else None,
                choices=[
                    schemas.ChoiceStats(
                        choice_id=c.id, text=c.text, correct=c.correct, picked=picked[c.id]
                    )
                    for c in q.choices
                ],
            )
        )
    stats.sort(
        key=lambda s: (s.correct_share is None, s.correct_share or 0.0, -s.answer_count, s.position)
    )
    return stats
