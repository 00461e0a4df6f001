"""The playing path against the floor of the stack under it, in one run with one load generator:
first a bare FastAPI app on the same uvicorn settings (bench/floor_app.py: a GET returning a
question-sized model, a POST validating an answer-sized body, no I/O), then `vocabquiz serve` on
the production backends: /healthz, a served question (already served: one read), the
leaderboard, joins of new players, and whole answers (serve + answer).

    .venv/bin/python bench/floor.py --seconds 10 --connections 16

wrk (Debian's package, `make bench-tools`) drives every endpoint with one thread per connection.
Prints, for each: requests/s, latency p50/p99, the server's CPU per request (its process tree,
from /proc) and its ratio to the floor (GET or POST; a whole answer against the pair), and the
load generator's own CPU. vocabquiz runs on PostgreSQL (database `vocabquiz_bench`) and Redis at
127.0.0.1, rate limits off.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.loadgen import (
    ProcessTree,
    bulk_guests,
    http_client,
    open_session,
    vocabquiz_server,
)
from tests.servers import free_port, wait_until_ok

ROOT = Path(__file__).resolve().parents[1]
UVICORN = str(Path(sys.executable).parent / "uvicorn")


@dataclass
class Figures:
    name: str
    requests: int
    per_s: float
    p50_ms: float
    p99_ms: float
    errors: int
    server_cpu_ms: float  # per request, or per counted unit (a whole answer)
    loadgen_cpu_share: float
    floor: str | None = None
    ratio: float | None = None

    def line(self) -> str:
        ratio = f" x_floor={self.ratio:.2f} ({self.floor})" if self.ratio is not None else ""
        if self.per_s != self.per_s:  # derived: no traffic of its own
            return f"{self.name:<22} server_cpu_ms={self.server_cpu_ms:.3f}{ratio}"
        return (
            f"{self.name:<22} per_s={self.per_s:>7.0f} p50_ms={self.p50_ms:.2f}"
            f" p99_ms={self.p99_ms:.2f} errors={self.errors}"
            f" server_cpu_ms={self.server_cpu_ms:.3f}{ratio}"
            f" loadgen_cpu={self.loadgen_cpu_share:.2f}"
        )


def wrk(
    name: str,
    url: str,
    tree: ProcessTree,
    args: argparse.Namespace,
    script: str,
    script_args: list[str] = (),  # type: ignore[assignment]
    env: dict[str, str] | None = None,
    seconds: float | None = None,
) -> Figures:
    """One wrk run; the server's CPU over it from /proc, wrk's own from its rusage."""
    seconds = seconds or args.seconds
    command = [
        *("wrk", "-t", str(args.connections), "-c", str(args.connections)),
        *("-d", f"{max(1, round(seconds))}s", "--timeout", "10s", "-s", f"bench/wrk/{script}", url),
    ]
    if script_args:
        command += ["--", *script_args]
    cpu, began = tree.cpu_seconds(), time.monotonic()
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    out = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    elapsed, cpu = time.monotonic() - began, tree.cpu_seconds() - cpu
    assert process.returncode == 0, out
    line = next(x for x in out.splitlines() if x.startswith("wrk "))
    found = dict(pair.split("=") for pair in line.split()[1:])
    requests, counted = int(found["requests"]), int(found["counted"])
    units = counted if script == "play.lua" else requests
    return Figures(
        name=name,
        requests=units,
        per_s=units / float(found["seconds"]),
        p50_ms=int(found["p50_us"]) / 1000,
        p99_ms=int(found["p99_us"]) / 1000,
        errors=int(found["non2xx"]) + int(found["socket_errors"]),
        server_cpu_ms=cpu / max(1, units) * 1000,
        loadgen_cpu_share=(usage.ru_utime + usage.ru_stime) / elapsed,
    )


@contextlib.contextmanager
def floor_server() -> Iterator[tuple[str, ProcessTree]]:
    """bench/floor_app.py on uvicorn with the settings `vocabquiz serve` uses."""
    port = free_port()
    log = ROOT / "var" / "bench-floor.log"
    log.parent.mkdir(exist_ok=True)
    with log.open("ab") as out:
        process = subprocess.Popen(
            [
                *(UVICORN, "bench.floor_app:app", "--port", str(port), "--loop", "uvloop"),
                *("--http", "httptools", "--no-access-log", "--no-server-header"),
                *("--log-level", "warning"),
            ],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ok(f"{url}/question", process, log.read_text, "floor app", within=30)
        yield url, ProcessTree(process.pid)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=15)


def tokens_file(folder: Path, name: str, tokens: list[str]) -> str:
    path = folder / name
    path.write_text("\n".join(tokens) + "\n")
    return str(path)


def measure_vocabquiz(
    url: str, tree: ProcessTree, args: argparse.Namespace, folder: Path
) -> list[Figures]:
    players = args.connections * args.players_per_connection

    async def prepare() -> dict[str, Any]:
        async with http_client(url, 32) as client:
            served = await open_session(client, players)
            # Served once: from now on a GET of the question is a read.
            for i in range(players):
                r = await client.get(
                    f"/api/sessions/{served.code}/question", headers=served.headers(i)
                )
                r.raise_for_status()
            # First serves: the same few players (their tokens verified once, as in a game) in
            # many sessions, each GET serving a question.
            more = await served.more_sessions(client, args.serve_sessions + 1)
            servers = await bulk_guests(players, more[1:])
            # One more player first, so that each session's questions are already in memory.
            (warm,) = await bulk_guests(1, more[1:])
            for code in more[1:]:
                r = await client.get(
                    f"/api/sessions/{code}/question", headers={"Authorization": f"Bearer {warm}"}
                )
                r.raise_for_status()
            return {
                "served": served,
                "join": (more[0], await bulk_guests(args.fresh)),
                "serve": [f"{t} /api/sessions/{c}/question" for c in more[1:] for t in servers],
                "paced": await open_session(client, players),
            }

    ready = asyncio.run(prepare())
    api = f"{url}/api/sessions"

    def tokens(name: str, values: list[str]) -> list[str]:
        return [tokens_file(folder, name, values), str(args.connections)]

    join_code, join_tokens = ready["join"]
    code, played = ready["served"].code, ready["paced"]
    short = args.fresh_seconds
    return [
        wrk("healthz", f"{url}/healthz", tree, args, "request.lua"),
        wrk(
            "question (served)",
            f"{api}/{code}/question",
            tree,
            args,
            "tokens.lua",
            tokens("served", ready["served"].tokens),
        ),
        wrk(
            "leaderboard",
            f"{api}/{code}/leaderboard",
            tree,
            args,
            "tokens.lua",
            tokens("served", ready["served"].tokens),
        ),
        wrk(
            "join (new players)",
            f"{api}/{join_code}/join",
            tree,
            args,
            "tokens.lua",
            tokens("join", join_tokens),
            env={"METHOD": "POST"},
            seconds=short,
        ),
        # Each participant's first GET: the read and the UPDATE that starts the clock.
        wrk(
            "question (serving)",
            url,
            tree,
            args,
            "tokens.lua",
            tokens("serve", ready["serve"]),
            seconds=short,
        ),
        wrk(
            "answer (serve+answer)",
            url,
            tree,
            args,
            "play.lua",
            [played.code, *tokens("play", played.tokens)],
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--players-per-connection", type=int, default=4)
    parser.add_argument("--fresh", type=int, default=20_000, help="new players for the joins")
    parser.add_argument(
        "--serve-sessions", type=int, default=150, help="sessions for the first serves"
    )
    parser.add_argument("--fresh-seconds", type=float, default=2)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--out", type=Path, help="write the figures here as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, floor_server() as (floor_url, floor_tree):
        floor_get = wrk("floor GET", f"{floor_url}/question", floor_tree, args, "request.lua")
        floor_post = wrk(
            "floor POST",
            f"{floor_url}/answers",
            floor_tree,
            args,
            "request.lua",
            env={
                "METHOD": "POST",
                "BODY": json.dumps({"question_id": "q" * 36, "choice_id": "c" * 36}),
                "HEADERS": "Content-Type: application/json",
            },
        )
    with tempfile.TemporaryDirectory() as folder, vocabquiz_server(args.workers) as server:
        figures = measure_vocabquiz(server.url, ProcessTree(server.process.pid), args, Path(folder))
    floors = {"GET": floor_get.server_cpu_ms, "POST": floor_post.server_cpu_ms}
    serving, pair = figures[-2], figures[-1]
    # The answer's POST alone: the whole answer less the GET that served its question.
    figures.append(
        Figures(
            name="answer POST (derived)",
            requests=pair.requests,
            per_s=float("nan"),
            p50_ms=float("nan"),
            p99_ms=float("nan"),
            errors=0,
            server_cpu_ms=pair.server_cpu_ms - serving.server_cpu_ms,
            loadgen_cpu_share=float("nan"),
        )
    )
    for f in figures:
        if f.name.startswith("answer (serve"):
            f.floor, base = "GET+POST", floors["GET"] + floors["POST"]
        elif f.name.startswith(("join", "answer POST")):
            f.floor, base = "POST", floors["POST"]
        else:
            f.floor, base = "GET", floors["GET"]
        f.ratio = f.server_cpu_ms / base
    print(f"workers={args.workers} connections={args.connections} seconds={args.seconds}")
    for f in [floor_get, floor_post, *figures]:
        print(f.line())
    if args.out:
        args.out.write_text(json.dumps([asdict(f) for f in [floor_get, floor_post, *figures]]))


if __name__ == "__main__":
    main()
