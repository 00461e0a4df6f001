from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status
from fastapi.sse import EventSourceResponse

from vocabquiz.dependencies import (
    CurrentUser,
    Db,
    Limits,
    PlayDeps,
    QuizOwner,
    ReadDb,
    SessionRunner,
    Staff,
    State,
)
from vocabquiz.errors import Conflict, Forbidden, NotFound, TooManyRequests, Unauthorized, responses
from vocabquiz.sessions import analytics, results, roster, service
from vocabquiz.sessions.live_view import Action
from vocabquiz.sessions.schemas import (
    AnswerIn,
    AnswerResult,
    HistoryEntry,
    LeaderboardFrame,
    LeaderboardOut,
    LiveAction,
    LiveAnswerResult,
    LiveState,
    ParticipantOut,
    ParticipantRename,
    ParticipantResult,
    Practice,
    QuestionAnalytics,
    RemovedPlayerOut,
    SessionIn,
    SessionOut,
    Turn,
)

router = APIRouter(prefix="/api", tags=["sessions"])

Limit = Annotated[int, Query(ge=1, le=100)]


@router.post(
    "/quizzes/{quiz_id}/sessions",
    status_code=status.HTTP_201_CREATED,
    responses=responses(Unauthorized, Forbidden, NotFound, Conflict),
)
async def open_session(
    quiz_id: str, owner: QuizOwner, db: Db, play: PlayDeps, body: SessionIn | None = None
) -> SessionOut:
    mode = body.mode if body is not None else "self_paced"
    opened = await service.open_session(db, quiz_id, owner.id, mode)
    await play.standings.opened(opened.code)
    return opened


@router.get("/quizzes/{quiz_id}/sessions", responses=responses(Unauthorized, Forbidden, NotFound))
async def list_quiz_sessions(quiz_id: str, owner: QuizOwner, db: Db) -> list[SessionOut]:
    """The quiz's sessions the caller opened (an admin: all of them), newest first."""
    return await service.list_sessions(db, owner, quiz_id=quiz_id)


@router.get("/sessions", responses=responses(Unauthorized, Forbidden))
async def list_my_sessions(
    user: Staff,
    db: Db,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0, le=1_000_000)] = 0,
) -> list[SessionOut]:
    """The sessions the caller opened, of every quiz (an admin: everyone's), newest first."""
    return await service.list_sessions(db, user, limit=limit, offset=offset)


@router.get("/sessions/{code}", responses=responses(Unauthorized, NotFound))
async def get_session(code: str, _user: CurrentUser, db: Db) -> SessionOut:
    return await service.get_session(db, code)


@router.post("/sessions/{code}/close", responses=responses(Unauthorized, Forbidden, NotFound))
async def close_session(code: str, _runner: SessionRunner, db: Db, state: State) -> SessionOut:
    return await state.sessions.close_session(db, code)


@router.post(
    "/sessions/{code}/live/{action}",
    responses=responses(Unauthorized, Forbidden, NotFound, Conflict),
)
async def live_action(
    code: str, action: Action, body: LiveAction, _runner: SessionRunner, state: State
) -> LiveState:
    return LiveState.model_validate(await state.sessions.live.act(code, action, body.phase_version))


@router.post(
    "/sessions/{code}/join",
    responses=responses(Unauthorized, Forbidden, NotFound, Conflict, TooManyRequests),
)
async def join_session(
    code: str, user: CurrentUser, db: Db, play: PlayDeps, limits: Limits
) -> ParticipantOut:
    await limits.per_ip("join_ip")
    return await service.join_session(db, code, user, play)


@router.patch(
    "/sessions/{code}/participants/{participant_id}",
    responses=responses(Unauthorized, Forbidden, NotFound, Conflict),
)
async def rename_player(
    code: str,
    participant_id: str,
    body: ParticipantRename,
    _runner: SessionRunner,
    db: Db,
    play: PlayDeps,
) -> ParticipantOut:
    return await roster.rename(db, code, participant_id, body.display_name, play)


@router.delete(
    "/sessions/{code}/participants/{participant_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(Unauthorized, Forbidden, NotFound),
)
async def remove_player(
    code: str, participant_id: str, _runner: SessionRunner, db: Db, play: PlayDeps
) -> None:
    await roster.remove(db, code, participant_id, play)


@router.get("/sessions/{code}/removed", responses=responses(Unauthorized, Forbidden, NotFound))
async def removed_players(code: str, _runner: SessionRunner, db: Db) -> list[RemovedPlayerOut]:
    return await roster.removed(db, code)


@router.delete(
    "/sessions/{code}/removed/{user_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=responses(Unauthorized, Forbidden, NotFound),
)
async def let_player_back(code: str, user_id: str, _runner: SessionRunner, db: Db) -> None:
    await roster.let_back(db, code, user_id)


# The playing routes are served by the edge (sessions/play_routes.py), ahead of FastAPI's
# per-request machinery; they are declared here, with their parameters, for the API document.


@router.get(
    "/sessions/{code}/question", responses=responses(Unauthorized, Forbidden, NotFound, Conflict)
)
async def get_turn(code: str, _user: CurrentUser) -> Turn:
    raise NotImplementedError


@router.post(
    "/sessions/{code}/answers",
    responses=responses(Unauthorized, Forbidden, NotFound, Conflict, TooManyRequests),
)
async def submit_answer(code: str, body: AnswerIn, _user: CurrentUser) -> AnswerResult:
    raise NotImplementedError


@router.get(
    "/sessions/{code}/live", responses=responses(Unauthorized, Forbidden, NotFound, Conflict)
)
async def live_state(code: str, _user: CurrentUser) -> LiveState:
    raise NotImplementedError


@router.post(
    "/sessions/{code}/live/answers",
    responses=responses(Unauthorized, Forbidden, NotFound, Conflict, TooManyRequests),
)
async def live_answer(code: str, body: AnswerIn, _user: CurrentUser) -> LiveAnswerResult:
    raise NotImplementedError


@router.get("/sessions/{code}/leaderboard", responses=responses(Unauthorized, Forbidden, NotFound))
async def get_leaderboard(code: str, _user: CurrentUser, limit: Limit = 10) -> LeaderboardOut:
    raise NotImplementedError


@router.get(
    "/sessions/{code}/events",
    response_class=EventSourceResponse,
    responses={
        200: {"description": "Server-Sent Events; the schema is that of `leaderboard` events"},
        **responses(Unauthorized, Forbidden, NotFound, TooManyRequests),
    },
)
async def stream_events(
    code: str, _user: CurrentUser, limit: Limit = 10
) -> AsyncIterator[LeaderboardFrame]:
    raise NotImplementedError
    yield  # a generator, so that the document gives the events' schema


@router.get(
    "/sessions/{code}/results",
    responses={
        200: {"content": {"text/csv": {}}, "description": "JSON, or CSV with ?format=csv"},
        **responses(Unauthorized, Forbidden, NotFound),
    },
)
async def get_results(
    code: str, _runner: SessionRunner, db: ReadDb, format: Literal["json", "csv"] = "json"
) -> list[ParticipantResult]:
    rows, questions = await results.results(db, code)
    if format == "csv":
        return Response(  # type: ignore[return-value]
            results.results_csv(rows, questions),
            media_type="text/csv; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="results-{code.strip().upper()}.csv"'
            },
        )
    return rows


@router.get("/me/sessions", responses=responses(Unauthorized))
async def my_sessions(user: CurrentUser, db: ReadDb, play: PlayDeps) -> list[HistoryEntry]:
    return await results.history(db, user, play)


@router.get("/me/sessions/{code}/practice", responses=responses(Unauthorized, Forbidden, NotFound))
async def practice(code: str, user: CurrentUser, db: Db) -> Practice:
    return await results.practice(db, code, user)


@router.get("/sessions/{code}/analytics", responses=responses(Unauthorized, Forbidden, NotFound))
async def session_analytics(code: str, _runner: SessionRunner, db: ReadDb) -> QuestionAnalytics:
    return await analytics.of_session(db, code)


@router.get("/quizzes/{quiz_id}/analytics", responses=responses(Unauthorized, Forbidden, NotFound))
async def quiz_analytics(quiz_id: str, _owner: QuizOwner, db: ReadDb) -> QuestionAnalytics:
    return await analytics.of_quiz(db, quiz_id)
