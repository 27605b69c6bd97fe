"""Scale-out: gunicorn (2 processes) + 2 Celery worker processes + beat, on PostgreSQL and
Redis, take 1,000 articles imported concurrently through the API; every article is tagged
exactly once and the API keeps answering while they are.

Needs PostgreSQL and Redis: fails in CI without them (require()), skips elsewhere. Prints
the throughput and the latency percentiles (also as FIGURE lines, see bench/run_all.py)."""

from __future__ import annotations

import re
import statistics
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
import redis
import requests
from django.conf import settings
from django.db.models import F
from rest_framework.authtoken.models import Token

from factcheck.articles.models import Article
from factcheck.tagging.extract import TAGGER_VERSION, extract
from factcheck.tagging.models import Candidate
from tests.conftest import require
from tests.integration.processes import CeleryWorker, free_ports, wait_until

from .gunicorn import Gunicorn

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ARTICLES = 1000
CLIENT_THREADS = 8
TAG_TIMEOUT = 120.0


def article_text(i: int) -> str:
    return (
        f"Report {i}: unemployment fell to {i % 9 + 1}.{i % 7}% in {1990 + i % 30}, the "
        f"minister said on Tuesday.\n“We have created {i + 2} thousand jobs,” she told "
        f"reporters in city number {i}.\nAccording to the statistics office, wages rose by "
        f"{i % 11 + 1} percent, while prices climbed {i % 5 + 2}% over {i % 12 + 1} months."
    )


def percentiles(samples: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(samples, n=100, method="inclusive")
    return {"p50": cuts[49] * 1000, "p95": cuts[94] * 1000, "p99": cuts[98] * 1000}


@pytest.fixture
def stack(redis_url: str, tmp_path: Path) -> Iterator[tuple[Gunicorn, list[CeleryWorker]]]:
    require(
        settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql",
        "the scale-out test needs PostgreSQL (DATABASE_URL)",
    )
    # The test process's own Redis database (one per xdist worker): flushed, so no task
    # left over from an earlier test is counted.
    url = redis_url
    redis.Redis.from_url(url).flushdb()
    # Beat sweeps every 5 s, so it is really running alongside (and must not duplicate).
    env = {"FACTCHECK_TAGGING_SWEEP_EVERY": "5"}
    workers = [
        CeleryWorker(tmp_path / "worker-1.log", concurrency=1, beat=True, redis_url=url, **env),
        CeleryWorker(tmp_path / "worker-2.log", concurrency=1, redis_url=url, **env),
    ]
    web = Gunicorn(tmp_path / "gunicorn.log", free_ports(1)[0], url, workers=2, threads=4)
    started: list[Any] = []
    try:
        for process in (*workers, web):
            process.start()
            started.append(process)
        yield web, workers
    finally:
        for process in reversed(started):
            process.stop()


@pytest.fixture
def token(make_user: Callable[..., Any], settings: Any) -> str:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    return str(Token.objects.create(user=make_user("reviewer")).key)


class Sampler(threading.Thread):
    """GETs the article list every 50 ms while the import runs, timing each answer."""

    def __init__(self, url: str, token: str) -> None:
        super().__init__(daemon=True)
        self.url, self.token = url, token
        self.latencies: list[float] = []
        self.statuses: Counter[int] = Counter()
        self.halt = threading.Event()

    def run(self) -> None:
        session = requests.Session()
        session.headers["Authorization"] = f"Token {self.token}"
        while not self.halt.is_set():
            started = time.perf_counter()
            try:
                status = session.get(f"{self.url}/api/articles/?page_size=20", timeout=10)
                self.statuses[status.status_code] += 1
            except requests.RequestException:
                self.statuses[0] += 1
            self.latencies.append(time.perf_counter() - started)
            self.halt.wait(0.05)


def test_thousand_concurrent_imports_are_each_tagged_once(
    stack: tuple[Gunicorn, list[CeleryWorker]], token: str
) -> None:
    web, workers = stack
    local = threading.local()

    def post(i: int) -> tuple[int, float, Any]:
        if not hasattr(local, "session"):
            local.session = requests.Session()
            local.session.headers["Authorization"] = f"Token {token}"
        started = time.perf_counter()
        response = local.session.post(
            f"{web.url}/api/articles/",
            json={"title": f"Scale {i}", "text": article_text(i), "outlet": "Scale Times"},
            timeout=30,
        )
        return response.status_code, time.perf_counter() - started, response.json().get("id")

    sampler = Sampler(web.url, token)
    sampler.start()
    started = time.perf_counter()
    with ThreadPoolExecutor(CLIENT_THREADS) as pool:
        results = list(pool.map(post, range(ARTICLES)))
    imported = time.perf_counter() - started

    def all_tagged() -> bool:
        return Article.objects.filter(tagging_status="done").count() >= ARTICLES

    wait_until(all_tagged, TAG_TIMEOUT, f"{ARTICLES} articles to be tagged", every=0.25)
    tagged = time.perf_counter() - started

    # One more sweep, received after the last article was tagged, has run (more sweeps
    # done than were received before now): it must find nothing to re-enqueue.
    def sweeps(state: str) -> int:
        pattern = rf"\.sweep_\w+\[[^\]]+\] {state}"  # the beat's sweeper (sweep_jobs)
        return sum(len(re.findall(pattern, worker.log())) for worker in workers)

    received = sweeps("received")
    wait_until(lambda: sweeps("succeeded") > received, 30, "one more sweep")
    sampler.halt.set()
    sampler.join(15)

    statuses = Counter(status for status, _, _ in results)
    assert statuses == {201: ARTICLES}, statuses
    ids = {article_id for _, _, article_id in results}
    assert len(ids) == ARTICLES

    # Every article tagged, by this tagger, with its expected candidates and no duplicate.
    articles = Article.objects.filter(pk__in=ids)
    assert articles.count() == ARTICLES
    assert Counter(articles.values_list("tagging_status", flat=True)) == {"done": ARTICLES}
    assert set(articles.values_list("tagger_version", flat=True)) == {TAGGER_VERSION}
    assert not articles.filter(tagging_started_at__isnull=True).exists()
    assert not articles.filter(tagging_finished_at__lt=F("tagging_started_at")).exists()
    by_article = Counter(Candidate.objects.values_list("article_id", flat=True))
    spans = Candidate.objects.values_list("article_id", "kind", "start", "end")
    assert len(set(spans)) == spans.count(), "duplicate candidates"
    for article_id, text in articles.values_list("pk", "text"):
        expected = len({(c.kind, c.start, c.end) for c in extract(text).candidates})
        assert by_article[article_id] == expected, article_id

    # Exactly one task execution per article, across both workers (beat included).
    logs = [worker.log() for worker in workers]
    runs = [len(re.findall(r"tag_article\[[^\]]+\] succeeded", log)) for log in logs]
    retries = sum(len(re.findall(r"tag_article\[[^\]]+\] retry", log)) for log in logs)
    assert sum(runs) == ARTICLES, f"tag_article ran {sum(runs)} times for {ARTICLES} articles"
    assert all(runs), f"one worker did no work: {runs}"
    assert retries == 0
    assert "Sweeper re-enqueued" not in "".join(logs)
    assert "sweep_jobs" in logs[0], "beat never ran the sweeper"

    # The API kept answering while it all happened.
    assert len(sampler.latencies) >= 20
    assert set(sampler.statuses) == {200}, sampler.statuses
    post_ms, get_ms = percentiles([t for _, t, _ in results]), percentiles(sampler.latencies)
    assert get_ms["p99"] < 2000, get_ms

    print(
        f"\n{ARTICLES} imports with {CLIENT_THREADS} client threads: "
        f"{ARTICLES / imported:.0f} imports/s ({imported:.1f} s); all tagged after "
        f"{tagged:.1f} s: {ARTICLES / tagged:.0f} articles/s end to end; runs per worker {runs}"
    )
    print("POST /api/articles/ ms: " + ", ".join(f"{k} {v:.0f}" for k, v in post_ms.items()))
    print(
        f"GET /api/articles/ during the run ({len(sampler.latencies)} samples) ms: "
        + ", ".join(f"{k} {v:.0f}" for k, v in get_ms.items())
    )
    print(f"FIGURE scale_import_rate {ARTICLES / imported:.1f} articles/s target=none")
    print(f"FIGURE scale_tagged_rate {ARTICLES / tagged:.1f} articles/s target=none")
    print(f"FIGURE scale_get_p95 {get_ms['p95']:.1f} ms target=none")
