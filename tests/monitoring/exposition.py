"""Reading the Prometheus text format that `GET /metrics` serves."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import httpx
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.parser import text_string_to_metric_families


@dataclass(frozen=True)
class Sample:
    name: str
    labels: dict[str, str]
    value: float


def parse(text: str) -> list[Sample]:
    return [
        Sample(s.name, dict(s.labels), float(s.value))
        for family in text_string_to_metric_families(text)
        for s in family.samples
    ]


async def scrape(client: httpx.AsyncClient) -> list[Sample]:
    r = await client.get("/metrics")
    assert r.status_code == 200, r.text
    return parse(r.text)


def total(samples: list[Sample], name: str, **labels: str) -> float:
    """The sum of the samples called `name` whose labels include `labels` (0 when none)."""
    return sum(
        s.value
        for s in samples
        if s.name == name and all(s.labels.get(k) == v for k, v in labels.items())
    )


def requests_by_worker(metrics_dir: Path) -> dict[str, float]:
    """http_requests_total as each worker wrote it to its own file (multiprocess mode)."""
    return {
        path.stem: sum(
            s.value
            for family in MultiProcessCollector.merge([str(path)], accumulate=True)
            for s in family.samples
            if s.name == "http_requests_total"
        )
        for path in metrics_dir.glob("counter_*.db")
    }
