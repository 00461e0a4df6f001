"""Fan-out benchmark: N SSE watchers on one quiz session while players send M answers/s; then the
same watchers on nginx + nchan, published to at the rate and payload size vocabquiz's frames had.

    .venv/bin/python bench/fanout.py --watchers 10000 --rate 1000 --seconds 20

Prints, for each server: submit-to-visible p50/p99 (an answer's 200, or a publish's, to the first
frame on each watcher that shows it), frames delivered/s, the server's CPU (its process tree, from
/proc) and frames per server CPU-second, the server's RSS growth per idle watcher (measured before
the answers start) and the load generator's own CPU. Watchers run in --procs processes on raw
sockets from several 127.0.0.x source addresses. vocabquiz runs on PostgreSQL (database
`vocabquiz_bench`) and Redis at 127.0.0.1, rate limits off; nginx needs `make bench-tools`.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from string import Template

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.loadgen import (
    Phase,
    Played,
    ProcessTree,
    Stream,
    WatcherPool,
    http_client,
    measure,
    open_session,
    play,
    raise_nofile,
    sse_request,
    vocabquiz_server,
    vocabquiz_streams,
    watcher_pool,
)
from tests.servers import free_port, wait_until_ok

NCHAN_MODULES = [
    "/usr/lib/nginx/modules/ngx_nchan_module.so",
    "/usr/share/nginx/modules/ngx_nchan_module.so",
]


async def run_vocabquiz(
    url: str, tree: ProcessTree, pool: WatcherPool, args: argparse.Namespace
) -> Phase:
    port = int(url.rsplit(":", 1)[1])
    async with http_client(url, args.players + 10) as client:
        session = await open_session(client, args.players)
        streams = vocabquiz_streams(port, session, 0, args.watchers, args.limit)
        return await measure(
            pool,
            tree,
            streams,
            lambda: play(url, session, args.rate, args.seconds),
        )


def nchan_message(size: int, seq: int) -> bytes:
    """A message of about `size` bytes whose trailing `me` carries `seq` as its answered_count,
    so that the watchers find it the way they find a vocabquiz answer."""
    tail = b'","me":{"answered_count":%d,"correct_count":0}}' % seq
    return b'{"pad":"' + b"x" * max(0, size - len(tail) - 8) + tail


async def publish(port: int, rate: float, size: int, seconds: float) -> Played:
    """POST a message to the channel `rate` times a second."""
    played = Played()
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
        start = time.monotonic()
        seq = 0
        while (now := time.monotonic()) < start + seconds:
            await asyncio.sleep(max(0.0, start + seq / rate - now))
            seq += 1
            sent = time.monotonic()
            r = await client.post("/pub", content=nchan_message(size, seq))
            end = time.monotonic()
            if r.status_code >= 300:
                played.errors += 1
                continue
            played.submits.append(end - sent)
            played.done.append((0, seq, end))
    return played


@contextlib.contextmanager
def nchan_server(workers: int) -> Iterator[tuple[int, ProcessTree]]:
    """nginx with the nchan module in the foreground on a free port; stopped at the end."""
    module = next((m for m in NCHAN_MODULES if Path(m).exists()), None)
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if module is None or not Path(nginx).exists():
        raise SystemExit("nginx with the nchan module is missing: run `make bench-tools`")
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="bench-nchan-") as directory:
        config = Path(directory) / "nginx.conf"
        config.write_text(
            Template((Path(__file__).parent / "nchan.conf").read_text()).substitute(
                module=module,
                # As root, nginx would hand its workers to `nobody`, who cannot use this directory.
                user="user root;" if os.geteuid() == 0 else "",
                workers=workers,
                dir=directory,
                port=port,
                nofile=resource.getrlimit(resource.RLIMIT_NOFILE)[0],
            )
        )
        log = Path(directory) / "error.log"
        proc = subprocess.Popen(
            [nginx, "-p", directory, "-c", str(config), "-e", str(log)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until_ok(
                f"http://127.0.0.1:{port}/healthz",
                proc,
                lambda: log.read_text() if log.exists() else "",
                "nginx",
                within=15,
            )
            yield port, ProcessTree(proc.pid)
        finally:
            proc.send_signal(signal.SIGQUIT)  # graceful: the workers close their streams
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


async def run_nchan(
    port: int,
    tree: ProcessTree,
    pool: WatcherPool,
    watchers: int,
    rate: float,
    size: int,
    seconds: float,
) -> Phase:
    streams = [Stream(port, sse_request(port, "/sub"), 0) for _ in range(watchers)]
    return await measure(pool, tree, streams, lambda: publish(port, rate, size, seconds))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--watchers", type=int, default=10_000)
    parser.add_argument("--rate", type=float, default=1000, help="answers/s offered in all")
    parser.add_argument("--players", type=int, default=100)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--limit", type=int, default=10, help="entries per frame, as the web app")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes (both)")
    parser.add_argument("--procs", type=int, default=2, help="load generator watcher processes")
    parser.add_argument("--no-nchan", action="store_true", help="vocabquiz only")
    parser.add_argument("--out", type=Path, help="also write the figures to this JSON file")
    args = parser.parse_args()
    raise_nofile()
    with watcher_pool(args.procs) as pool:
        with vocabquiz_server(args.workers) as server:
            tree = ProcessTree(server.process.pid)
            ours = asyncio.run(run_vocabquiz(server.url, tree, pool, args))
            pool.drop()
        ours.print("vocabquiz")
        figures: dict[str, object] = {"vocabquiz": asdict(ours)}
        if not args.no_nchan:
            # nchan gets the frames each vocabquiz watcher got, as often and as big.
            rate = max(1.0, ours.frames_per_s / max(1, ours.watchers))
            with nchan_server(args.workers) as (port, tree):
                theirs = asyncio.run(
                    run_nchan(
                        port, tree, pool, args.watchers, rate, int(ours.frame_bytes), args.seconds
                    )
                )
                pool.drop()
            theirs.print(f"nchan (publishing {rate:.1f} messages/s)")
            ratio = ours.frames_per_server_cpu_s / theirs.frames_per_server_cpu_s
            print(f"ratio frames_per_server_cpu_s vocabquiz/nchan={ratio:.4f} (target >= 0.8)")
            figures |= {"nchan": asdict(theirs), "nchan_rate": rate}
    if args.out:
        args.out.write_text(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
