"""Two real `vocabquiz serve` instances on PostgreSQL + Redis behind a real nginx that runs
deploy/nginx/vocabquiz.conf: a whole session played through it, event streams and answers spread
over both instances, and rate limits keyed on the client address that nginx forwards."""

from __future__ import annotations

import asyncio
import os
import re
import time
from collections.abc import Iterator
from contextlib import AsyncExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import Api
from tests.event_stream import EventReader, stream
from tests.monitoring.exposition import parse, total
from tests.servers import free_port, nginx, server_processes
from tests.sessions.game import correct_choice, joined, open_session, wrong_choice

pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / "deploy" / "nginx" / "vocabquiz.conf"
MAIN = ROOT / "deploy" / "nginx" / "nginx.conf"
PLAYERS = 6
QUESTIONS = 4
ANSWERS_ROUTE = "/api/sessions/{code}/answers"
# Clients of the rate-limit test connect from these loopback addresses (all of 127/8 is local).
CLIENT_A, CLIENT_B = "127.0.0.3", "127.0.0.4"


def render_site(template: str, upstream_ports: list[int], port: int, logs: Path) -> str:
    """deploy/nginx/vocabquiz.conf with these instances, this port and this log folder: the only
    lines the file's header says a deployment changes."""
    server_line = re.compile(r"^(\s*)server app\d+:8000( [^;]*)?;$", re.MULTILINE)
    found = server_line.findall(template)
    assert len(found) == 2, f"expected the two example instances in the upstream, got {found}"
    indent, params = found[0]
    instances = "\n".join(f"{indent}server 127.0.0.1:{p}{params};" for p in upstream_ports)
    site = server_line.sub(lambda _: instances, template, count=1)
    site = server_line.sub("", site)
    site, listens = re.subn(
        r"^(\s*)listen 80;$", rf"\g<1>listen 127.0.0.1:{port};", site, flags=re.M
    )
    assert listens == 1, "expected one `listen 80;` line"
    assert "/var/log/nginx/" in site
    return site.replace("/var/log/nginx/", f"{logs}/")


def main_config(template: str, workdir: Path) -> str:
    """deploy/nginx/nginx.conf keeping everything (pid, temp files, logs) in `workdir` and
    including the rendered site: its connection limits are the ones under test."""
    # As root nginx would run its workers as `nobody`, who cannot enter pytest's 0700 folders.
    user = "user root;" if os.geteuid() == 0 else ""
    temp = "\n".join(
        f"    {kind}_temp_path {workdir}/{kind}_temp;"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    replaced = {
        "user www-data;": user,
        "pid /run/nginx.pid;": f"pid {workdir}/nginx.pid;",
        # Module paths are relative to the prefix, which is `workdir` here; none is needed.
        "include /etc/nginx/modules-enabled/*.conf;": "",
        "include /etc/nginx/conf.d/*.conf;": f"{temp}\n    include {workdir}/vocabquiz.conf;",
    }
    for line, replacement in replaced.items():
        assert template.count(line) == 1, f"expected one `{line}` line in nginx.conf"
        template = template.replace(line, replacement)
    return template.replace("/var/log/nginx/", f"{workdir}/")


@contextmanager
def running_nginx(workdir: Path, upstream_ports: list[int]) -> Iterator[str]:
    """nginx with deploy/nginx/vocabquiz.conf in front of `upstream_ports`; its URL once it
    proxies /healthz (bounded); stopped at the end."""
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    (workdir / "vocabquiz.conf").write_text(
        render_site(SITE.read_text(), upstream_ports, port, workdir)
    )
    (workdir / "nginx.conf").write_text(main_config(MAIN.read_text(), workdir))
    with nginx(workdir, port) as url:
        yield url


@dataclass
class Cluster:
    url: str  # nginx
    instances: list[str]  # each instance directly (for /metrics)
    ports: list[int]
    access_log: Path
    logs: list[Path]


@pytest.fixture
def cluster(production_env: dict[str, str], tmp_path: Path) -> Iterator[Cluster]:
    env = {
        **production_env,
        # Rate limits on and nobody exempt: the rate-limit test's clients connect from other
        # loopback addresses, which reach the app as the X-Forwarded-For of nginx on 127.0.0.1,
        # the one trusted proxy: each real client gets its own buckets.
        "VOCABQUIZ_RATE_LIMITS": "on",
        "VOCABQUIZ_RATE_LIMIT_REGISTER_IP": "2/600",
        "VOCABQUIZ_TRUSTED_PROXIES": "127.0.0.1/32",
    }
    logs = [tmp_path / f"instance{i}.log" for i in (1, 2)]
    with server_processes(env, logs) as servers:
        ports = [server.port for server in servers]
        with running_nginx(tmp_path / "nginx", ports) as url:
            yield Cluster(
                url=url,
                instances=[server.url for server in servers],
                ports=ports,
                access_log=tmp_path / "nginx" / "vocabquiz.access.log",
                logs=logs,
            )


async def per_instance(cluster: Cluster, name: str, **labels: str) -> list[float]:
    """A metric's value on each instance, scraped directly (nginx refuses /metrics)."""
    async with httpx.AsyncClient(timeout=5) as client:
        values = []
        for instance in cluster.instances:
            r = await client.get(f"{instance}/metrics")
            assert r.status_code == 200
            values.append(total(parse(r.text), name, **labels))
        return values


def standings(entries: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    """(rank, participant id, score, answered, correct) of leaderboard entries or results."""
    keys = ("score", "answered_count", "correct_count")
    rows = [
        (e["rank"], e.get("participant_id", e.get("id")), *(e[k] for k in keys)) for e in entries
    ]
    return sorted(rows)


async def test_a_session_played_through_nginx_is_spread_over_both_instances(
    cluster: Cluster,
) -> None:
    async with httpx.AsyncClient(base_url=cluster.url, timeout=10) as client:
        api = Api(client)
        admin, code, quiz = await open_session(api, questions=QUESTIONS, time_limit_s=None)
        players = [await joined(api, code, f"Player {i}") for i in range(PLAYERS)]
        events = f"/api/sessions/{code}/events?limit=100"

        # nginx keeps /metrics to itself and passes request ids both ways.
        assert (await client.get("/metrics")).status_code == 403
        r = await client.get("/healthz", headers={"X-Request-ID": "through-nginx-1"})
        assert r.headers["X-Request-ID"] == "through-nginx-1"

        async with AsyncExitStack() as streams:
            readers: list[EventReader] = []
            # One at a time, each once its first event has come: round robin alternates them.
            for headers in [*players, admin]:
                reader = await streams.enter_async_context(stream(client, events, headers))
                await reader.wait_for(lambda n, d: n == "leaderboard")
                readers.append(reader)
            connected = await per_instance(cluster, "vocabquiz_sse_connections")
            assert sum(connected) == len(readers) and min(connected) >= 1, connected

            async def play(i: int, headers: dict[str, str]) -> int:
                score = 0
                for q in range(QUESTIONS):
                    r = await client.get(f"/api/sessions/{code}/question", headers=headers)
                    assert r.status_code == 200, r.text
                    qid = r.json()["question"]["id"]
                    pick = wrong_choice if (i + q) % 3 == 0 else correct_choice
                    body = {"question_id": qid, "choice_id": pick(quiz, qid)}
                    r = await client.post(
                        f"/api/sessions/{code}/answers", json=body, headers=headers
                    )
                    assert r.status_code == 200, r.text
                    score = r.json()["score"]
                    await asyncio.sleep(0.15)  # a few broadcast intervals: the standings move live
                return score

            scores = await asyncio.gather(*(play(i, h) for i, h in enumerate(players)))
            answered = len(players) * QUESTIONS

            # Answers went through both instances; every stream, whichever instance holds it,
            # sees everyone's answers before the session closes.
            handled = await per_instance(
                cluster, "http_requests_total", handler=ANSWERS_ROUTE, method="POST"
            )
            assert sum(handled) == answered and min(handled) >= 1, handled
            assert sum(await per_instance(cluster, "vocabquiz_answers_total")) == answered

            def everyone_answered(name: str, data: dict[str, Any]) -> bool:
                entries = data["entries"] if name == "leaderboard" else []
                return len(entries) == PLAYERS and all(
                    e["answered_count"] == QUESTIONS for e in entries
                )

            finals = [(await reader.wait_for(everyone_answered))[1] for reader in readers]
            for reader in readers:  # the standings moved live, not only at connect and at the end
                assert len({d["version"] for d in reader.leaderboards()}) >= 3

            r = await client.post(f"/api/sessions/{code}/close", headers=admin)
            assert r.status_code == 200 and r.json()["status"] == "closed"
            for reader in readers:
                _, closed, _ = await reader.wait_for(lambda n, d: n == "session")
                assert closed["status"] == "closed" and closed["code"] == code

            r = await client.get(f"/api/sessions/{code}/results", headers=admin)
            assert r.status_code == 200
            results = r.json()
            assert sorted(p["score"] for p in results) == sorted(scores)
            for final in finals:
                assert standings(final["entries"]) == standings(results)

        # Clients gone: nginx closed its connections to the instances, which let the streams go.
        deadline = time.monotonic() + 10
        while sum(await per_instance(cluster, "vocabquiz_sse_connections")) != 0:
            assert time.monotonic() < deadline, "streams still open on the instances"
            await asyncio.sleep(0.2)

    # nginx's access log names the instance of each request, and the request id that nginx made
    # up is in that instance's own log line.
    log = cluster.access_log.read_text()
    for port in cluster.ports:
        assert f"upstream=127.0.0.1:{port}" in log
    created = next(line for line in log.splitlines() if '"POST /api/quizzes ' in line)
    upstream, request_id = re.findall(r"upstream=(\S+) request_id=(\w+)", created)[0]
    instance_log = cluster.logs[cluster.ports.index(int(upstream.rsplit(":", 1)[1]))]
    assert request_id in instance_log.read_text()


async def test_rate_limits_behind_nginx_key_on_the_forwarded_client_address(
    cluster: Cluster,
) -> None:
    """VOCABQUIZ_RATE_LIMIT_REGISTER_IP=2/600: a client gets two registrations and a 429 whichever
    instance the third lands on (the bucket is shared through Redis), cannot dodge it with an
    X-Forwarded-For of its own, and another client address has a bucket of its own."""

    def client_from(address: str) -> httpx.AsyncClient:
        transport = httpx.AsyncHTTPTransport(local_address=address)
        return httpx.AsyncClient(base_url=cluster.url, transport=transport, timeout=10)

    async def register(client: httpx.AsyncClient, name: str, **headers: str) -> int:
        body = {"username": name, "password": "password123"}
        return (await client.post("/api/auth/register", json=body, headers=headers)).status_code

    async with client_from(CLIENT_A) as a, client_from(CLIENT_B) as b:
        assert [await register(a, f"alpha{i}") for i in range(3)] == [201, 201, 429]
        assert await register(a, "alpha3", **{"X-Forwarded-For": "198.51.100.7"}) == 429
        assert await register(b, "bravo0") == 201

    refused = await per_instance(cluster, "vocabquiz_rate_limited_total", rule="register_ip")
    assert sum(refused) == 2
    # The three first registrations alternated between the instances: neither instance alone saw
    # more than two, so the refusal came from the bucket they share.
    lines = [line for line in cluster.access_log.read_text().splitlines() if "register" in line]
    upstreams = [re.findall(r"upstream=(\S+)", line) for line in lines[:3]]
    assert len({u for found in upstreams for u in found}) == 2, lines[:3]
