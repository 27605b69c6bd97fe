"""Single-article imports: pasted text (cruft cleaned, byline → author, original kept),
pasted HTML, uploaded files (encodings), URLs (metadata), duplicates and limits."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from factcheck.articles.cleanup import clean_pasted_text
from factcheck.articles.models import Article, ArticleRevision
from tests.conftest import shared_path
from tests.security.local_http import local_server

pytestmark = pytest.mark.django_db


def upload(client: APIClient, name: str, content: bytes, **extra: str) -> Any:
    return client.post(
        "/api/articles/upload/", {"file": SimpleUploadedFile(name, content), **extra}
    )


def test_pasted_news_page_loses_its_cruft(reviewer_client: APIClient) -> None:
    raw = shared_path("corpus", "trump-xi-trade-call.txt").read_text(encoding="utf-8")
    response = reviewer_client.post(
        "/api/articles/", {"text": raw, "title": "Trump and Xi"}, format="json"
    )
    assert response.status_code == 201, response.content
    article = Article.objects.get(pk=response.json()["id"])
    assert article.author == "Russ Spencer"
    assert article.text.startswith("In a development that could mark a turning point")
    for cruft in ("Trinity Audio", "By: Russ Spencer", "\n|\n"):
        assert cruft not in article.text
    first = ArticleRevision.objects.get(article=article, number=1)
    assert first.raw == raw  # the original is kept
    assert "Getting your Trinity Audio player ready..." in first.raw


def test_cleanup_keeps_article_sentences() -> None:
    text = (
        "By the numbers\nShare\nThe vote was 52 to 48.\n|\n"
        "Share prices fell 3% on Monday.\nBy Jane Doe and John Smith\nAdvertisement\n"
    )
    cleaned = clean_pasted_text(text)
    assert cleaned.author == "Jane Doe and John Smith"
    assert "By the numbers" in cleaned.text  # a heading, not a byline
    assert "Share prices fell 3% on Monday." in cleaned.text  # a sentence, not a button
    assert cleaned.dropped == ["Share", "|", "By Jane Doe and John Smith", "Advertisement"]


def test_a_given_author_wins_over_the_byline(reviewer_client: APIClient) -> None:
    response = reviewer_client.post(
        "/api/articles/",
        {"text": "By: Someone Else\nThe council met on Monday.", "author": "Ann Editor"},
        format="json",
    )
    assert response.json()["author"] == "Ann Editor"
    assert response.json()["text"] == "The council met on Monday."


def test_clean_text_keeps_no_raw_copy(reviewer_client: APIClient) -> None:
    response = reviewer_client.post(
        "/api/articles/", {"text": "Nothing to clean here."}, format="json"
    )
    assert ArticleRevision.objects.get(article_id=response.json()["id"]).raw == ""


def test_pasted_html_is_sanitised_and_reduced(reviewer_client: APIClient) -> None:
    html = (
        '<h1>Title</h1><p onclick="x()">One <b>bold</b> claim.</p><script>x()</script><p>Two.</p>'
    )
    response = reviewer_client.post("/api/articles/", {"html": html}, format="json")
    body = response.json()
    assert body["text"] == "Title\nOne bold claim.\nTwo."
    assert body["html"] == "<h1>Title</h1><p>One <b>bold</b> claim.</p><p>Two.</p>"


@pytest.mark.parametrize(
    ("name", "content", "text"),
    [
        ("a.txt", "Café in Zürich costs 5 €.".encode(), "Café in Zürich costs 5 €."),
        ("b.txt", "Zürich, naïve façade.".encode("latin-1"), "Zürich, naïve façade."),
        ("c.txt", "\ufeffWith a BOM.".encode(), "With a BOM."),
        ("d.txt", "Unicode sixteen: ü.".encode("utf-16"), "Unicode sixteen: ü."),
        # The heading is the title, not a paragraph (its numbers would be tagged twice).
        ("e.md", b"# A heading\n\nSome *markdown* text.", "Some *markdown* text."),
        (
            "f.html",
            '<meta charset="windows-1252"><p>Quotes \x93here\x94.</p>'.encode("latin-1"),
            "Quotes “here”.",
        ),
    ],
)
def test_uploaded_files_and_their_encodings(
    reviewer_client: APIClient, name: str, content: bytes, text: str
) -> None:
    response = upload(reviewer_client, name, content)
    assert response.status_code == 201, response.content
    assert response.json()["text"] == text


def test_markdown_heading_becomes_the_title(reviewer_client: APIClient) -> None:
    response = upload(reviewer_client, "story.md", b"# Budget passes\n\nThe council voted.")
    assert response.json()["title"] == "Budget passes"


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("x.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "import .html"),
        ("x.txt", b"\x00\x01\x02\x03\xff\xfe\x00\x00binary\x00", "encoding could not be detected"),
        ("x.txt", b"   \n\t  \n", "no text"),
    ],
)
def test_unreadable_files_are_a_clear_error(
    reviewer_client: APIClient, name: str, content: bytes, problem: str
) -> None:
    response = upload(reviewer_client, name, content)
    assert response.status_code == 400
    body = response.json()
    assert problem in str(body) and ("file" in body or "text" in body)


def test_upload_without_a_file(reviewer_client: APIClient) -> None:
    response = reviewer_client.post("/api/articles/upload/", {}, format="multipart")
    assert response.status_code == 400 and "file" in response.json()


def test_the_same_article_twice_is_recognised(reviewer_client: APIClient) -> None:
    first = reviewer_client.post(
        "/api/articles/", {"text": "Exactly this text.", "title": "A"}, format="json"
    )
    again = reviewer_client.post(
        "/api/articles/", {"text": "Exactly this text.\n", "title": "B"}, format="json"
    )
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json()["id"] == first.json()["id"] and again.json()["duplicate"] is True
    by_url = [
        reviewer_client.post(
            "/api/articles/",
            {"text": f"Version {n} of the story.", "url": "https://news.example/story"},
            format="json",
        )
        for n in (1, 2)
    ]
    assert by_url[1].status_code == 200 and by_url[1].json()["id"] == by_url[0].json()["id"]
    assert Article.objects.count() == 2


def test_over_the_size_limit_is_413_with_the_limit(
    reviewer_client: APIClient, settings: Any
) -> None:
    settings.FACTCHECK_MAX_ARTICLE_CHARS = 1000
    for response in (
        reviewer_client.post("/api/articles/", {"text": "x" * 1001}, format="json"),
        reviewer_client.post("/api/articles/", {"html": f"<p>{'y' * 1001}</p>"}, format="json"),
        upload(reviewer_client, "big.txt", b"z" * 1001),
    ):
        assert response.status_code == 413
        assert "1,000" in response.json()["detail"]
    assert Article.objects.count() == 0


@pytest.mark.parametrize("text", ["", "   ", "\n\t\n", "\u00a0 \u2003"])
def test_empty_text_is_refused_with_a_reason(reviewer_client: APIClient, text: str) -> None:
    response = reviewer_client.post("/api/articles/", {"text": text}, format="json")
    assert response.status_code == 400
    assert "text" in response.json()


def test_html_with_no_text_is_refused(reviewer_client: APIClient) -> None:
    response = reviewer_client.post(
        "/api/articles/", {"html": "<script>alert(1)</script><img src=x>"}, format="json"
    )
    assert response.status_code == 400 and "text" in response.json()


def test_url_import_extracts_text_and_metadata(reviewer_client: APIClient, settings: Any) -> None:
    settings.FACTCHECK_URL_FETCH_ALLOW_LOOPBACK = True
    with local_server() as server:
        url = server.base + "/article"
        response = reviewer_client.post("/api/articles/from-url/", {"url": url}, format="json")
        again = reviewer_client.post("/api/articles/from-url/", {"url": url}, format="json")
        latin = reviewer_client.post(
            "/api/articles/from-url/",
            {"url": server.base + "/latin1", "title": "My own title"},
            format="json",
        )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["title"] == "Council approves budget"
    assert body["author"] == "Jane Roe"
    assert body["outlet"] == "Local Times"
    assert body["published_at"].startswith("2024-03-05")
    assert body["url"] == url
    assert "approved a budget of 12 million dollars" in body["text"]
    assert "Copyright" not in body["text"] and "Subscribe" not in body["text"]
    assert "<script" not in body["html"] and "onerror" not in body["html"]
    assert again.status_code == 200 and again.json()["duplicate"] is True
    assert [r["path"] for r in server.seen].count("/article") == 1  # not fetched again
    assert latin.status_code == 201, latin.content
    assert latin.json()["title"] == "My own title"
    assert "café, Zürich" in latin.json()["text"]


@pytest.mark.parametrize(
    ("path", "status"), [("/pdf", 415), ("/nothing-here", 502), ("/huge-declared", 413)]
)
def test_url_import_errors_name_the_url(
    reviewer_client: APIClient, settings: Any, path: str, status: int
) -> None:
    settings.FACTCHECK_URL_FETCH_ALLOW_LOOPBACK = True
    with local_server() as server:
        response = reviewer_client.post(
            "/api/articles/from-url/", {"url": server.base + path}, format="json"
        )
    assert response.status_code == status
    assert "url" in response.json() and response.json()["detail"]


def test_url_import_refuses_loopback_by_default(reviewer_client: APIClient) -> None:
    with local_server() as server:
        response = reviewer_client.post(
            "/api/articles/from-url/", {"url": server.base + "/article"}, format="json"
        )
        assert server.seen == []
    assert response.status_code == 400 and "loopback" in response.json()["url"][0]


def test_a_body_over_the_upload_limit_is_a_json_413(
    reviewer_client: APIClient, settings: Any
) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 10_000
    response = reviewer_client.post("/api/articles/", {"text": "x" * 20_000}, format="json")
    assert response.status_code == 413
    assert "10,000 bytes" in response.json()["detail"]


def test_an_article_at_the_default_limit_fits_in_a_request(reviewer_client: APIClient) -> None:
    from django.conf import settings

    limit = settings.FACTCHECK_MAX_ARTICLE_CHARS
    over = reviewer_client.post("/api/articles/", {"text": "é" * (limit + 1)}, format="json")
    assert over.status_code == 413 and f"{limit:,}" in over.json()["detail"]
