"""deploy/prometheus's files, and its configuration pointed at a test's server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
PROMETHEUS_DIR = ROOT / "deploy" / "prometheus"


def local_config(targets: dict[str, str], scrape_interval: str = "1s") -> dict[str, Any]:
    """deploy/prometheus/prometheus.yml with each job of `targets` (job name -> host:port)
    pointed at its target, scraped and evaluated every `scrape_interval`; the other jobs left
    out."""
    config: dict[str, Any] = yaml.safe_load((PROMETHEUS_DIR / "prometheus.yml").read_text())
    config["global"] = {"scrape_interval": scrape_interval, "evaluation_interval": scrape_interval}
    config["rule_files"] = [str(PROMETHEUS_DIR / f) for f in config["rule_files"]]
    jobs = [j for j in config["scrape_configs"] if j["job_name"] in targets]
    assert {j["job_name"] for j in jobs} == set(targets)
    for job in jobs:
        job["static_configs"] = [{"targets": [targets[job["job_name"]]]}]
    config["scrape_configs"] = jobs
    return config
