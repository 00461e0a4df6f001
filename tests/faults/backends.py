"""Private PostgreSQL and Redis servers for tests that stop or break them: never the machine's
shared ones. Every wait is bounded; `close` stops what is left even after a failure."""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tests.live import free_port


def _port_open(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def wait_until(check: Callable[[], bool], within: float, what: str) -> None:
    """Poll `check()` every 50 ms until it is true, for at most `within` seconds."""
    deadline = time.monotonic() + within
    while not check():
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not within {within}s")
        time.sleep(0.05)


class PrivateRedis:
    """`redis-server` on a free port of 127.0.0.1 that saves nothing: a restart comes back empty."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._dir = workdir
        self._dir.mkdir(parents=True, exist_ok=True)
        self._log = self._dir / "redis.log"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        assert self._process is None
        args = ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1"]
        args += ["--save", "", "--appendonly", "no", "--dir", str(self._dir)]
        with self._log.open("ab") as out:
            self._process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT)
        process = self._process

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


def _pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise RuntimeError("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin")
    return Path(found[-1]).parent


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
        self.port = free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        self._bin = _pg_bin()
        # Outside pytest's root-only tmp folder, so that the postgres user can use it.
        self.dir = Path(tempfile.mkdtemp(prefix="vq-faults-pg-"))
        self._data = self.dir / "data"
        self.log = self.dir / "server.log"
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")

    def init(self) -> None:
        initdb = [str(self._bin / "initdb"), "-D", str(self._data), "-U", "postgres"]
        _as_postgres([*initdb, "-A", "trust", "-E", "UTF8", "--no-sync"], self.dir, 60)
        with (self._data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"port = {self.port}\n"
                "listen_addresses = '127.0.0.1'\n"
                f"unix_socket_directories = '{self.dir}'\n"
                "fsync = off\n"
                "max_connections = 100\n"
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
