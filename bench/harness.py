"""Timing, query counting and byte counting for Jaga's benchmarks (runs inside Django)."""

import gc
import gzip
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

from django.db import connection, reset_queries
from django.test.utils import CaptureQueriesContext


@dataclass
class Measurement:
    name: str
    scale: int
    median_ms: float
    p95_ms: float
    runs: int
    queries: int
    extra: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return asdict(self)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def measure(
    name: str, scale: int, action: Callable[[], object], *, warmup: int = 3, runs: int = 20
) -> Measurement:
    """Median and p95 of ``action`` over ``runs`` timed calls after ``warmup`` untimed ones;
    the query count is that of the last call."""
    for _ in range(warmup):
        action()
    timings = []
    gc.collect()
    for _ in range(runs):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    reset_queries()
    with CaptureQueriesContext(connection) as queries:
        action()
    return Measurement(
        name=name,
        scale=scale,
        median_ms=round(statistics.median(timings), 2),
        p95_ms=round(percentile(timings, 0.95), 2),
        runs=runs,
        queries=len(queries.captured_queries),
    )


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def page_bytes(client, url: str, assets: tuple[str, ...]) -> tuple[int, int]:
    """Compressed bytes of a first visit (HTML + CSS + JS) and of a repeat visit (the hashed
    static files are cached for a year by the browser, so only the HTML travels again)."""
    from django.contrib.staticfiles import finders

    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    html = response.content
    total = 0
    for asset in assets:
        with open(finders.find(asset), "rb") as handle:
            total += gzip_size(handle.read())
    return gzip_size(html) + total, gzip_size(html)
