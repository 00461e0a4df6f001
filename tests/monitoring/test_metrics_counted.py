"""After a scripted session, /metrics counts exactly what was done, and no label value carries a
session code or an id."""

from __future__ import annotations

import pytest

from tests.monitoring.conftest import Run
from tests.monitoring.exposition import requests_by_worker, total
from tests.monitoring.scripted_session import ANSWERS_HANDLER

pytestmark = pytest.mark.server


@pytest.fixture(params=["embedded_run", "production_run"])
def run(request: pytest.FixtureRequest) -> Run:
    result: Run = request.getfixturevalue(request.param)
    return result


def _delta(run: Run, name: str, **labels: str) -> float:
    return total(run.after, name, **labels) - total(run.before, name, **labels)


def test_sessions_opened_and_closed_are_counted_once(run: Run) -> None:
    played = run.played
    assert _delta(run, "vocabquiz_sessions_opened_total") == played.sessions_opened
    # Closed twice, observed once: the second close changed nothing.
    assert _delta(run, "vocabquiz_session_answers_count") == played.sessions_closed
    assert _delta(run, "vocabquiz_session_answers_sum") == played.answers_in_closed_session


def test_answers_are_counted_by_result_and_replays_not_at_all(run: Run) -> None:
    for result, count in run.played.results.items():
        assert _delta(run, "vocabquiz_answers_total", result=result) == count, result


def test_every_answer_request_is_counted_under_its_route_template(run: Run) -> None:
    posts = _delta(run, "http_requests_total", handler=ANSWERS_HANDLER, method="POST")
    assert posts == run.played.answer_posts
    ok = _delta(run, "http_requests_total", handler=ANSWERS_HANDLER, method="POST", status="2xx")
    assert ok == run.played.answer_posts
    timed = _delta(run, "http_request_duration_seconds_count", handler=ANSWERS_HANDLER)
    assert timed == run.played.answer_posts


def test_live_viewer_gauge_returns_to_its_baseline_after_the_streams_close(run: Run) -> None:
    assert run.played.streams == 2
    before = total(run.before, "vocabquiz_sse_connections")
    assert total(run.after, "vocabquiz_sse_connections") == before
    # The streams were there: each got at least its first frame.
    assert _delta(run, "vocabquiz_sse_frames_sent_total") >= run.played.streams
    assert _delta(run, "vocabquiz_leaderboard_broadcasts_total") >= 1


def test_database_pool_and_answer_timing_are_fed(run: Run) -> None:
    states = {s.labels["state"] for s in run.after if s.name == "vocabquiz_db_pool_connections"}
    assert states == {"in_use", "idle"}
    assert total(run.after, "vocabquiz_db_pool_connections") >= 1  # connections were opened
    inserts = _delta(run, "vocabquiz_db_query_duration_seconds_count", operation="insert_answer")
    assert inserts >= run.played.answers_in_closed_session


def test_no_label_value_carries_a_session_code_or_an_id(run: Run) -> None:
    secrets = run.played.private_values
    assert len(secrets) >= 10
    leaks = [
        (s.name, s.labels)
        for s in run.after
        for value in s.labels.values()
        if any(secret.lower() in value.lower() for secret in secrets)
    ]
    assert not leaks, leaks
    handlers = {s.labels["handler"] for s in run.after if s.name == "http_requests_total"}
    assert ANSWERS_HANDLER in handlers and "/api/sessions/{code}" in handlers, handlers


def test_two_workers_add_up_in_one_scrape(production_run: Run) -> None:
    assert production_run.metrics_dir is not None
    by_worker = requests_by_worker(production_run.metrics_dir)
    assert sum(1 for n in by_worker.values() if n > 0) >= 2, by_worker
    assert total(production_run.after, "http_requests_total") == sum(by_worker.values())
