"""Every dashboard query and alert expression, asked of a real Prometheus that scraped a real
server every second during a short session: all parse, and every dashboard panel shows data."""

from __future__ import annotations

import math
import re
from typing import Any

import httpx
import pytest
import yaml

from tests.monitoring.conftest import Run
from tests.monitoring.prometheus_config import PROMETHEUS_DIR
from tests.monitoring.test_prometheus_files import dashboard_panels

pytestmark = pytest.mark.server

# Grafana fills these in; with the provisioned 15 s scrape interval, $__rate_interval is 1m.
GRAFANA_VARIABLES = {"$__rate_interval": "1m", "$instance": ".*"}
# Panels fed by redis_exporter and postgres_exporter, which this test does not run: their queries
# must parse, but here they have nothing to show. Only panels on exporter metrics may be listed.
EXPORTER_PANELS = {
    "PostgreSQL up",
    "PostgreSQL backends by database",
    "PostgreSQL transactions per second",
    "Redis up",
    "Redis memory used",
    "Redis commands per second",
    "Redis connected clients",
}
EXPORTER_METRIC = re.compile(r"\b(pg|redis)_[a-z_]+")


def _expr(raw: str) -> str:
    for name, value in GRAFANA_VARIABLES.items():
        raw = raw.replace(name, value)
    assert "$" not in raw, f"a Grafana variable this test does not know: {raw}"
    return raw


def _alerts() -> dict[str, str]:
    groups = yaml.safe_load((PROMETHEUS_DIR / "alerts.yml").read_text())["groups"]
    return {r["alert"]: r["expr"] for g in groups for r in g["rules"]}


def _query(prometheus: str, expr: str) -> dict[str, Any]:
    r = httpx.get(f"{prometheus}/api/v1/query", params={"query": expr}, timeout=10)
    answer: dict[str, Any] = r.json()
    return answer


def _shows_a_number(result: list[dict[str, Any]]) -> bool:
    return any(math.isfinite(float(series["value"][1])) for series in result)


def test_only_exporter_panels_are_excused_from_showing_data() -> None:
    for panel in dashboard_panels():
        for target in panel.get("targets", []):
            uses_exporter = bool(EXPORTER_METRIC.search(target["expr"]))
            assert uses_exporter == (panel["title"] in EXPORTER_PANELS), panel["title"]


def test_every_dashboard_panel_parses_and_shows_data(embedded_run: Run) -> None:
    assert embedded_run.prometheus is not None
    broken, empty = [], []
    for panel in dashboard_panels():
        for target in panel.get("targets", []):
            expr = _expr(target["expr"])
            answer = _query(embedded_run.prometheus, expr)
            if answer["status"] != "success":
                broken.append((panel["title"], expr, answer.get("errorType"), answer.get("error")))
            elif panel["title"] not in EXPORTER_PANELS and not _shows_a_number(
                answer["data"]["result"]
            ):
                empty.append((panel["title"], expr, answer["data"]["result"]))
    assert not broken and not empty, {"do not parse": broken, "show no data": empty}


def test_every_alert_expression_parses(embedded_run: Run) -> None:
    assert embedded_run.prometheus is not None
    for name, expr in _alerts().items():
        answer = _query(embedded_run.prometheus, expr)
        assert answer["status"] == "success", (name, answer.get("errorType"), answer.get("error"))


def test_prometheus_loads_and_evaluates_every_alert_rule_without_error(embedded_run: Run) -> None:
    assert embedded_run.prometheus is not None
    r = httpx.get(f"{embedded_run.prometheus}/api/v1/rules", timeout=10)
    rules = {rule["name"]: rule for g in r.json()["data"]["groups"] for rule in g["rules"]}
    assert set(rules) == set(_alerts())
    unhealthy = {n: r.get("lastError") for n, r in rules.items() if r["health"] != "ok"}
    assert not unhealthy, unhealthy
    # And it scraped the server the whole time.
    up = _query(embedded_run.prometheus, 'min_over_time(up{job="vocabquiz"}[1m])')
    assert [s["value"][1] for s in up["data"]["result"]] == ["1"]
