"""A citation's page is captured by a REAL worker after the POST commits; approval waits
for it. Real PostgreSQL, Redis, `celery worker` and an HTTP server on 127.0.0.1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rest_framework.test import APIClient

from factcheck.sources.models import Capture
from tests.security.local_http import local_server
from tests.sources.conftest import PAGES, capture_worker_for

from .processes import wait_until

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]


def test_a_cited_page_is_captured_by_the_worker(
    redis_url: str, tmp_path: Path, client_for: Any, settings: Any
) -> None:
    from tests.claims.helpers import ready_claim

    store = tmp_path / "captures"
    worker = capture_worker_for(tmp_path, settings)
    worker.start()
    try:
        with local_server(PAGES) as server:
            reviewer: APIClient = client_for("reviewer")
            claim = ready_claim()
            response = reviewer.post(
                "/api/citations/",
                {
                    "claim": claim.pk,
                    "url": f"{server.base}/stats",
                    "excerpt": "Employers added 272,000 jobs",
                    "stance": "supports",
                },
                format="json",
            )
            assert response.status_code == 201, response.content
            assert response.json()["capture"]["status"] == "pending"
            citation_id = response.json()["id"]

            def done() -> bool:
                return Capture.objects.get(citation_id=citation_id).status != "pending"

            wait_until(done, 60, "the capture", every=0.2)
        body = reviewer.get(f"/api/citations/{citation_id}/").json()["capture"]
        assert body["status"] == "captured", (body, worker.log()[-2000:])
        assert body["excerpt_found"] is True
        assert (store / body["sha256"][:2] / body["sha256"]).exists()
        assert any("/stats" in seen["path"] for seen in server.seen)
    finally:
        worker.stop()
