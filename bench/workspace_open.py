"""Benchmark opening the workspace: huge articles fast (issue 16, item 8).

    .venv/bin/python bench/workspace_open.py [--runs 5] [--data-runs 30]

Uses its own PostgreSQL database (<DATABASE_URL's name>_bench_workspace_open, created and
migrated here, reseeded each time) and the built frontend (npm run build first). Prints:

- workspace_open_huge_ms: a 250,000-character article with 12,000 candidates and 1,000
  claims: click on its title in the queue -> every paragraph in the viewport painted with
  its highlights (headless Chromium, gunicorn, median of --runs). Baseline, same run: the
  same click on an article of the same length with no highlights.
- workspace_open_20k_ms: the 20,000-word article with 400 claims + 600 candidates:
  navigation (page load) -> every highlight in the viewport painted. Baseline: the same
  article length with no highlights.
- workspace_data_p95_ms: all the requests the workspace makes to open the 20,000-word
  article with 1,000 claims + 2,000 candidates (now one: the workspace read),
  summed, server time through Django's test Client in this process (DEBUG off), p95 of
  --data-runs. Baseline: the requests it made before (article, tagging state, every page
  of the candidates and the claims lists, orphans), summed the same way.
- workspace_data_queries: the queries of those requests, summed. Baseline: the old set's.

"Painted" is the frame after every paragraph in the viewport carries data-hl (the
paragraph has been rendered with its highlights), measured in the page by rAF."""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.benchdb import bench_database_url, prepare_database  # noqa: E402

USERNAME, PASSWORD = "bench-open", "bench-open-password-1"
PORTS = (8770, 8779)

WORDS = [
    "the",
    "council",
    "said",
    "spending",
    "rose",
    "to",
    "million",
    "dollars",
    "in",
    "officials",
    "told",
    "reporters",
    "on",
    "Tuesday",
    "that",
    "inflation",
    "fell",
    "percent",
    "while",
    "the",
    "minister",
    "claimed",
    "unemployment",
    "reached",
    "its",
    "lowest",
    "level",
    "since",
    "according",
    "to",
    "the",
    "report",
    "hospital",
    "waiting",
    "times",
    "doubled",
    "and",
    "police",
    "recorded",
    "fewer",
    "crimes",
    "than",
    "last",
    "year",
    "the",
    "mayor",
    "announced",
]

# Waits in the page for the frame after every paragraph in view has its highlights.
PAINTED_JS = """
() => new Promise((resolve) => {
  const ready = () => {
    const root = document.querySelector('.article-text');
    if (!root) return false;
    const paras = root.querySelectorAll('p.para');
    if (!paras.length) return false;
    let inView = 0;
    for (const p of paras) {
      const r = p.getBoundingClientRect();
      if (r.bottom < 0) continue;
      if (r.top > innerHeight) break;
      inView++;
      if (!p.hasAttribute('data-hl')) return false;
    }
    return inView > 0;
  };
  const poll = () => {
    if (!ready()) return requestAnimationFrame(poll);
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
  };
  poll();
})
"""

CLICK_JS = (
    """
(title) => new Promise((resolve, reject) => {
  const link = [...document.querySelectorAll('a')].find((a) => a.textContent === title);
  if (!link) return reject(new Error('no link ' + title));
  const t0 = performance.now();
  link.click();
  ("""
    + PAINTED_JS
    + """)().then((t) => resolve({
    ms: t - t0,
    marks: document.querySelectorAll('.article-text [data-keys]').length,
  }));
})
"""
)


def paragraphs_text(chars: int, seed: int) -> tuple[str, list[tuple[int, int]]]:
    """About `chars` characters of sentences in paragraphs of ~5 sentences; the sentences'
    spans. Every sentence carries its own numbers, so each text is unique."""
    rng = random.Random(seed)
    paragraphs: list[str] = []
    spans: list[tuple[int, int]] = []
    at, n = 0, 0
    while at < chars:
        sentences = []
        for _ in range(5):
            words = [rng.choice(WORDS) for _ in range(rng.randint(10, 22))]
            words.insert(rng.randrange(len(words)), f"{n * 7 % 997 + seed}.{n % 10}%")
            words.insert(rng.randrange(len(words)), f"${n * 13 % 5000}")
            sentence = " ".join(words).capitalize() + "."
            sentences.append(sentence)
            n += 1
        paragraph = " ".join(sentences)
        pos = at
        for sentence in sentences:
            spans.append((pos, pos + len(sentence)))
            pos += len(sentence) + 1
        paragraphs.append(paragraph)
        at += len(paragraph) + 1
    return "\n".join(paragraphs), spans


def seed_article(
    title: str, text: str, spans: list[tuple[int, int]], claims: int, cands: int, user: Any
) -> int:
    from factcheck.articles.models import Article
    from factcheck.claims.anchoring.selectors import describe
    from factcheck.claims.models import Claim
    from factcheck.tagging.models import Candidate

    Article.objects.filter(title=title).delete()
    sentences = [[s, e, round(0.3 + (i % 7) / 10, 2)] for i, (s, e) in enumerate(spans)]
    article = Article.objects.create(
        title=title, outlet="Bench", text=text, tagging_status="done", sentences=sentences
    )
    words = [(m_start, m_start + len(w)) for m_start, w in _words(text)]
    rng = random.Random(len(text))
    rows = []
    for i in range(claims):
        s, e = spans[(i * len(spans)) // max(1, claims)]
        sel = describe(text, s, e)
        rows.append(
            Claim(
                article=article,
                start=s,
                end=e,
                exact=sel.exact,
                prefix=sel.prefix,
                suffix=sel.suffix,
                statement=sel.exact[:200],
                created_by=user,
            )
        )
    Claim.objects.bulk_create(rows, batch_size=500)
    picks = sorted(rng.sample(range(len(words)), min(cands, len(words))))
    kinds = ["number", "quote", "attribution"]
    Candidate.objects.bulk_create(
        [
            Candidate(
                article=article,
                kind=kinds[i % 3],
                start=words[w][0],
                end=words[w][1],
                text=text[words[w][0] : words[w][1]],
                data={"value": i, "unit": "percent"} if i % 3 == 0 else {},
                score=round(rng.random(), 3),
                tagger_version="bench",
            )
            for i, w in enumerate(picks)
        ],
        batch_size=2000,
    )
    return int(article.pk)


def _words(text: str) -> list[tuple[int, str]]:
    import re

    return [(m.start(), m.group()) for m in re.finditer(r"\S+", text)]


def seed() -> dict[str, Any]:
    from django.contrib.auth.models import Group

    from factcheck.accounts.models import User
    from factcheck.core.reference_data import ensure_reference_data

    ensure_reference_data()
    user, _ = User.objects.get_or_create(username=USERNAME)
    user.set_password(PASSWORD)
    user.save()
    user.groups.add(Group.objects.get_or_create(name="reviewer")[0])
    huge_text, huge_spans = paragraphs_text(250_000, 1)
    plain_text, plain_spans = paragraphs_text(250_000, 2)
    w20_text, w20_spans = paragraphs_text(20_000 * 6, 3)  # ~20,000 words
    w20_plain, w20_plain_spans = paragraphs_text(20_000 * 6, 4)
    heavy_text, heavy_spans = paragraphs_text(20_000 * 6, 5)
    ids = {
        "huge": seed_article("Bench huge article", huge_text, huge_spans, 1000, 12000, user),
        "huge_plain": seed_article("Bench huge plain", plain_text, plain_spans, 0, 0, user),
        "w20k": seed_article("Bench 20k words", w20_text, w20_spans, 400, 600, user),
        "w20k_plain": seed_article("Bench 20k plain", w20_plain, w20_plain_spans, 0, 0, user),
        "heavy": seed_article("Bench 20k heavy", heavy_text, heavy_spans, 1000, 2000, user),
    }
    return {"ids": ids, "user": user, "chars": len(huge_text), "words": len(w20_text.split())}


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def timed(fn: Callable[[], Any]) -> float:
    started = time.perf_counter()
    fn()
    return (time.perf_counter() - started) * 1000


def old_urls(client: Any, article_id: int) -> list[str]:
    """What the workspace requested before the one read: paged lists, 500 a page."""
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
    urls.append(f"/api/articles/{article_id}/orphans/?page_size=100")
    return urls


def data_figures(article_id: int, user: Any, runs: int) -> dict[str, float]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(user)
    # The workspace reads everything in one request (orphans are among its claims; the
    # revision diff is asked for only when the article has been corrected).
    new = [f"/api/articles/{article_id}/workspace/"]
    old = old_urls(client, article_id)
    out: dict[str, float] = {}
    for name, urls in (("new", new), ("old", old)):
        queries = 0
        for url in urls:  # warm-up, and the queries of each request
            with CaptureQueriesContext(connection) as ctx:
                response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            queries += len(ctx.captured_queries)
        totals = [sum(timed(lambda u=u: client.get(u)) for u in urls) for _ in range(runs)]
        out[f"{name}_p95"] = p95(totals)
        out[f"{name}_queries"] = queries
        out[f"{name}_requests"] = len(urls)
    return out


def build_frontend() -> None:
    subprocess.run(["npm", "run", "build", "--silent"], cwd=REPO / "frontend", check=True)


def browser_figures(ids: dict[str, int], runs: int) -> dict[str, list[float]]:
    from django.conf import settings
    from playwright.sync_api import sync_playwright

    from tests.integration.processes import free_ports
    from tests.scale.gunicorn import Gunicorn

    port = free_ports(1, *PORTS)[0]
    log = Path(settings.VAR_DIR) / "bench-workspace-open-web.log"
    web = Gunicorn(log, port, str(settings.REDIS_URL), workers=2, threads=4)
    results: dict[str, list[float]] = {k: [] for k in ("huge", "huge_plain", "w20k", "w20k_plain")}
    chromium = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    web.start()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(
                executable_path=chromium, args=["--no-sandbox", "--disable-gpu"]
            )
            page = browser.new_page(viewport={"width": 1440, "height": 900})
            page.goto(web.url + "/")
            page.get_by_label("Username").fill(USERNAME)
            page.get_by_label("Password").fill(PASSWORD)
            page.get_by_role("button", name="Log in").click()
            page.get_by_role("button", name="Log out").wait_for()
            for run in range(runs + 1):  # run 0 warms caches up and is not counted
                for key, title in (
                    ("huge", "Bench huge article"),
                    ("huge_plain", "Bench huge plain"),
                ):
                    page.goto(f"{web.url}/?search={title.replace(' ', '+')}")
                    page.get_by_role("link", name=title).wait_for()
                    page.get_by_label("Search").fill(title)
                    page.get_by_role("link", name=title).wait_for()
                    result = page.evaluate(CLICK_JS, title)
                    if key == "huge":
                        assert result["marks"] > 0, "no highlight painted"
                    if run:
                        results[key].append(result["ms"])
                for key in ("w20k", "w20k_plain"):
                    page.goto(f"{web.url}/articles/{ids[key]}")
                    painted = page.evaluate(PAINTED_JS)
                    if run:
                        results[key].append(float(painted))
            browser.close()
    finally:
        web.stop()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--data-runs", type=int, default=30)
    parser.add_argument("--no-build", action="store_true", help="use frontend/dist as it is")
    args = parser.parse_args()
    url = bench_database_url("workspace_open")
    prepare_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_DEBUG"] = "0"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
    if not args.no_build:
        build_frontend()
    import django

    django.setup()
    world = seed()
    ids = world["ids"]
    data = data_figures(ids["heavy"], world["user"], args.data_runs)
    browser = browser_figures(ids, args.runs)
    med = {k: statistics.median(v) for k, v in browser.items()}
    print(
        f"workspace_open: huge article {world['chars']:,} chars, 12,000 candidates, 1,000 "
        f"claims; 20k article {world['words']:,} words; median of {args.runs} runs"
    )
    print(
        f"  huge: click -> highlights in view painted {med['huge']:7.1f} ms "
        f"(baseline, no highlights: {med['huge_plain']:.1f} ms)"
    )
    print(
        f"  20k:  navigation -> highlights painted    {med['w20k']:7.1f} ms "
        f"(baseline, no highlights: {med['w20k_plain']:.1f} ms)"
    )
    print(
        f"  data: {data['new_requests']:.0f} requests, p95 {data['new_p95']:.1f} ms, "
        f"{data['new_queries']:.0f} queries (baseline, the paged lists: "
        f"{data['old_requests']:.0f} requests, p95 {data['old_p95']:.1f} ms, "
        f"{data['old_queries']:.0f} queries)"
    )
    print(f"FIGURE workspace_open_huge_ms {med['huge']:.1f} ms target=<=1000")
    print(f"FIGURE workspace_open_huge_baseline_ms {med['huge_plain']:.1f} ms target=none")
    print(f"FIGURE workspace_open_20k_ms {med['w20k']:.1f} ms target=<=500")
    print(f"FIGURE workspace_open_20k_baseline_ms {med['w20k_plain']:.1f} ms target=none")
    print(f"FIGURE workspace_data_p95_ms {data['new_p95']:.2f} ms target=<=100")
    print(f"FIGURE workspace_data_baseline_p95_ms {data['old_p95']:.2f} ms target=none")
    print(f"FIGURE workspace_data_queries {data['new_queries']:.0f} queries target=<=8")
    print(f"FIGURE workspace_data_baseline_queries {data['old_queries']:.0f} queries target=none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
