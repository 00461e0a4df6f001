"""Every server the tests start and the backends they run on: `vocabquiz serve` processes, the
shared PostgreSQL and Redis, private PostgreSQL and Redis servers that a test may stop, Prometheus
and nginx. Each listens on a free port of 127.0.0.1, every wait is bounded, and each is stopped at
the end, after a failure too."""

from __future__ import annotations

import contextlib
import glob
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AsyncExitStack, asynccontextmanager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import yaml
from redis.asyncio import Redis

PG_ADMIN_URL = os.environ.get("VOCABQUIZ_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")
REDIS_URL = os.environ.get("VOCABQUIZ_TEST_REDIS", "redis://127.0.0.1:6379/0")
SECRET = "test-secret-key-that-is-long-enough-0123456789"
ADMIN = ("admin", "admin-password")
IN_CI = os.environ.get("CI", "").lower() == "true"
UNREACHABLE = "PostgreSQL or Redis is not reachable (set CI=true to fail instead)"
VOCABQUIZ = str(Path(sys.executable).parent / "vocabquiz")
START_S = 60  # a busy 2-core machine takes a while to import the app
TABLES = "removed_players, answers, participants, sessions, choices, questions, quizzes, users"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _free(port: int) -> bool:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def free_cluster_port() -> int:
    """A free port for a Redis Cluster node: below the ephemeral range, with the node's bus
    port (10,000 higher) free too."""
    for _ in range(1000):
        port = random.randrange(20_000, 30_000)
        if _free(port) and _free(port + 10_000):
            return port
    raise RuntimeError("no free port pair for a Redis Cluster node")


def tool(name: str, install: str = "make monitoring-tools") -> str:
    """The path of a program the tests run (/usr/sbin is not on every user's PATH)."""
    path = shutil.which(name) or shutil.which(name, path="/usr/sbin")
    assert path is not None, f"{name}: not installed: `{install}` installs Debian's package"
    return path


# --- processes ------------------------------------------------------------------------------------


def start(
    command: list[str], log: Path, env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """`command` with its output in `log`, in a process group of its own: `stop` reaches its
    workers too."""
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("ab") as out:
        return subprocess.Popen(
            command,
            env={**os.environ, **env} if env is not None else None,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop(*processes: subprocess.Popen[bytes]) -> None:
    """SIGTERM to all first (they shut down side by side), then SIGKILL to the process group of
    any still running 15 s later."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def wait_until(check: Callable[[], bool], within: float, what: str) -> None:
    """Poll `check()` every 50 ms until it is true, for at most `within` seconds."""
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not within {within}s")
        time.sleep(0.05)


def wait_until_ok(
    url: str,
    proc: subprocess.Popen[bytes],
    logs: Callable[[], str],
    what: str,
    within: float,
) -> None:
    """Poll `url` until it answers 200; fail with the process' logs if it exits or time runs out."""
    deadline = time.monotonic() + within
    while True:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not start: {logs()[-2000:]}")
        time.sleep(0.1)


# --- vocabquiz serve ------------------------------------------------------------------------------


def server_env(
    database_url: str, redis_url: str | None = None, namespace: str = "vq"
) -> dict[str, str]:
    """The environment of a `vocabquiz serve` in the tests: on `database_url`, and on Redis when
    `redis_url` is given (else in-process, as the embedded default)."""
    env = {
        "VOCABQUIZ_DATABASE_URL": database_url,
        "VOCABQUIZ_SECRET_KEY": SECRET,
        "VOCABQUIZ_ADMIN_USERNAME": ADMIN[0],
        "VOCABQUIZ_ADMIN_PASSWORD": ADMIN[1],
        "VOCABQUIZ_BROADCAST_INTERVAL_MS": "100",
        "VOCABQUIZ_PING_INTERVAL_S": "1",
        # Many guests from 127.0.0.1 must not be throttled.
        "VOCABQUIZ_RATE_LIMITS": "off",
    }
    if redis_url is not None:
        env["VOCABQUIZ_REDIS_URL"] = redis_url
        env["VOCABQUIZ_REDIS_NAMESPACE"] = namespace
    return env


class Server:
    """A `vocabquiz serve` process, started at once and waited for by `wait_ready`: several can
    start together (start-up is most of the time of these tests)."""

    def __init__(self, env: dict[str, str], log: Path, workers: int = 1) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.env = env
        command = [VOCABQUIZ, "serve", "--port", str(self.port), "--workers", str(workers)]
        self.process = start(command, log, env)

    def wait_ready(self) -> str:
        """Its URL, once /readyz answers 200 (bounded)."""
        wait_until_ok(f"{self.url}/readyz", self.process, self.log.read_text, "server", START_S)
        return self.url


@contextmanager
def server_processes(
    env: dict[str, str], logs: list[Path], workers: int = 1
) -> Iterator[list[Server]]:
    """A server for each of `logs`, all on `env`, started together and given once all are ready;
    all stopped at the end."""
    servers: list[Server] = []
    try:
        for log in logs:
            servers.append(Server(env, log, workers))
        for server in servers:
            server.wait_ready()
        yield servers
    finally:
        stop(*(server.process for server in servers))


@contextmanager
def server_process(env: dict[str, str], log: Path, workers: int = 1) -> Iterator[Server]:
    """A ready server, with its process: for tests that signal or kill it."""
    with server_processes(env, [log], workers) as (server,):
        yield server


@contextmanager
def serve(env: dict[str, str], log: Path, workers: int = 1) -> Iterator[str]:
    """A ready server's URL."""
    with server_process(env, log, workers) as server:
        yield server.url


@dataclass
class Instance:
    """A ready server and an HTTP client of it."""

    server: Server
    client: httpx.AsyncClient

    @property
    def url(self) -> str:
        return self.server.url

    @property
    def port(self) -> int:
        return self.server.port

    @property
    def process(self) -> subprocess.Popen[bytes]:
        return self.server.process


@asynccontextmanager
async def instances(
    env: dict[str, str], logs: list[Path], client_timeout: float = 15
) -> AsyncIterator[list[Instance]]:
    """`server_processes`, each with a client of its own."""
    with server_processes(env, logs) as servers:
        async with AsyncExitStack() as clients:
            yield [
                Instance(
                    server,
                    await clients.enter_async_context(
                        httpx.AsyncClient(base_url=server.url, timeout=client_timeout)
                    ),
                )
                for server in servers
            ]


@asynccontextmanager
async def instance(
    env: dict[str, str], log: Path, client_timeout: float = 15
) -> AsyncIterator[Instance]:
    """A ready server and a client of it."""
    async with instances(env, [log], client_timeout) as (one,):
        yield one


# --- the shared PostgreSQL and Redis --------------------------------------------------------------


async def unreachable() -> str | None:
    """Why the shared PostgreSQL and Redis can't be used, or None when they can."""
    try:
        conn = await asyncpg.connect(PG_ADMIN_URL, timeout=3)
        await conn.close()
    except Exception as exc:
        return f"PostgreSQL at {PG_ADMIN_URL}: {exc}"
    try:
        redis = Redis.from_url(REDIS_URL, socket_connect_timeout=3)
        await redis.ping()
        await redis.aclose()
    except Exception as exc:
        return f"Redis at {REDIS_URL}: {exc}"
    return None


async def _as_admin(statement: str) -> None:
    conn = await asyncpg.connect(PG_ADMIN_URL)
    try:
        await conn.execute(statement)
    finally:
        await conn.close()


async def create_database(name: str) -> str:
    """A new database on the shared PostgreSQL; its URL."""
    await _as_admin(f'CREATE DATABASE "{name}"')
    return f"{PG_ADMIN_URL.rsplit('/', 1)[0]}/{name}"


async def drop_database(name: str) -> None:
    await _as_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


async def empty_database(url: str) -> None:
    """Every table emptied (once the migrations have made them)."""
    conn = await asyncpg.connect(url)
    try:
        exists = await conn.fetchval("SELECT to_regclass('public.users') IS NOT NULL")
        if exists:
            await conn.execute(f"TRUNCATE {TABLES} CASCADE")
        if await conn.fetchval("SELECT to_regclass('public.saq_jobs') IS NOT NULL"):
            await conn.execute("TRUNCATE saq_jobs")
    finally:
        await conn.close()


async def drop_namespace(namespace: str) -> None:
    """Every key of a Redis namespace deleted from the shared Redis."""
    redis = Redis.from_url(REDIS_URL)
    keys = [k async for k in redis.scan_iter(match=f"{namespace}:*", count=1000)]
    if keys:
        await redis.delete(*keys)
    await redis.aclose()


# --- private PostgreSQL and Redis, for the tests that stop them -----------------------------------


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


class PrivateRedis:
    """`redis-server` on a free port of 127.0.0.1 that saves nothing: a restart comes back empty."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._dir = workdir
        self._log = self._dir / "redis.log"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        assert self._process is None
        args = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        args += ["--save", "", "--appendonly", "no", "--dir", str(self._dir)]
        process = self._process = start(args, self._log)

        def up() -> bool:
            if process.poll() is not None:
                raise RuntimeError(f"redis-server exited: {self._log.read_text()[-1000:]}")
            return _port_open(self.port)

        wait_until(up, 10, "redis-server listening")

    def stop(self) -> None:
        """Stop at once (SIGKILL: nothing is saved, nothing is flushed to clients)."""
        if self._process is None:
            return
        self._process.kill()
        self._process.wait(timeout=10)
        self._process = None
        wait_until(lambda: not _port_open(self.port), 5, "redis port closed")

    def close(self) -> None:
        self.stop()


class PrivateRedisCluster:
    """A Redis Cluster of `primaries` primaries, each with one replica, from `redis-server
    --cluster-enabled yes` processes on free ports of 127.0.0.1 (`redis-cli --cluster create`).
    A node that stops answering is failed over after a second."""

    NODE_TIMEOUT_MS = 1000

    def __init__(self, workdir: Path, primaries: int = 3) -> None:
        self.ports = [free_cluster_port() for _ in range(2 * primaries)]
        self.url = f"redis://127.0.0.1:{self.ports[0]}"
        self._dir = workdir
        self._processes: dict[int, subprocess.Popen[bytes]] = {}

    def start(self) -> None:
        for port in self.ports:
            folder = self._dir / str(port)
            folder.mkdir()
            args = ["redis-server", "--port", str(port), "--bind", "127.0.0.1"]
            args += ["--save", "", "--appendonly", "no", "--dir", str(folder)]
            args += ["--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf"]
            args += ["--cluster-node-timeout", str(self.NODE_TIMEOUT_MS)]
            self._processes[port] = start(args, folder / "redis.log")
        for port in self.ports:
            wait_until(lambda p=port: _port_open(p), 10, f"redis-server on {port} listening")
        nodes = [f"127.0.0.1:{port}" for port in self.ports]
        create = ["redis-cli", "--cluster", "create", *nodes, "--cluster-replicas", "1"]
        done = subprocess.run(
            [*create, "--cluster-yes"],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=60,
            check=False,
        )
        if done.returncode != 0:
            raise RuntimeError(f"redis-cli --cluster create failed: {done.stdout[-2000:]!r}")
        wait_until(lambda: self.healthy(self.ports), 30, "the cluster's slots all served")
        # A replica that has not yet copied its primary would not take over from it.
        wait_until(self._replicas_in_sync, 30, "every replica in sync with its primary")

    def _replicas_in_sync(self) -> bool:
        roles = [self._cli(port, "info", "replication") for port in self.ports]
        replicas = [info for info in roles if "role:slave" in info]
        return len(replicas) == len(self.ports) // 2 and all(
            "master_link_status:up" in info for info in replicas
        )

    def _cli(self, port: int, *args: str) -> str:
        done = subprocess.run(
            ["redis-cli", "-p", str(port), *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            timeout=10,
            check=False,
        )
        return done.stdout.decode()

    def healthy(self, ports: list[int]) -> bool:
        """Every one of `ports` says the cluster is ok (all slots served by a live primary)."""
        return all("cluster_state:ok" in self._cli(port, "cluster", "info") for port in ports)

    def primary_of(self, key: str) -> int:
        """The port of the primary that holds `key`'s slot now."""
        slot = self._cli(self.ports[0], "cluster", "keyslot", key).strip()
        for port in self.alive():
            lines = self._cli(port, "cluster", "nodes").splitlines()
            for line in lines:
                fields = line.split()
                if "myself" in fields[2] and "master" in fields[2]:
                    for part in fields[8:]:
                        low, _, high = part.partition("-")
                        if low.isdigit() and int(low) <= int(slot) <= int(high or low):
                            return port
        raise RuntimeError(f"no live primary holds the slot of {key}")

    def alive(self) -> list[int]:
        return [port for port, process in self._processes.items() if process.poll() is None]

    def kill(self, port: int) -> None:
        """SIGKILL one node: whatever it had not yet copied to its replica is lost."""
        process = self._processes[port]
        process.kill()
        process.wait(timeout=10)

    def close(self) -> None:
        stop(*(p for p in self._processes.values() if p.poll() is None))


PG_BIN_GLOB = "/usr/lib/postgresql/*/bin/initdb"


def _as_postgres(args: list[str], cwd: Path, timeout: float) -> None:
    """Run a PostgreSQL tool as the `postgres` OS user (initdb and the server refuse root)."""
    command = ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args
    done = subprocess.run(
        command,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=timeout,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"{args[0]} failed: {done.stdout.decode(errors='replace')[-2000:]}")


class PrivatePostgres:
    """A throw-away cluster (initdb) on a free port of 127.0.0.1 with trust auth."""

    def __init__(self) -> None:
        found = sorted(glob.glob(PG_BIN_GLOB))
        if not found:
            raise RuntimeError(f"no PostgreSQL server binaries: {PG_BIN_GLOB}")
        self._bin = Path(found[-1]).parent
        self.port = free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        # Outside pytest's root-only tmp folder, so that the postgres user can use it.
        self.dir = Path(tempfile.mkdtemp(prefix="vq-faults-pg-"))
        self._data = self.dir / "data"
        self.log = self.dir / "server.log"
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")

    def init(self, settings: str = "") -> None:
        """initdb, then this cluster's port and folder and `settings` (postgresql.conf lines)."""
        initdb = [str(self._bin / "initdb"), "-D", str(self._data), "-U", "postgres"]
        _as_postgres([*initdb, "-A", "trust", "-E", "UTF8", "--no-sync"], self.dir, 60)
        self._configure(settings)

    def init_standby(self, primary: PrivatePostgres, settings: str = "") -> None:
        """A streaming replica of `primary` (running, with wal_level = replica): pg_basebackup
        -R copies it and its settings, then this cluster's own port and folder and `settings`."""
        backup = [str(self._bin / "pg_basebackup"), "-D", str(self._data), "-R", "-X", "stream"]
        backup += ["-h", "127.0.0.1", "-p", str(primary.port), "-U", "postgres", "--no-sync"]
        backup += ["--checkpoint=fast"]  # not the spread checkpoint: that one takes minutes
        _as_postgres(backup, self.dir, 120)
        self._configure(settings)

    def _configure(self, settings: str) -> None:
        with (self._data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"port = {self.port}\n"
                "listen_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.dir}'\n"
                "fsync = off\n"
                "max_connections = 100\n"
                f"{settings}\n"
            )

    def _pg_ctl(self, *args: str) -> None:
        _as_postgres([str(self._bin / "pg_ctl"), "-D", str(self._data), *args], self.dir, 40)

    def start(self) -> None:
        self._pg_ctl("-l", str(self.log), "-w", "-t", "30", "start")

    def stop(self, mode: str = "fast") -> None:
        self._pg_ctl("-m", mode, "-w", "-t", "30", "stop")

    def close(self) -> None:
        try:
            if (self._data / "postmaster.pid").exists():
                self.stop("immediate")
        except Exception:
            self._kill_postmaster()
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)

    def _kill_postmaster(self) -> None:
        pid_file = self._data / "postmaster.pid"
        if pid_file.exists():
            pid = int(pid_file.read_text().split()[0])
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)


# --- Prometheus and nginx -------------------------------------------------------------------------


@contextmanager
def prometheus(config: dict[str, Any], workdir: Path) -> Iterator[str]:
    """A Prometheus with `config` and its own storage; its URL once it is ready."""
    workdir.mkdir(parents=True, exist_ok=True)
    config_file = workdir / "prometheus.yml"
    config_file.write_text(yaml.safe_dump(config))
    port = free_port()
    log = workdir / "prometheus.log"
    command = [
        tool("prometheus"),
        f"--config.file={config_file}",
        f"--storage.tsdb.path={workdir / 'data'}",
        f"--web.listen-address=127.0.0.1:{port}",
        "--log.level=warn",
    ]
    proc = start(command, log)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ok(f"{url}/-/ready", proc, log.read_text, "prometheus", within=START_S)
        yield url
    finally:
        stop(proc)


@contextmanager
def nginx(workdir: Path, port: int) -> Iterator[str]:
    """nginx in the foreground on workdir/nginx.conf, which listens on `port`; its URL once it
    proxies /healthz. SIGTERM at the end is its fast shutdown: open streams are cut."""
    error_log, out = workdir / "error.log", workdir / "nginx.out"
    command = [tool("nginx", "make nginx"), "-p", f"{workdir}/", "-c", str(workdir / "nginx.conf")]
    proc = start([*command, "-e", str(error_log), "-g", "daemon off;"], out)
    url = f"http://127.0.0.1:{port}"

    def logs() -> str:
        return out.read_text() + (error_log.read_text() if error_log.exists() else "")

    try:
        wait_until_ok(f"{url}/healthz", proc, logs, "nginx", within=15)
        yield url
    finally:
        stop(proc)
