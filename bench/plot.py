"""Draws bench/capacity.py's JSON: submit-to-visible p50 and p99 against watchers.

    .venv/bin/python bench/plot.py

reads docs/performance/capacity.json and writes docs/performance/visible-latency.png (or the two
paths given).
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display: write the file only
import matplotlib.pyplot as plt


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "capacity",
        type=Path,
        nargs="?",
        default=Path("docs/performance/capacity.json"),
        help="JSON written by bench/capacity.py --out",
    )
    parser.add_argument(
        "png", type=Path, nargs="?", default=Path("docs/performance/visible-latency.png")
    )
    args = parser.parse_args()
    figures = json.loads(args.capacity.read_text())
    rows = figures["rows"]
    watchers = [row["watchers"] for row in rows]
    fig, ax = plt.subplots(figsize=(7, 4), dpi=120)
    ax.plot(watchers, [row["visible_p50_ms"] for row in rows], marker="o", label="p50")
    ax.plot(watchers, [row["visible_p99_ms"] for row in rows], marker="o", label="p99")
    ax.axhline(250, color="grey", linestyle="--", linewidth=1, label="target p99 250 ms")
    ax.axhline(1000, color="grey", linestyle=":", linewidth=1, label="knee 1 s")
    ax.set_xlabel("SSE watchers on one instance")
    ax.set_ylabel("submit-to-visible (ms)")
    ax.set_yscale("log")
    ax.set_title(
        f"vocabquiz, {figures['workers']} worker(s), {figures['rate']:g} answers/s offered"
    )
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    args.png.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(args.png)


if __name__ == "__main__":
    main()
