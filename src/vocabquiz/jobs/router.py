"""GET /api/jobs/{job_id}: how a background job of the caller's is getting on."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, ConfigDict, Field

from vocabquiz.dependencies import Staff, State
from vocabquiz.errors import ErrorCode, Forbidden, NotFound, Unauthorized, responses
from vocabquiz.jobs.queue import JobStatus

router = APIRouter(prefix="/api", tags=["jobs"])


class JobOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)  # read from a JobState

    id: str
    kind: str
    status: JobStatus
    progress: float = Field(ge=0, le=1, description="The share done, 0 to 1")
    result: dict[str, Any] | None = Field(description="What a done job made")
    error: str | None = Field(description="Why a failed job failed")
    error_code: ErrorCode | None = Field(
        default=None, description="The code of `error`, for a client to say it in its language"
    )


@router.get("/jobs/{job_id}", responses=responses(Unauthorized, Forbidden, NotFound))
async def get_job(job_id: str, user: Staff, state: State) -> JobOut:
    found = await state.jobs.queue.state(job_id) if len(job_id) <= 64 else None
    # Another account's job is as unknown as a job that never was.
    if found is None or found.owner_id != user.id:
        raise NotFound(
            "No such job (finished jobs are kept for 10 minutes)", ErrorCode.JOB_NOT_FOUND
        )
    return JobOut.model_validate(found)
