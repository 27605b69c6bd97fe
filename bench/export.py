"""Benchmark exporting 10,000 verdicts to CSV and ClaimReview.

    DATABASE_URL=postgres://... .venv/bin/python bench/export.py [--rows 10000] [--runs 5]

Creates (once, reused on later runs) a data set of published claims with two citations
each under the outlet "bench-export", then measures, in the same run:

- baseline: a plain SELECT of the same claim rows (values_list, .iterator), no exporter;
- csv and claimreview: services.write_export into a byte-counting sink, i.e. the whole
  path the API, the jobs and the command use (filters, chunked prefetch, rendering);
- peak Python memory (tracemalloc) of each export at 1k rows vs 10k rows.

Prints the median of `--runs` runs, the ratio to the baseline and the memory ratio.
Targets: <= 3 s for 10,000 rows per format, memory flat in the number of rows.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
# DEBUG keeps every SQL statement in memory; measure what production runs.
os.environ.setdefault("DJANGO_DEBUG", "0")

import django

from bench.benchdb import use_bench_database

if os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
    use_bench_database("export")  # its own database: the bench seeds 10,000 claims
django.setup()

from django.conf import settings  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from factcheck.articles.models import Article  # noqa: E402
from factcheck.claims.models import (  # noqa: E402
    Citation,
    Claim,
    VerdictLabel,
)
from factcheck.reports import services  # noqa: E402
from factcheck.sources.models import Source  # noqa: E402

OUTLET = "bench-export"
PER_ARTICLE = 100
SENTENCE = "The minister said unemployment fell to {n}.{m}% last year, the lowest in decades. "


class Sink:
    """A write-only file that keeps nothing but the byte count."""

    def __init__(self) -> None:
        self.size = 0

    def write(self, data: bytes) -> int:
        self.size += len(data)
        return len(data)


@transaction.atomic
def ensure_data(rows: int) -> list[int]:
    """Article ids of the bench set in order; creates what is missing."""
    articles = list(Article.objects.filter(outlet=OUTLET).order_by("id"))
    needed = rows // PER_ARTICLE
    if len(articles) >= needed:
        return [a.pk for a in articles[:needed]]
    verdicts = list(VerdictLabel.objects.filter(rating_value__isnull=False))
    sources = [
        Source.objects.get_or_create(
            domain=f"bench{i}.example.org", defaults={"name": f"Bench {i}"}
        )[0]
        for i in range(20)
    ]
    now = timezone.now()
    for a in range(len(articles), needed):
        text = "".join(SENTENCE.format(n=a % 10, m=i % 10) for i in range(PER_ARTICLE))
        text += f"\nBench article {a}."  # unique text: articles are deduplicated by hash
        article = Article.objects.create(
            title=f"Bench article {a}",
            outlet=OUTLET,
            url=f"https://bench.example.com/{a}",
            text=text,
        )
        articles.append(article)
        step = len(SENTENCE.format(n=0, m=0))
        claims = Claim.objects.bulk_create(
            [
                Claim(
                    article=article,
                    start=i * step + 18,
                    end=i * step + 60,
                    exact=text[i * step + 18 : i * step + 60],
                    statement=f"Unemployment fell to {a % 10}.{i % 10}% last year.",
                    claimant="The minister",
                    status="published",
                    verdict=verdicts[(a + i) % len(verdicts)],
                    rationale="The statistics office's table 4 shows a different figure. " * 2,
                    published_at=now,
                    approved_at=now,
                    submitted_at=now,
                )
                for i in range(PER_ARTICLE)
            ]
        )
        Citation.objects.bulk_create(
            [
                Citation(
                    claim=claim,
                    source=sources[(claim.pk + k) % len(sources)],
                    url=f"https://bench{k}.example.org/table/{claim.pk}",
                    excerpt="The unemployment rate was 3.9 percent in the fourth quarter.",
                    stance="contradicts" if k else "supports",
                )
                for claim in claims
                for k in range(2)
            ]
        )
    return [a.pk for a in articles[:needed]]


def baseline(article_ids: list[int]) -> int:
    n = 0
    rows = Claim.objects.filter(article_id__in=article_ids).values_list(
        "id", "statement", "exact", "rationale", "status", "verdict_id"
    )
    for _ in rows.iterator(chunk_size=1000):
        n += 1
    return n


def export(fmt: str, article_ids: list[int]) -> int:
    sink = Sink()
    context = services.write_export(fmt, {"article": article_ids}, sink)  # type: ignore[arg-type]
    return context.total


def timed(fn: Any, *args: Any, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn(*args)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def peak(fn: Any, *args: Any) -> int:
    tracemalloc.start()
    fn(*args)
    _, top = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return top


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    started = time.perf_counter()
    ids = ensure_data(options.rows)
    small = ids[: max(1, len(ids) // 10)]
    print(
        f"data: {len(ids) * PER_ARTICLE:,} published claims, 2 citations each "
        f"(ready in {time.perf_counter() - started:.1f} s)"
    )
    assert export("csv", ids) == len(ids) * PER_ARTICLE

    base = timed(baseline, ids, runs=options.runs)
    print(f"DEBUG={settings.DEBUG}, chunk size {services.CHUNK_SIZE}")
    print(f"baseline  plain SELECT of the rows: {base:6.3f} s  (median of {options.runs})")
    for fmt in ("csv", "claimreview"):
        seconds = timed(export, fmt, ids, runs=options.runs)
        low, high = peak(export, fmt, small), peak(export, fmt, ids)
        verdict = "OK" if seconds <= 3.0 else "OVER TARGET"
        print(
            f"{fmt:<11} {len(ids) * PER_ARTICLE:,} rows: {seconds:6.3f} s  "
            f"({seconds / base:.1f}× baseline; target ≤ 3 s: {verdict}); "
            f"peak memory {low / 1e6:.1f} MB at {len(small) * PER_ARTICLE:,} rows, "
            f"{high / 1e6:.1f} MB at {len(ids) * PER_ARTICLE:,} (×{high / low:.2f})"
        )


if __name__ == "__main__":
    main()
