"""After and around playing: a session's results (JSON and CSV), a player's history, and the
practice of the questions they missed."""

from __future__ import annotations

import csv
import io

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from vocabquiz.auth.tokens import TokenUser
from vocabquiz.errors import ErrorCode, Forbidden
from vocabquiz.quizzes import service as quizzes
from vocabquiz.quizzes.models import Question
from vocabquiz.sessions import choice_order, schemas
from vocabquiz.sessions.answers import Play
from vocabquiz.sessions.models import Answer, Participant, QuizSession
from vocabquiz.sessions.service import (
    participant_out,
    session_and_participant,
    session_by_code,
    session_outs,
)
from vocabquiz.sessions.standings import ranked


async def results(
    db: AsyncSession, raw_code: str
) -> tuple[list[schemas.ParticipantResult], list[Question]]:
    session = await session_by_code(db, raw_code)
    participants = ranked(
        (await db.scalars(select(Participant).where(Participant.session_id == session.id))).all()
    )
    answers = (
        await db.scalars(
            select(Answer)
            .join(Participant, Participant.id == Answer.participant_id)
            .where(Participant.session_id == session.id)
            .order_by(Answer.answered_at)
        )
    ).all()
    by_participant: dict[str, list[schemas.AnswerRecord]] = {}
    for a in answers:
        by_participant.setdefault(a.participant_id, []).append(
            schemas.AnswerRecord(
                question_id=a.question_id,
                choice_id=a.choice_id,
                correct=a.correct,
                late=a.late,
                points_awarded=a.points_awarded,
                streak_bonus=a.streak_bonus,
                streak=a.streak,
                elapsed_ms=a.elapsed_ms,
                answered_at=a.answered_at,
            )
        )
    questions = await quizzes.questions_of(db, session.quiz_id)
    rows = [
        schemas.ParticipantResult(
            **participant_out(p, session.code).model_dump(),
            rank=rank,
            answers=by_participant.get(p.id, []),
        )
        for rank, p in enumerate(participants, start=1)
    ]
    return rows, list(questions)


def _cell(value: object) -> object:
    """Keep spreadsheet programs from running a name as a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def results_csv(rows: list[schemas.ParticipantResult], questions: list[Question]) -> str:
    """The results as CSV, starting with a byte order mark: without it Excel on Windows reads
    the file in its own code page and garbles accents and curly quotes."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(
        ["rank", "name", "score", "answered", "correct"]
        + [_cell(f"Q{i + 1}: {q.prompt}") for i, q in enumerate(questions)]
    )
    for row in rows:
        points = {a.question_id: a.points_awarded for a in row.answers}
        writer.writerow(
            [row.rank, _cell(row.display_name), row.score, row.answered_count, row.correct_count]
            + [points.get(q.id, "") for q in questions]
        )
    return out.getvalue()


async def history(db: AsyncSession, user: TokenUser, play: Play) -> list[schemas.HistoryEntry]:
    rows = (
        await db.execute(
            select(Participant, QuizSession)
            .join(QuizSession, QuizSession.id == Participant.session_id)
            .where(Participant.user_id == user.id)
            .order_by(Participant.joined_at.desc(), Participant.id)
        )
    ).all()
    outs = {s.id: s for s in await session_outs(db, [s for _, s in rows])}
    missed = dict(
        (
            await db.execute(
                select(Answer.participant_id, func.count())
                .where(
                    Answer.participant_id.in_([p.id for p, _ in rows]),
                    (Answer.correct.is_(False)) | (Answer.late.is_(True)),
                )
                .group_by(Answer.participant_id)
            )
        ).all()
    )
    # The read transaction ends before the standings are used: a rebuild opens a database
    # session of its own, and SQLite's single writer lock must not be held by this one.
    await db.commit()
    entries = []
    for participant, session in rows:
        mine = await play.standings.entries_of(session.code, [participant.id])
        entry = mine.get(participant.id)
        out = outs[session.id]
        entries.append(
            schemas.HistoryEntry(
                session_code=session.code,
                quiz_title=out.quiz_title,
                status=out.status,
                score=participant.score,
                rank=entry.rank if entry else 0,
                participant_count=out.participant_count,
                answered_count=participant.answered_count,
                correct_count=participant.correct_count,
                missed_count=missed.get(participant.id, 0),
                joined_at=participant.joined_at,
            )
        )
    return entries


async def practice(db: AsyncSession, raw_code: str, user: TokenUser) -> schemas.Practice:
    """The questions this player missed in a session, with their answers: they have seen them."""
    session, participant = await session_and_participant(db, raw_code, user.id)
    if participant is None:
        raise Forbidden("You have not joined this session", ErrorCode.NOT_JOINED)
    missed_ids = await db.scalars(
        select(Answer.question_id).where(
            Answer.participant_id == participant.id,
            (Answer.correct.is_(False)) | (Answer.late.is_(True)),
        )
    )
    missed = await quizzes.questions_by_id(db, [i for i in missed_ids if i is not None])
    title = (await quizzes.quiz_row(db, session.quiz_id)).title
    return schemas.Practice(
        session_code=session.code,
        quiz_title=title,
        questions=[
            schemas.PracticeQuestion(
                id=q.id,
                prompt=q.prompt,
                choices=[
                    schemas.PracticeChoice(id=c.id, text=c.text, correct=c.correct)
                    for c in choice_order.for_participant(participant.id, q.choices)
                ],
            )
            for q in missed
        ],
    )
