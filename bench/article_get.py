"""Benchmark the workspace load of a heavy article: 1,000 claims and 2,000 candidates.

    .venv/bin/python bench/article_get.py [--runs 30]

Uses its own PostgreSQL database (<DATABASE_URL's name>_bench_article_get, created and
migrated here, reseeded each time). Loads the article the way the workspace does
(frontend/src/api/workspace.ts): GET /api/articles/{id}/, /tagging/, every page of
/api/articles/{id}/candidates/?page_size=500 and of /api/claims/?article={id}&page_size=500,
through Django's test Client in this process (DEBUG off), counting the queries of each
request. Baseline: the same rows read as plain tuples (values_list), no serialisation.
Targets: GET of the article p95 <= 60 ms in <= 8 queries.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.benchdb import bench_database_url, prepare_database  # noqa: E402

CLAIMS, CANDIDATES = 1000, 2000


def seed() -> tuple[int, Any]:
    """An article of ~20,000 words with 1,000 claims and 2,000 candidates on it."""
    from factcheck.accounts.models import User
    from factcheck.articles.models import Article
    from factcheck.claims.anchoring.selectors import describe
    from factcheck.claims.models import Claim
    from factcheck.tagging.models import Candidate

    Article.objects.filter(title="Bench: heavy article").delete()
    user, _ = User.objects.get_or_create(username="bench-reviewer")
    from django.contrib.auth.models import Group

    user.groups.add(Group.objects.get_or_create(name="reviewer")[0])
    sentences = [
        f"Sentence {i}: the council said spending rose {i % 40 + 1}% to ${i * 3} million "
        f"in {1990 + i % 30}, officials told reporters on Tuesday."
        for i in range(2000)
    ]
    text = " ".join(sentences)
    article = Article.objects.create(
        title="Bench: heavy article", outlet="Bench", text=text, tagging_status="done"
    )
    starts, pos = [], 0
    for s in sentences:
        starts.append(pos)
        pos += len(s) + 1
    claims = []
    for i in range(CLAIMS):
        start = starts[i * 2]
        end = start + len(sentences[i * 2])
        sel = describe(text, start, end)
        claims.append(
            Claim(
                article=article,
                start=start,
                end=end,
                exact=sel.exact,
                prefix=sel.prefix,
                suffix=sel.suffix,
                statement=sel.exact[:200],
                created_by=user,
                assignee=user,
            )
        )
    Claim.objects.bulk_create(claims, batch_size=500)
    candidates = []
    for i in range(CANDIDATES):
        sentence_start = starts[i]
        cut = sentences[i].index("%")
        begin = sentences[i].rindex(" ", 0, cut) + 1
        candidates.append(
            Candidate(
                article=article,
                kind="number",
                start=sentence_start + begin,
                end=sentence_start + cut + 1,
                text=sentences[i][begin : cut + 1],
                data={"value": i % 40 + 1, "unit": "percent"},
                score=0.7,
                sentence=i,
                tagger_version="bench",
            )
        )
    Candidate.objects.bulk_create(candidates, batch_size=1000)
    return article.pk, user


def workspace_urls(client: Any, article_id: int) -> list[str]:
    urls = [f"/api/articles/{article_id}/", f"/api/articles/{article_id}/tagging/"]
    for first in (
        f"/api/articles/{article_id}/candidates/?page_size=500",
        f"/api/claims/?article={article_id}&page_size=500",
    ):
        url: str | None = first
        while url:
            urls.append(url)
            url = client.get(url).json().get("next")
            if url:
                url = url.split("testserver", 1)[-1]
    return urls


def timed(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    url = bench_database_url("article_get")
    prepare_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from factcheck.claims.models import Claim
    from factcheck.tagging.models import Candidate

    article_id, user = seed()
    client = Client()
    client.force_login(user)
    urls = workspace_urls(client, article_id)
    times: dict[str, list[float]] = {u: [] for u in urls}
    queries: dict[str, int] = {}
    for u in urls:  # warm-up, and the query count of each request
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(u)
        assert response.status_code == 200, (u, response.status_code)
        queries[u] = len(ctx.captured_queries)
    totals = []
    for _ in range(args.runs):
        total = 0.0
        for u in urls:
            ms = timed(lambda u=u: client.get(u))
            times[u].append(ms)
            total += ms
        totals.append(total)

    def baseline() -> None:
        list(Claim.objects.filter(article_id=article_id).values_list())
        list(Candidate.objects.filter(article_id=article_id).values_list())

    base = statistics.median(timed(baseline) for _ in range(args.runs))
    print(f"article {article_id}: {CLAIMS} claims, {CANDIDATES} candidates; {args.runs} runs")
    print(f"{'request':60s} {'median ms':>9s} {'p95 ms':>7s} {'queries':>7s}")
    for u in urls:
        med = statistics.median(times[u])
        print(f"{u:60s} {med:9.1f} {p95(times[u]):7.1f} {queries[u]:7d}")
    print(f"whole workspace load: median {statistics.median(totals):.1f} ms, p95 {p95(totals):.1f}")
    print(f"baseline (plain values_list of the claims and candidates): {base:.1f} ms")
    article_url = urls[0]
    print(f"FIGURE article_get_p95_ms {p95(times[article_url]):.2f} ms target=<=60")
    print(f"FIGURE article_get_queries {queries[article_url]} queries target=<=8")
    print(f"FIGURE workspace_load_p95_ms {p95(totals):.2f} ms target=none")
    print(f"FIGURE workspace_load_queries {sum(queries.values())} queries target=none")
    print(f"FIGURE workspace_request_max_queries {max(queries.values())} queries target=<=8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
