"""The benchmarks still run: each at a tiny size, against a real server on the production
backends. Their figures are not judged here (docs/PERFORMANCE.md holds the measured ones), only
that they measure something."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.servers import drop_database

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.server


def run(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return done.stdout


def test_fanout_delivers_every_answer_to_every_watcher(
    shared_database: str, tmp_path: Path
) -> None:
    out = tmp_path / "fanout.json"
    watchers = [
        "--watchers",
        "40",
        "--rate",
        "20",
        "--players",
        "4",
        "--seconds",
        "2",
        "--procs",
        "1",
        "--no-nchan",
    ]
    run("bench/fanout.py", *watchers, "--out", str(out))
    figures = json.loads(out.read_text())["vocabquiz"]
    assert figures["watchers"] == figures["updated"] == 40
    assert figures["failed"] == figures["dropped"] == figures["unseen"] == 0
    assert figures["answers"] > 0 and figures["errors"] == 0
    assert figures["frames_per_server_cpu_s"] > 0


def test_answers_bench_reports_its_figures(shared_database: str) -> None:
    output = run(
        "bench/answers.py",
        *["--players", "2", "--watchers", "2", "--seconds", "2", "--no-baselines"],
    )
    figures = dict(
        pair.split("=") for line in output.splitlines() for pair in line.split() if "=" in pair
    )
    assert int(figures["answers"]) > 0 and figures["errors"] == "0"
    assert float(figures["answers_per_s"]) > 0
    assert int(figures["answers_seen_on_a_watcher"]) == int(figures["answers"])


def test_floor_bench_measures_the_floor_and_every_playing_route(
    shared_database: str, tmp_path: Path
) -> None:
    out = tmp_path / "floor.json"
    tiny = ["--seconds", "1", "--connections", "2", "--players-per-connection", "2"]
    tiny += ["--fresh", "200", "--serve-sessions", "10", "--fresh-seconds", "1"]
    run("bench/floor.py", *tiny, "--out", str(out))
    figures = {f["name"]: f for f in json.loads(out.read_text())}
    measured = [
        "floor GET",
        "floor POST",
        "healthz",
        "question (served)",
        "leaderboard",
        "join (new players)",
        "question (serving)",
        "answer (serve+answer)",
    ]
    for name in measured:
        assert figures[name]["requests"] > 0 and figures[name]["errors"] == 0, figures[name]
        assert figures[name]["server_cpu_ms"] > 0, figures[name]
    assert figures["answer (serve+answer)"]["ratio"] > 0
    assert "answer POST (derived)" in figures


def test_live_bench_answers_everyone_and_sees_the_reveal(shared_database: str) -> None:
    out = run(
        "bench/live.py", "--players", "30", "--window", "0.5", "--workers", "1", "--time-limit", "5"
    )
    assert "accepted=30/30" in out and "last answer -> reveal" in out, out
    assert "on the last of 30/30 streams" in out, out


def test_libraries_bench_lists_a_teachers_quizzes() -> None:
    database = f"vq_libraries_{uuid.uuid4().hex[:10]}"
    try:
        output = run(
            "bench/libraries.py",
            *["--teachers", "4", "--quizzes-each", "20", "--rounds", "3", "--database", database],
        )
    finally:
        asyncio.run(drop_database(database))
    p50 = {line[:28].strip(): line[28:].split()[0] for line in output.splitlines()[2:11]}
    assert float(p50["teacher: my quizzes"]) > 0 and float(p50["floor: bare FastAPI GET"]) > 0
    assert "plan, mine: Limit" in output and "plan, school: Limit" in output
