"""Every dashboard query and rule expression, asked of a real Prometheus that scraped a real
server on PostgreSQL and Redis, postgres_exporter and redis_exporter every second during a short
session: all parse, every dashboard panel shows data (the exporters' too), the objectives are
measured, the top statements name the answer path, and the slow-query log has its line."""

from __future__ import annotations

import math
import re
from typing import Any

import httpx
import pytest
import yaml

from tests.monitoring.conftest import Observed
from tests.monitoring.prometheus_config import PROMETHEUS_DIR, ROOT
from tests.monitoring.test_prometheus_files import dashboard_panels

pytestmark = pytest.mark.server

# Grafana fills these in; with the provisioned 15 s scrape interval, $__rate_interval is 1m.
GRAFANA_VARIABLES = {"$__rate_interval": "1m", "$instance": ".*"}


def _expr(raw: str) -> str:
    for name, value in GRAFANA_VARIABLES.items():
        raw = raw.replace(name, value)
    assert "$" not in raw, f"a Grafana variable this test does not know: {raw}"
    return raw


def _rules() -> dict[str, str]:
    """Every rule of alerts.yml, alerting and recording, by name."""
    groups = yaml.safe_load((PROMETHEUS_DIR / "alerts.yml").read_text())["groups"]
    return {r.get("alert") or r["record"]: r["expr"] for g in groups for r in g["rules"]}


def _query(prometheus: str, expr: str) -> dict[str, Any]:
    r = httpx.get(f"{prometheus}/api/v1/query", params={"query": expr}, timeout=10)
    answer: dict[str, Any] = r.json()
    return answer


def _shows_a_number(result: list[dict[str, Any]]) -> bool:
    return any(math.isfinite(float(series["value"][1])) for series in result)


def test_every_dashboard_panel_parses_and_shows_data(observed: Observed) -> None:
    broken, empty = [], []
    for panel in dashboard_panels():
        for target in panel.get("targets", []):
            expr = _expr(target["expr"])
            answer = _query(observed.prometheus, expr)
            if answer["status"] != "success":
                broken.append((panel["title"], expr, answer.get("errorType"), answer.get("error")))
            elif not _shows_a_number(answer["data"]["result"]):
                empty.append((panel["title"], expr, answer["data"]["result"]))
    assert not broken and not empty, {"do not parse": broken, "show no data": empty}


def test_every_rule_expression_parses(observed: Observed) -> None:
    for name, expr in _rules().items():
        answer = _query(observed.prometheus, expr)
        assert answer["status"] == "success", (name, answer.get("errorType"), answer.get("error"))


def test_prometheus_loads_and_evaluates_every_rule_without_error(observed: Observed) -> None:
    r = httpx.get(f"{observed.prometheus}/api/v1/rules", timeout=10)
    rules = {rule["name"]: rule for g in r.json()["data"]["groups"] for rule in g["rules"]}
    assert set(rules) == set(_rules())
    unhealthy = {n: r.get("lastError") for n, r in rules.items() if r["health"] != "ok"}
    assert not unhealthy, unhealthy
    # Nothing fires on a healthy run.
    firing = {n for n, r in rules.items() if r.get("state") == "firing"}
    assert not firing, firing
    # And it scraped the server and both exporters the whole time.
    up = _query(observed.prometheus, "min by (job) (min_over_time(up[1m]))")
    assert {s["metric"]["job"]: s["value"][1] for s in up["data"]["result"]} == {
        "vocabquiz": "1",
        "postgres": "1",
        "redis": "1",
    }


def test_the_objectives_are_measured_from_the_session(observed: Observed) -> None:
    """Each objective's error ratio has a value over the session (it had answers, screens and
    requests), and the session met every objective."""
    for name in ("answers_slow", "screens_late", "requests_failed"):
        answer = _query(observed.prometheus, f"vocabquiz:{name}:ratio_rate5m")
        (series,) = answer["data"]["result"]
        assert 0 <= float(series["value"][1]) < 0.01, (name, series)


def test_the_top_statements_name_the_answer_path(observed: Observed) -> None:
    """pg_stat_statements through postgres_exporter: the statement that stores an answer (one
    statement: the participant's guarded UPDATE and the answer's INSERT) is among the statements
    by total time, by name."""
    answer = _query(observed.prometheus, 'pg_statements_seconds_total{job="postgres"}')
    statements = [s["metric"]["statement"] for s in answer["data"]["result"]]
    assert any(s.startswith("WITH moved AS ( UPDATE participants SET score") for s in statements), (
        statements
    )
    calls = _query(observed.prometheus, 'sum(pg_statements_calls_total{job="postgres"})')
    assert float(calls["data"]["result"][0]["value"][1]) > 0


SLOW_LINE = re.compile(
    r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \w+ \[\d+\] postgres@vocabquiz psql "
    r"LOG:  duration: (\d+\.\d+) ms  statement: SELECT pg_sleep\(0\.3\)$",
    re.M,
)


def test_the_slow_query_log_has_the_documented_line(observed: Observed) -> None:
    """deploy/postgres/vocabquiz.conf's slow-query log: the line docs/OPERATIONS.md shows, for
    a statement over 250 ms (log_line_prefix '%m [%p] %q%u@%d %a ')."""
    (line,) = SLOW_LINE.finditer(observed.postgres_log.read_text())
    assert float(line.group(1)) >= 300
    operations = (ROOT / "docs" / "OPERATIONS.md").read_text()
    documented = [x for x in operations.splitlines() if "duration:" in x and "pg_sleep" in x]
    assert documented and SLOW_LINE.search(documented[0]), documented
