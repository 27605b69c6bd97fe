"""The XSS corpus through every import path (pasted HTML, pasted text with hostile
metadata, uploaded file, URL, bulk CSV and JSONL, a correction): the stored fields hold
no markup a browser could run. Checked on the stored rows, by parsing."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from factcheck.articles.bulk import create_job, run_job
from factcheck.articles.models import Article, ArticleRevision
from tests.factories import ArticleFactory

from .inert import html_problems, plain_problems, xss_vectors
from .local_http import Handler, local_server

pytestmark = pytest.mark.django_db
VECTORS = xss_vectors()


def body(i: int, vector: str) -> str:
    return (
        f"<p>Report {i}: the council approved a budget of {i} million dollars.</p>"
        f"{vector}<p>The mayor said it was the largest budget ever, report {i}.</p>"
    )


def stored_problems(article: Article) -> list[str]:
    problems = html_problems(article.html)
    for name in ("title", "outlet", "author"):
        problems += plain_problems(getattr(article, name))
    for revision in ArticleRevision.objects.filter(article=article):
        problems += html_problems(revision.html)
    return problems


def check_all(articles: list[Article]) -> None:
    failures = {a.pk: p for a in articles if (p := stored_problems(a))}
    assert not failures, failures


def test_the_corpus_has_at_least_100_vectors() -> None:
    assert len(VECTORS) >= 100
    kinds = ("<script", "onerror", "javascript:", "data:", "<svg", "<style", "<iframe")
    for kind in kinds:
        assert any(kind in v.lower() for v in VECTORS), kind


def test_pasted_html_and_hostile_metadata(reviewer_client: APIClient) -> None:
    ids = []
    for i, vector in enumerate(VECTORS):
        response = reviewer_client.post(
            "/api/articles/",
            {"html": body(i, vector), "title": vector, "outlet": vector, "author": vector},
            format="json",
        )
        assert response.status_code == 201, (vector, response.content[:300])
        ids.append(response.json()["id"])
    articles = list(Article.objects.filter(pk__in=ids))
    assert len(articles) == len(VECTORS)
    check_all(articles)
    # The sanitiser kept the article's own words.
    assert all("the council approved a budget" in a.text for a in articles)


def test_pasted_text_with_hostile_title(reviewer_client: APIClient) -> None:
    for i, vector in enumerate(VECTORS[:40]):
        text = f"Report {i}: the council approved the budget.\n{vector}\nThe end {i}."
        response = reviewer_client.post(
            "/api/articles/", {"text": text, "title": f"{vector} {i}"}, format="json"
        )
        assert response.status_code == 201, response.content[:300]
        article = Article.objects.get(pk=response.json()["id"])
        assert article.html == ""  # text stays text: nothing is ever rendered as markup
        assert not stored_problems(article)


def test_uploaded_html_files(reviewer_client: APIClient) -> None:
    ids = []
    for i, vector in enumerate(VECTORS):
        page = f"<html><head><title>{vector}</title></head><body>{body(i, vector)}</body></html>"
        upload = SimpleUploadedFile(f"page{i}.html", page.encode(), content_type="text/html")
        response = reviewer_client.post("/api/articles/upload/", {"file": upload})
        assert response.status_code == 201, (vector, response.content[:300])
        ids.append(response.json()["id"])
    check_all(list(Article.objects.filter(pk__in=ids)))


def test_pages_fetched_by_url(reviewer_client: APIClient, settings: Any) -> None:
    settings.FACTCHECK_URL_FETCH_ALLOW_LOOPBACK = True

    def page(h: Handler) -> None:
        i = int(h.query["i"])
        vector = VECTORS[i]
        long_text = " ".join(f"Sentence {n} of report {i} on the council budget." for n in range(8))
        html = (
            f"<html><head><title>{vector}</title><meta name=author content='{vector}'>"
            f"</head><body><article><h1>{vector}</h1><p>{long_text}</p>{body(i, vector)}"
            f"<p>{long_text}</p></article></body></html>"
        )
        h.reply(html.encode())

    ids = []
    with local_server({"/page": page}) as server:
        for i in range(len(VECTORS)):
            response = reviewer_client.post(
                "/api/articles/from-url/", {"url": f"{server.base}/page?i={i}"}, format="json"
            )
            assert response.status_code == 201, (VECTORS[i], response.content[:300])
            ids.append(response.json()["id"])
    check_all(list(Article.objects.filter(pk__in=ids)))


def test_bulk_csv_and_jsonl(make_user: Any) -> None:
    user = make_user("reviewer")
    out = io.StringIO()
    writer = csv.DictWriter(out, ["title", "html", "outlet", "author", "published_at"])
    writer.writeheader()
    lines = []
    for i, vector in enumerate(VECTORS):
        row = {"title": vector, "html": body(i, vector), "outlet": vector, "author": vector}
        writer.writerow({**row, "published_at": "2024-01-02"})
        lines.append(json.dumps({**row, "html": body(i + 10_000, vector)}))
    for name, content in (("x.csv", out.getvalue()), ("x.jsonl", "\n".join(lines))):
        job = run_job(create_job(name, content.encode(), user).pk)
        assert job.status == "done", job.error
        assert job.errors == [] and job.imported == len(VECTORS), job.errors[:3]
    check_all(list(Article.objects.all()))


def test_a_hostile_correction(reviewer_client: APIClient) -> None:
    article = ArticleFactory()
    for i, vector in enumerate(VECTORS):
        response = reviewer_client.post(
            f"/api/articles/{article.pk}/revisions/", {"html": body(i, vector)}, format="json"
        )
        assert response.status_code == 201, (vector, response.content[:300])
    article.refresh_from_db()
    assert article.revision == len(VECTORS) + 1
    check_all([article])


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,<script>x</script>"])
def test_a_hostile_url_field_is_refused(reviewer_client: APIClient, url: str) -> None:
    response = reviewer_client.post(
        "/api/articles/", {"text": "Some article text.", "url": url}, format="json"
    )
    assert response.status_code == 400 and "url" in response.json()
