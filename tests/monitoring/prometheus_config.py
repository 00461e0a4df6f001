"""deploy/prometheus's files, and its configuration pointed at a test's server."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
PROMETHEUS_DIR = ROOT / "deploy" / "prometheus"


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
