"""Benchmark figures printed as Markdown tables, so `make bench` output and benchmarks/RESULTS.md read alike."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence

REPEATS = 7


def median_ms(action: Callable[[], object], repeats: int = REPEATS) -> float:
    """Median wall time of `action` in milliseconds, after one untimed run that warms the caches."""
    action()
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings)


def cell(value: object) -> str:
    """A figure as a table cell: milliseconds to one decimal, ratios with an x, '-' for none."""
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return str(value)


def verdict(value: float, target: float) -> str:
    """'ok' when `value` is within `target` (both in the same unit), else 'MISSED'."""
    return "ok" if value <= target else "MISSED"


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> None:
    """One Markdown table under a bold title."""
    print(f"\n**{title}**\n")
    print("| " + " | ".join(headers) + " |")
    print("|" + "|".join("---" for _ in headers) + "|")
    for row in rows:
        print("| " + " | ".join(cell(value) for value in row) + " |", flush=True)
