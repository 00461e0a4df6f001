"""The Prometheus, Grafana and PostgreSQL files under deploy/ are valid and hang together."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import yaml

from tests.monitoring.prometheus_config import PROMETHEUS_DIR, ROOT
from tests.servers import tool

GRAFANA_DIR = ROOT / "deploy" / "grafana"
DASHBOARD = GRAFANA_DIR / "dashboards" / "vocabquiz.json"
ROWS = [
    "Service level objectives",
    "Traffic and errors",
    "Latency",
    "Active users and sessions",
    "Answers and scores",
    "Leaderboard fan-out",
    "Database",
    "Redis, cache and events",
]


def _promtool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [tool("promtool"), *args], capture_output=True, text=True, timeout=60, cwd=ROOT
    )


def test_prometheus_config_is_valid() -> None:
    done = _promtool("check", "config", str(PROMETHEUS_DIR / "prometheus.yml"))
    assert done.returncode == 0, done.stdout + done.stderr


def test_alert_rules_are_valid() -> None:
    done = _promtool("check", "rules", str(PROMETHEUS_DIR / "alerts.yml"))
    assert done.returncode == 0, done.stdout + done.stderr


def test_each_alert_fires_on_its_failure_and_not_on_a_near_miss() -> None:
    done = _promtool("test", "rules", str(Path(__file__).with_name("alerts_test.yml")))
    assert done.returncode == 0, done.stdout + done.stderr


def alert_rules() -> list[dict[str, Any]]:
    """Every alerting rule of alerts.yml, whichever group holds it (recording rules left out)."""
    groups = yaml.safe_load((PROMETHEUS_DIR / "alerts.yml").read_text())["groups"]
    return [rule for group in groups for rule in group["rules"] if "alert" in rule]


def test_every_alert_has_a_severity_summary_description_and_runbook() -> None:
    tests = yaml.safe_load(Path(__file__).with_name("alerts_test.yml").read_text())["tests"]
    checks = [c for test in tests for c in test["alert_rule_test"]]
    fires = {c["alertname"] for c in checks if c["exp_alerts"]}
    quiet = {c["alertname"] for c in checks if not c["exp_alerts"]}
    operations = (ROOT / "docs" / "OPERATIONS.md").read_text()
    rules = alert_rules()
    assert len(rules) == 19
    for rule in rules:
        name = rule["alert"]
        assert rule["labels"]["severity"] in {"warning", "critical"}, name
        assert {"summary", "description", "runbook"} <= set(rule["annotations"]), name
        assert rule["annotations"]["runbook"] == f"docs/OPERATIONS.md#{name.lower()}", name
        assert name in fires and name in quiet, (
            f"{name}: no unit test that fires it and one that does not"
        )
        assert f"### {name}" in operations, f"{name} is not in OPERATIONS.md"


def test_prometheus_scrapes_the_app_redis_and_postgres_exporters() -> None:
    config = yaml.safe_load((PROMETHEUS_DIR / "prometheus.yml").read_text())
    jobs = {j["job_name"]: j["static_configs"][0]["targets"] for j in config["scrape_configs"]}
    assert set(jobs) == {"vocabquiz", "redis", "postgres"}
    assert all(t.endswith(":9121") for t in jobs["redis"])
    assert all(t.endswith(":9187") for t in jobs["postgres"])
    assert config["rule_files"] == ["alerts.yml"]


def dashboard_panels() -> list[dict[str, Any]]:
    panels: list[dict[str, Any]] = json.loads(DASHBOARD.read_text())["panels"]
    return panels


def test_dashboard_has_a_row_per_area_and_uses_the_provisioned_data_source() -> None:
    panels = dashboard_panels()
    assert [p["title"] for p in panels if p["type"] == "row"] == ROWS
    ids = [p["id"] for p in panels]
    assert len(ids) == len(set(ids))
    source = yaml.safe_load((GRAFANA_DIR / "provisioning/datasources/prometheus.yml").read_text())
    uid = source["datasources"][0]["uid"]
    for panel in panels:
        if panel["type"] == "row":
            continue
        assert panel["datasource"]["uid"] == uid, panel["title"]
        assert panel["targets"] and all(t["expr"] for t in panel["targets"]), panel["title"]
    provider = yaml.safe_load((GRAFANA_DIR / "provisioning/dashboards/vocabquiz.yml").read_text())
    assert provider["providers"][0]["options"]["path"] == "/var/lib/grafana/dashboards"


def test_postgres_files_enable_pg_stat_statements_and_the_slow_query_log() -> None:
    conf = (ROOT / "deploy/postgres/vocabquiz.conf").read_text()
    settings = dict(
        (k.strip(), v.split("#")[0].strip())
        for k, _, v in (line.partition("=") for line in conf.splitlines())
        if v and not k.lstrip().startswith("#")
    )
    assert settings["shared_preload_libraries"] == "'pg_stat_statements'"
    assert settings["pg_stat_statements.track"] == "top"
    assert settings["log_min_duration_statement"] == "250ms"
    init = (ROOT / "deploy/postgres/init/01-pg_stat_statements.sql").read_text()
    assert "CREATE EXTENSION IF NOT EXISTS pg_stat_statements;" in init
