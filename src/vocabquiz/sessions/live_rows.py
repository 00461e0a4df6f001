"""Reading a live session: its row and questions, and one caller's view of it (one statement,
through the play store)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from vocabquiz.errors import Conflict, ErrorCode, NotFound
from vocabquiz.quizzes import service as quizzes
from vocabquiz.sessions.answers import Play, session_code
from vocabquiz.sessions.live_view import NOT_LIVE, View
from vocabquiz.sessions.models import QuizSession
from vocabquiz.sessions.play_store import QuestionContent, SessionRow


class LiveRows:
    def __init__(self, play: Play) -> None:
        self._play = play

    async def row(
        self, db: AsyncSession, raw_code: str
    ) -> tuple[QuizSession, tuple[QuestionContent, ...]]:
        """The live session and its questions. The transaction ends here: on SQLite every one
        holds the write lock, and the questions may be read on a connection of their own."""
        session = await db.scalar(
            select(QuizSession).where(QuizSession.code == session_code(raw_code))
        )
        if session is None:
            await db.commit()
            raise NotFound("Session not found", ErrorCode.SESSION_NOT_FOUND)
        quiz_version = (await quizzes.quiz_row(db, session.quiz_id)).updated_at
        await db.commit()
        if session.mode != "live":
            raise Conflict(NOT_LIVE, ErrorCode.SESSION_NOT_LIVE)
        key = SessionRow(
            session.id,
            session.code,
            session.status,
            session.quiz_id,
            session.scoring,
            session.streak_bonus,
            quiz_version,
            session.mode,
        )
        return session, (await self._play.contents.of(self._play.store, key)).questions

    async def view(self, raw_code: str, user_id: str) -> View:
        row = await self._play.store.live_view(session_code(raw_code), user_id)
        if row is None:
            raise NotFound("Session not found", ErrorCode.SESSION_NOT_FOUND)
        view = View._make(row)
        if view.mode != "live":
            raise Conflict(NOT_LIVE, ErrorCode.SESSION_NOT_LIVE)
        return view

    async def questions_of(self, view: View) -> tuple[QuestionContent, ...]:
        key = SessionRow(
            view.id, view.code, view.status, view.quiz_id, view.scoring, view.streak_bonus,
            view.quiz_version, view.mode,
        )  # fmt: skip
        return (await self._play.contents.of(self._play.store, key)).questions
