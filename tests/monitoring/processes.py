"""Real Prometheus and `vocabquiz serve` processes for the monitoring tests."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from tests.live import VOCABQUIZ, free_port, wait_until_ok

ROOT = Path(__file__).resolve().parents[2]
PROMETHEUS_DIR = ROOT / "deploy" / "prometheus"
START_S = 60  # a busy 2-core machine takes a while to import the app
MISSING_TOOLS = "not installed: `make monitoring-tools` installs Debian's prometheus package"


def tool(name: str) -> str:
    path = shutil.which(name)
    assert path is not None, f"{name}: {MISSING_TOOLS}"
    return path


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGTERM, then SIGKILL to its whole process group (its own: workers included)."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


def local_config(target: str, scrape_interval: str = "1s") -> dict[str, Any]:
    """deploy/prometheus/prometheus.yml with the app job pointed at `target`, scraped and
    evaluated every `scrape_interval`, and the exporter jobs left out (no exporters run here)."""
    config: dict[str, Any] = yaml.safe_load((PROMETHEUS_DIR / "prometheus.yml").read_text())
    config["global"] = {"scrape_interval": scrape_interval, "evaluation_interval": scrape_interval}
    config["rule_files"] = [str(PROMETHEUS_DIR / f) for f in config["rule_files"]]
    (job,) = [j for j in config["scrape_configs"] if j["job_name"] == "vocabquiz"]
    job["static_configs"] = [{"targets": [target]}]
    config["scrape_configs"] = [job]
    return config


@contextmanager
def prometheus(config: dict[str, Any], workdir: Path) -> Iterator[str]:
    """A Prometheus on a free port with `config` and its own storage; stopped at the end."""
    workdir.mkdir(parents=True, exist_ok=True)
    config_file = workdir / "prometheus.yml"
    config_file.write_text(yaml.safe_dump(config))
    port = free_port()
    log = workdir / "prometheus.log"
    with log.open("ab") as out:
        proc = subprocess.Popen(
            [
                tool("prometheus"),
                f"--config.file={config_file}",
                f"--storage.tsdb.path={workdir / 'data'}",
                f"--web.listen-address=127.0.0.1:{port}",
                "--log.level=warn",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_ok(f"{url}/-/ready", proc, log.read_text, "prometheus", within=START_S)
        yield url
    finally:
        _stop(proc)


class ServerProcess:
    """`vocabquiz serve` started at once and waited for later, so that several start together."""

    def __init__(self, env: dict[str, str], log: Path, workers: int = 1) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.env = env
        log.parent.mkdir(parents=True, exist_ok=True)
        command = [VOCABQUIZ, "serve", "--port", str(self.port), "--workers", str(workers)]
        with log.open("ab") as out:
            self.process = subprocess.Popen(
                command,
                env={**os.environ, **env},
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def wait_ready(self) -> str:
        """Its URL, once /readyz answers 200 (bounded)."""
        wait_until_ok(f"{self.url}/readyz", self.process, self.log.read_text, "server", START_S)
        return self.url

    def terminate(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)

    def stop(self) -> None:
        _stop(self.process)
