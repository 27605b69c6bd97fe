"""Benchmark "checked before?" matching: quality on CLEF 2020 claim retrieval, speed at 10k
and at 1,000,000 fact-checks, on PostgreSQL.

    DATABASE_URL=postgres://... .venv/bin/python bench/matching.py [--runs 3] [--million N]
    DATABASE_URL=postgres://... .venv/bin/python bench/matching.py --train

../shared/datasets/clef2020-claim-retrieval/: 10,375 fact-checked claims (Snopes) and
tweets, each with the claim it was checked in. The claims are imported through the real
import path (ClaimReview JSONL rows → save_rows) into a database of the bench's own; each
tweet is matched through factchecks.matching.match, exactly as the API and match_claims do.

Figures (the median of --runs runs where timed):
- matching_map5_dev: MAP@5 on the dev tweets (the task's measure); the re-ranker's
  weights were fitted on the train tweets only (--train refits and prints them).
- matching_map5_tfidf_baseline: TF-IDF cosine (scikit-learn defaults, word unigrams,
  claim + headline) over the same claims and dev tweets, measured in the same run.
- matching_queries_per_s: as many worker processes as the machine has cores (each one
  query at a time, its own connection, like gunicorn workers), train + dev tweets against
  the 10k claims; matching_queries_per_s_1proc: the same from one process.
- matching_1m_p95_ms: p95 latency of one match (dev tweets) against 1,000,000 fact-checks:
  the 10k real ones plus synthetic ones made by recombining their words (created once in
  a second bench database and reused; --million sets the size).
The CLEF test tweets are not read (they are not in the shared copy either)."""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factcheck.settings")
os.environ.setdefault("DJANGO_DEBUG", "0")

import django

from bench.benchdb import bench_database_url, prepare_database

DATA = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "clef2020-claim-retrieval"


def load_claims() -> list[tuple[str, str, str]]:
    csv.field_size_limit(1 << 24)
    with (DATA / "verified_claims.docs.tsv").open(encoding="utf-8") as handle:
        return [(r[""], r["vclaim"], r["title"]) for r in csv.DictReader(handle, delimiter="\t")]


def load_tweets(split: str) -> tuple[dict[str, str], dict[str, set[str]]]:
    csv.field_size_limit(1 << 24)
    with (DATA / split / "tweets.queries.tsv").open(encoding="utf-8") as handle:
        reader = csv.reader(handle, delimiter="\t")
        next(reader)
        tweets = {row[0]: row[1] for row in reader}
    relevant: dict[str, set[str]] = defaultdict(set)
    for line in (DATA / split / "tweet-vclaim-pairs.qrels").read_text("utf-8").splitlines():
        if line.strip():
            tweet, _, claim, _ = line.split()
            relevant[tweet].add(claim)
    return tweets, relevant


def claim_url(claim_id: str) -> str:
    return f"https://fact-checks.example/clef2020/{claim_id}"


def average_precision_at_5(ranked: list[str], relevant: set[str]) -> float:
    hits, total = 0, 0.0
    for k, item in enumerate(ranked[:5], start=1):
        if item in relevant:
            hits += 1
            total += hits / k
    return total / min(len(relevant), 5) if relevant else 0.0


def map5(rankings: dict[str, list[str]], relevant: dict[str, set[str]]) -> float:
    return statistics.fmean(
        average_precision_at_5(rankings.get(t, []), relevant[t]) for t in relevant
    )


def use_database(suffix: str) -> None:
    url = bench_database_url(suffix)
    prepare_database(url)
    from django.conf import settings
    from django.db import connections

    connections.close_all()
    settings.DATABASES["default"]["NAME"] = url.rsplit("/", 1)[1]


def import_claims(claims: list[tuple[str, str, str]]) -> float:
    """Replace the fact-checks with the CLEF claims through the import path; seconds."""
    from factcheck.factchecks.claimreview import FactCheckRow
    from factcheck.factchecks.imports import import_rows
    from factcheck.factchecks.models import FactCheck, MatchStats, MatchTerm

    FactCheck.objects.all().delete()
    MatchTerm.objects.all().delete()
    MatchStats.objects.all().delete()
    rows = (
        (n, FactCheckRow(url=claim_url(i), claim_reviewed=c, title=t, publisher="Snopes"))
        for n, (i, c, t) in enumerate(claims, start=1)
    )
    start = time.perf_counter()
    counts = import_rows(rows)
    assert not counts["errors"], counts["errors"][:3]
    elapsed = time.perf_counter() - start
    vacuum()
    return elapsed


def vacuum() -> None:
    """What autovacuum would do soon after a bulk import (the bench deletes and re-imports,
    leaving dead rows that a long-running database would have cleaned)."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in ("factchecks_factcheck", "factchecks_matchterm", "factchecks_matchstats"):
            cursor.execute(f"VACUUM ANALYZE {table}")


def rank_all(tweets: dict[str, str]) -> tuple[dict[str, list[str]], float]:
    from factcheck.factchecks.matching import match

    prefix = claim_url("")
    rankings = {}
    start = time.perf_counter()
    for tweet, text in tweets.items():
        rankings[tweet] = [m.url.removeprefix(prefix) for m in match(text, top=5)]
    return rankings, time.perf_counter() - start


def _match_all(texts: list[str]) -> int:
    from django.db import connections

    from factcheck.factchecks.matching import match

    for text in texts:
        match(text, top=5)
    connections.close_all()
    return len(texts)


def throughput(texts: list[str], processes: int) -> float:
    """Queries/s of `processes` worker processes (each its own database connection, as
    gunicorn workers would be) sharing the queries, one query at a time each."""
    from concurrent.futures import ProcessPoolExecutor

    from django.db import connections

    if processes == 1:
        start = time.perf_counter()
        _match_all(texts)
        return len(texts) / (time.perf_counter() - start)
    connections.close_all()  # no connection crosses the fork
    shares = [texts[i::processes] for i in range(processes)]
    with ProcessPoolExecutor(processes) as pool:
        list(pool.map(_match_all, [s[:5] for s in shares]))  # start the workers
        start = time.perf_counter()
        done = sum(pool.map(_match_all, shares))
        return done / (time.perf_counter() - start)


def tfidf_baseline(
    claims: list[tuple[str, str, str]], tweets: dict[str, str]
) -> dict[str, list[str]]:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectoriser = TfidfVectorizer()
    docs = vectoriser.fit_transform([f"{c} {t}" for _, c, t in claims])
    queries = vectoriser.transform(list(tweets.values()))
    similarity = (queries @ docs.T).toarray()
    ids = [i for i, _, _ in claims]
    return {
        tweet: [ids[j] for j in np.argsort(-row, kind="stable")[:5]]
        for tweet, row in zip(tweets, similarity, strict=True)
    }


def train(claims: list[tuple[str, str, str]]) -> None:
    """Fit the re-ranker's weights on the train tweets and print them for ranking.py:
    a pairwise logistic regression (relevant minus irrelevant candidate of one tweet)
    gives the ranking, then a one-feature logistic regression over that ranking score
    (Platt scaling) makes the score a probability without changing the order."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    from factcheck.factchecks import ranking
    from factcheck.factchecks.matching import candidate_features

    prefix = claim_url("")
    tweets, relevant = load_tweets("train")
    groups = []
    for tweet, text in tweets.items():
        rows, vectors = candidate_features(text)
        if rows:
            labels = [row["url"].removeprefix(prefix) in relevant[tweet] for row in rows]
            groups.append((np.array(vectors), np.array(labels)))
    pairs, sides = [], []
    for vectors, labels in groups:
        for good in np.where(labels)[0]:
            for bad in np.where(~labels)[0]:
                pairs += [vectors[good] - vectors[bad], vectors[bad] - vectors[good]]
                sides += [1, 0]
    order = LogisticRegression(C=0.1, max_iter=5000, fit_intercept=False)
    direction = order.fit(np.array(pairs), np.array(sides)).coef_[0]
    scores = np.concatenate([vectors @ direction for vectors, _ in groups]).reshape(-1, 1)
    labels = np.concatenate([labels for _, labels in groups])
    platt = LogisticRegression(C=100.0, max_iter=5000).fit(scores, labels)
    scale = float(platt.coef_[0][0])
    weights = tuple(round(float(w) * scale, 3) for w in direction)
    intercept = round(float(platt.intercept_[0]), 3)
    print("FEATURES =", ranking.FEATURES)
    print("WEIGHTS =", weights)
    print("INTERCEPT =", intercept)
    ranking.WEIGHTS, ranking.INTERCEPT = weights, intercept
    train_rankings, _ = rank_all(tweets)
    print(f"train: MAP@5 {map5(train_rankings, relevant):.4f} with these weights")


def synthesise(claims: list[tuple[str, str, str]], total: int) -> None:
    """Fill the 1M database up to `total` fact-checks: the real claims (through the import
    path), then synthetic ones, each stitched from two real claims' halves plus a random
    number, so that terms keep realistic frequencies. The synthetic rows are written by
    COPY with their analysed fields and term statistics computed here from the halves'
    terms (the import path would take most of an hour for a million rows; this is timing
    data, not a test of the importer)."""
    from collections import Counter

    from django.db import connection, transaction
    from django.db.models import F

    from factcheck.factchecks import index, text
    from factcheck.factchecks.models import FactCheck, MatchStats

    have = MatchStats.objects.filter(pk=1).values_list("ndoc", flat=True).first() or 0
    if have >= total:
        return
    if have == 0:
        import_claims(claims)
        have = len(claims)
    start = time.perf_counter()
    analysed = [text.analyse(c) for _, c, _ in claims]
    rng = random.Random(have)
    next_id = (FactCheck.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    columns = (
        "id, url, origin, claim_reviewed, title, claimant, appearance_url, rating_name, "
        "rating_explanation, publisher, publisher_url, author, language, snapshot, "
        "search_text, match_entities, match_numbers, created_at, updated_at"
    )
    batch = 50_000
    for first in range(have, total, batch):
        df: Counter[str] = Counter()
        nterms = 0
        with transaction.atomic(), connection.cursor() as cursor:
            with cursor.connection.cursor().copy(
                f"COPY factchecks_factcheck ({columns}) FROM STDIN"
            ) as copy:
                for n in range(first, min(first + batch, total)):
                    a, b = rng.choice(analysed), rng.choice(analysed)
                    number = str(rng.randint(2, 99_999))
                    head = a.text.split()
                    tail = b.text.split()
                    claim = " ".join([*head[: len(head) // 2], number, *tail[len(tail) // 2 :]])
                    terms = [*a.terms[: len(a.terms) // 2], number, *b.terms[len(b.terms) // 2 :]]
                    df.update(set(terms))
                    nterms += len(terms)
                    copy.write_row(
                        (
                            next_id,
                            f"https://synthetic.example/{n}",
                            "imported",
                            claim,
                            "",
                            "",
                            "",
                            "False",
                            "",
                            "Synthetic",
                            "",
                            "",
                            "en",
                            "{}",
                            " ".join(terms),
                            " ".join(sorted(a.entities | b.entities)),
                            number,
                            "2020-01-01T00:00:00Z",
                            "2020-01-01T00:00:00Z",
                        )
                    )
                    next_id += 1
            index._add_terms(dict(df))
            count = min(first + batch, total) - first
            MatchStats.objects.filter(pk=1).update(
                ndoc=F("ndoc") + count, nterms=F("nterms") + nterms
            )
        print(f"# {min(first + batch, total):,} fact-checks", flush=True)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setval(pg_get_serial_sequence('factchecks_factcheck', 'id'), %s)", [next_id]
        )
    vacuum()
    print(f"# synthesised {total - have:,} fact-checks in {time.perf_counter() - start:.0f} s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--million", type=int, default=1_000_000)
    parser.add_argument("--train", action="store_true")
    parser.add_argument("--skip-1m", action="store_true")
    parser.add_argument(
        "--processes", type=int, default=os.cpu_count() or 2, help="for queries/s (cores)"
    )
    args = parser.parse_args()
    if not DATA.exists():
        sys.exit(f"no data set at {DATA}")
    if not os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://")):
        sys.exit("this benchmark needs PostgreSQL: set DATABASE_URL=postgres://...")
    django.setup()
    claims = load_claims()

    use_database("matching")
    seconds = import_claims(claims)
    print(f"# imported {len(claims):,} fact-checks in {seconds:.1f} s")
    print(f"FIGURE matching_import_rows_per_s {len(claims) / seconds:.0f} rows/s target=none")
    if args.train:
        train(claims)
        return

    dev, dev_relevant = load_tweets("dev")
    rankings, _ = rank_all(dev)
    ours = map5(rankings, dev_relevant)
    baseline = map5(tfidf_baseline(claims, dev), dev_relevant)
    train_tweets, train_relevant = load_tweets("train")
    train_rankings, _ = rank_all(train_tweets)
    print(f"# train MAP@5 {map5(train_rankings, train_relevant):.4f} (tuned on)")
    print(f"FIGURE matching_map5_dev {ours:.4f} MAP@5 target=>=0.90")
    print(f"FIGURE matching_map5_tfidf_baseline {baseline:.4f} MAP@5 target=none")

    everything = list({**train_tweets, **dev}.values())
    single, parallel = [], []
    for _ in range(args.runs):
        single.append(throughput(everything, 1))
        parallel.append(throughput(everything, args.processes))
    print(f"# queries/s per run, 1 process: {', '.join(f'{r:.0f}' for r in single)}")
    rates = ", ".join(f"{r:.0f}" for r in parallel)
    print(f"# queries/s per run, {args.processes} processes: {rates}")
    print(f"FIGURE matching_queries_per_s_1proc {statistics.median(single):.0f} q/s target=none")
    print(f"FIGURE matching_queries_per_s {statistics.median(parallel):.0f} q/s target=>=200")
    if args.skip_1m:
        return

    from factcheck.factchecks.matching import match

    use_database("matching_1m")
    synthesise(claims, args.million)
    texts = list(dev.values())
    for text in texts[:20]:  # warm the cache the way a running server is warm
        match(text)
    p95s = []
    for _ in range(args.runs):
        times = []
        for text in texts:
            start = time.perf_counter()
            match(text)
            times.append((time.perf_counter() - start) * 1000)
        p95s.append(statistics.quantiles(times, n=20)[-1])
    print(f"# p95 per run (ms): {', '.join(f'{p:.1f}' for p in p95s)}")
    print(f"FIGURE matching_1m_p95_ms {statistics.median(p95s):.1f} ms target=<=50")


if __name__ == "__main__":
    main()
