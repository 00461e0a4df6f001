"""Capacity benchmark: more and more SSE watchers on one quiz session at a fixed answer rate,
until submit-to-visible p99 passes 1 s or watchers fail to connect.

    .venv/bin/python bench/capacity.py --rate 20 --out docs/performance/capacity.json

Prints a row per step (watchers, submit-to-visible p50/p99, frames/s, server CPU, RSS per idle
watcher) and the knee: the most watchers whose p99 stayed within 1 s. The JSON file is what
bench/plot.py draws. The server runs on PostgreSQL (database `vocabquiz_bench`) and Redis at
127.0.0.1, rate limits off.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import sys
from dataclasses import asdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.loadgen import (
    Phase,
    ProcessTree,
    WatcherPool,
    http_client,
    measure,
    open_session,
    play,
    raise_nofile,
    vocabquiz_server,
    vocabquiz_streams,
    watcher_pool,
)

STEPS = [1000, 2000, 5000, 10_000, 15_000, 19_000, 25_000, 30_000, 40_000]
# A watcher process holds at most this many streams (the open-file limit, less some room).
PER_PROCESS = 19_000
KNEE_MS = 1000.0


async def ramp(
    url: str, tree: ProcessTree, pool: WatcherPool, args: argparse.Namespace
) -> list[tuple[int, Phase]]:
    port = int(url.rsplit(":", 1)[1])
    rows: list[tuple[int, Phase]] = []
    async with http_client(url, args.players + 10) as client:
        session = await open_session(client, args.players)
        opened = 0
        for step in args.steps:
            streams = vocabquiz_streams(port, session, opened, step, args.limit)
            opened = step
            phase = await measure(
                pool,
                tree,
                streams,
                lambda: play(url, session, args.rate, args.seconds),
            )
            rows.append((step, phase))
            print(
                f"{step:>8} {phase.watchers:>9} {phase.failed:>6} {phase.answers_per_s:>9.1f}"
                f" {phase.visible_p50_ms:>8.0f} {phase.visible_p99_ms:>8.0f}"
                f" {phase.frames_per_s:>9.0f} {phase.server_cpu_share:>7.2f}"
                f" {phase.rss_per_idle_watcher_kb:>9.1f} {phase.loadgen_cpu_share:>8.2f}",
                flush=True,
            )
            if phase.visible_p99_ms > KNEE_MS or phase.failed > step // 100:
                break
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rate", type=float, default=20, help="answers/s, at every step")
    parser.add_argument("--players", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=15, help="of answers at each step")
    parser.add_argument("--limit", type=int, default=10, help="entries per frame, as the web app")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes")
    parser.add_argument("--procs", type=int, default=2, help="load generator watcher processes")
    parser.add_argument(
        "--steps",
        type=lambda s: [int(n) for n in s.split(",")],
        default=STEPS,
        help="watcher counts, comma-separated",
    )
    parser.add_argument("--out", type=Path, help="write the rows to this JSON file")
    args = parser.parse_args()
    raise_nofile()
    procs = max(args.procs, math.ceil(max(args.steps) / PER_PROCESS))
    print(
        f"{'watchers':>8} {'connected':>9} {'failed':>6} {'answers/s':>9} {'p50 ms':>8}"
        f" {'p99 ms':>8} {'frames/s':>9} {'cpu':>7} {'KB/watch':>9} {'loadgen':>8}"
    )
    with watcher_pool(procs) as pool, vocabquiz_server(args.workers) as server:
        rows = asyncio.run(ramp(server.url, ProcessTree(server.process.pid), pool, args))
    within = [step for step, phase in rows if phase.visible_p99_ms <= KNEE_MS and not phase.failed]
    print(f"knee: {max(within) if within else 0} watchers with submit-to-visible p99 <= 1 s")
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        figures = {
            "rate": args.rate,
            "workers": args.workers,
            "rows": [{"step": step, **asdict(phase)} for step, phase in rows],
        }
        args.out.write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
