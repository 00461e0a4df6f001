"""Answers benchmark: N players answer as fast as they can while M SSE watchers listen; then, in
the same run and with the same client count, what the backends alone do for the work an answer
costs: pgbench's durable single-row INSERT into a table shaped like `answers`, and redis-benchmark's
EVALSHA of the leaderboard's put script and SPUBLISH.

    .venv/bin/python bench/answers.py --players 8 --watchers 20 --seconds 20

Prints answers/s, submit latency p50/p99, submit-to-visible latency p50/p99 (from an answer's 200
to the first frame, on a watcher, that includes it), the backends' rates and the service's ratio
to each. Without --url it starts `vocabquiz serve` itself on the production backends: PostgreSQL
database `vocabquiz_bench` (created if missing) at 127.0.0.1:5432 and Redis at 127.0.0.1:6379.
pgbench writes to the scratch database `vocabquiz_bench_pgbench`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import orjson
import redis

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.loadgen import (
    ProcessTree,
    backend_trees,
    ensure_database,
    http_client,
    open_session,
    pct,
    play,
    vocabquiz_server,
)

from vocabquiz.leaderboard.redis_store import PUT_SCRIPT, keys_of

# The answers table of the migrations, without its foreign keys: the baseline is the INSERT and
# its indexes alone, so it is if anything easier than the service's.
ANSWERS_TABLE = """
DROP TABLE IF EXISTS answers;
CREATE TABLE answers (
    id varchar(36) PRIMARY KEY,
    participant_id varchar(36) NOT NULL,
    question_id varchar(36),
    choice_id varchar(36),
    correct boolean NOT NULL,
    late boolean NOT NULL,
    points_awarded integer NOT NULL,
    streak_bonus integer NOT NULL DEFAULT 0,
    streak integer NOT NULL DEFAULT 0,
    score_after integer NOT NULL,
    served_at timestamptz NOT NULL,
    answered_at timestamptz NOT NULL,
    elapsed_ms integer NOT NULL,
    UNIQUE (participant_id, question_id)
);
CREATE INDEX ON answers (question_id);
CREATE INDEX ON answers (choice_id);
"""

INSERT_ANSWER = """
INSERT INTO answers (id, participant_id, question_id, choice_id, correct, late, points_awarded,
  score_after, served_at, answered_at, elapsed_ms)
VALUES (gen_random_uuid()::text, 'participant-' || :client_id, gen_random_uuid()::text,
  gen_random_uuid()::text, true, false, 900, 900, now(), now(), 1200);
"""


async def watch(
    client: httpx.AsyncClient, url: str, headers: dict[str, str], seen: dict[tuple[str, int], float]
) -> None:
    """Record when each (participant id, answered_count) first shows up in a frame. Frames are
    coalesced: a frame showing a count shows every answer up to it."""
    data = ""
    last: dict[str, int] = {}
    async with client.stream("GET", url, headers=headers, timeout=None) as response:
        async for line in response.aiter_lines():
            if line.startswith("data: "):
                data = line[6:]
            elif line == "" and data:
                now = time.monotonic()
                board = orjson.loads(data)
                for entry in board.get("entries", []):
                    pid, count = entry["participant_id"], entry["answered_count"]
                    for n in range(last.get(pid, count) + 1, count + 1):
                        seen.setdefault((pid, n), now)
                    last[pid] = max(last.get(pid, count), count)
                data = ""


async def run(
    url: str, tree: ProcessTree | None, players: int, watchers: int, seconds: float
) -> dict[str, float]:
    async with http_client(url, players + watchers + 10) as client:
        session = await open_session(client, players)
        pids = session.participants
        seen: dict[tuple[str, int], float] = {}
        watch_tasks = [
            asyncio.create_task(
                watch(
                    client,
                    f"/api/sessions/{session.code}/events?limit=100",
                    session.headers(i % players),
                    seen if i == 0 else {},
                )
            )
            for i in range(watchers)
        ]
        await asyncio.sleep(1)
        server_cpu = await cpu_seconds(client, tree)
        backends = {name: t.cpu_seconds() for name, t in backend_trees().items()}
        began, own_cpu = time.monotonic(), time.process_time()
        played = await play(str(client.base_url), session, None, seconds)
        elapsed, own_cpu = time.monotonic() - began, time.process_time() - own_cpu
        server_cpu = await cpu_seconds(client, tree) - server_cpu
        backends = {name: t.cpu_seconds() - backends[name] for name, t in backend_trees().items()}
        await asyncio.sleep(1)
        for task in watch_tasks:
            task.cancel()
        await asyncio.gather(*watch_tasks, return_exceptions=True)
    visible = [seen[(pids[i], n)] - t for i, n, t in played.done if (pids[i], n) in seen]
    rate = len(played.submits) / elapsed
    print(f"players={players} watchers={watchers} seconds={elapsed:.1f}")
    print(f"answers={len(played.submits)} answers_per_s={rate:.0f} errors={played.errors}")
    print(f"submit_ms p50={pct(played.submits, 0.5):.1f} p99={pct(played.submits, 0.99):.1f}")
    print(f"visible_ms p50={pct(visible, 0.5):.1f} p99={pct(visible, 0.99):.1f}")
    print(f"answers_seen_on_a_watcher={len(visible)}")
    # The load generator must not be the bottleneck: its CPU beside the server's.
    print(
        f"cpu_share loadgen={own_cpu / elapsed:.2f} server={server_cpu / elapsed:.2f}"
        f" (1.0 = one core) server_cpu_ms_per_answer={server_cpu / len(played.submits) * 1000:.3f}"
    )
    print(" ".join(f"cpu_share {name}={cpu / elapsed:.2f}" for name, cpu in backends.items()))
    return {"answers_per_s": rate, "submit_p99_ms": pct(played.submits, 0.99)}


async def cpu_seconds(client: httpx.AsyncClient, tree: ProcessTree | None) -> float:
    """The server's CPU time so far: from /proc when it runs here, else from its metrics (NaN
    with several workers: they do not report it)."""
    if tree is not None:
        return tree.cpu_seconds()
    text = (await client.get("/metrics")).text
    for line in text.splitlines():
        if line.startswith("process_cpu_seconds_total "):
            return float(line.split()[1])
    return float("nan")


def pgbench(clients: int, seconds: float) -> float:
    """Transactions/s of the durable single-row INSERT an answer costs, `clients` at once."""
    database = asyncio.run(ensure_database("vocabquiz_bench_pgbench")).rsplit("/", 1)[1]
    postgres = ["-h", "127.0.0.1", "-p", "5432", "-U", "postgres"]
    subprocess.run(
        ["psql", *postgres, "-q", "-d", database, "-c", ANSWERS_TABLE], check=True, timeout=60
    )
    with tempfile.NamedTemporaryFile("w", suffix=".sql") as script:
        script.write(INSERT_ANSWER)
        script.flush()
        out = subprocess.run(
            [
                *("pgbench", *postgres, "-n", "-M", "prepared", "-c", str(clients), "-j", "2"),
                *("-T", str(int(seconds)), "-f", script.name, database),
            ],
            check=True,
            capture_output=True,
            text=True,
            timeout=seconds + 60,
        ).stdout
    latency = re.search(r"latency average = ([\d.]+) ms", out)
    tps = re.search(r"tps = ([\d.]+)", out)
    assert tps is not None, out
    print(
        f"pgbench_insert clients={clients} tps={float(tps.group(1)):.0f}"
        f" latency_avg_ms={latency.group(1) if latency else '?'}"
    )
    return float(tps.group(1))


def redis_benchmark(clients: int, requests: int, *command: str) -> float:
    """Requests/s of one Redis command, `clients` at once."""
    out = subprocess.run(
        [
            *("redis-benchmark", "-h", "127.0.0.1", "-p", "6379", "-c", str(clients)),
            *("-n", str(requests), "-r", "100000", "-q", *command),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=300,
    ).stdout
    rate = re.search(r"([\d.]+) requests per second", out)
    assert rate is not None, out
    return float(rate.group(1))


def redis_answer_rate(clients: int) -> float:
    """Answers/s Redis alone could take: EVALSHA of the put script, which also keeps the step
    and publishes the session's event."""
    client = redis.Redis(host="127.0.0.1", port=6379)
    keys = keys_of("benchredis", "bench")
    client.set(keys[3], 1)
    sha = client.script_load(PUT_SCRIPT)
    try:
        # A random participant each time: the script's full path (ZREM, ZADD, HSETs, INCR,
        # SPUBLISH).
        put = redis_benchmark(
            clients,
            200_000,
            "EVALSHA",
            sha,
            str(len(keys)),
            *keys,
            "participant-__rand_int__",
            "-900",
            "00000000000000000000000000000000participant-__rand_int__",
            '["P",900,1,1,0]',
            "__rand_int__",
            '"participant-__rand_int__"',
            "benchredis:events:{bench}",
            '["leaderboard","ABCDEF",1700000000.123456]',
        )
    finally:
        client.delete(*keys)
        client.close()
    print(f"redis_benchmark clients={clients} evalsha_put_and_publish_per_s={put:.0f}")
    return put


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", help="a running server (with admin benchadmin / bench-password)")
    parser.add_argument("--players", type=int, default=50)
    parser.add_argument("--watchers", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=1, help="worker processes of the server")
    parser.add_argument("--no-baselines", action="store_true", help="skip pgbench and redis")
    args = parser.parse_args()
    if args.players > 100:
        parser.error("--players at most 100: every player must fit in a watcher's frame")
    with contextlib.ExitStack() as stack:
        if args.url:
            url, tree = args.url, None
        else:
            server = stack.enter_context(vocabquiz_server(args.workers))
            url, tree = server.url, ProcessTree(server.process.pid)
        service = asyncio.run(run(url, tree, args.players, args.watchers, args.seconds))
    if args.no_baselines:
        return
    # After the server has stopped, so that the backends have the machine to themselves.
    tps = pgbench(args.players, args.seconds)
    redis_rate = redis_answer_rate(args.players)
    rate = service["answers_per_s"]
    print(f"ratio answers_per_s/pgbench_tps={rate / tps:.3f}")
    print(f"ratio answers_per_s/redis_put_per_s={rate / redis_rate:.4f}")
    print(
        f"target answers_per_s>=1000 with submit p99<=50ms: {rate:.0f}/s,"
        f" p99 {service['submit_p99_ms']:.1f} ms"
    )


if __name__ == "__main__":
    main()
