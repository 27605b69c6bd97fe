"""Imports keep no cruft (issue 16): the page's <title> and <h1> headline are the title, not
paragraphs; a "By: …" paragraph becomes the author; share-button rows go; a .txt upload is
titled by its headline or its file name."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from factcheck.articles.imports import from_file, from_paste

pytestmark = pytest.mark.django_db

BODY = "The council approved a budget of 12 million dollars on Monday."


def test_html_title_headline_byline_and_share_rows_leave_the_text() -> None:
    html = (
        "<html><head><title>Budget passes | Local Times</title></head><body>"
        "<h1>Budget passes</h1><p>By: Jane Roe</p>"
        f"<p>{BODY}</p><p>The mayor said it was 3% more.</p>"
        "<p>Share on Facebook Share on Twitter</p></body></html>"
    )
    data = from_paste(html=html)
    assert data.text == BODY + "\nThe mayor said it was 3% more."
    assert data.author == "Jane Roe"
    assert data.title == "Budget passes | Local Times"


def test_pasted_share_rows_are_dropped_and_a_given_title_is_not_repeated() -> None:
    text = f"Budget passes\nShare on Facebook Share on Twitter\n{BODY}\nShare · Tweet · Email"
    data = from_paste(text=text, title="Budget passes")
    assert data.text == BODY
    assert data.raw == text


def test_a_sentence_is_never_taken_for_a_headline() -> None:
    data = from_paste(text=f"{BODY}\nThe mayor disagreed.")
    assert data.text == f"{BODY}\nThe mayor disagreed." and data.title == ""


def test_txt_uploads_are_titled_by_their_headline_or_their_file_name(
    reviewer_client: APIClient,
) -> None:
    upload = SimpleUploadedFile("upload.txt", f"Council approves budget\n{BODY}".encode())
    response = reviewer_client.post("/api/articles/upload/", {"file": upload})
    assert response.status_code == 201, response.content
    assert response.json()["title"] == "Council approves budget"
    assert response.json()["text"] == BODY
    named = from_file("city-budget_2024.txt", f"{BODY}\nMore.".encode())
    assert named.title == "City budget 2024" and named.text.startswith(BODY)
