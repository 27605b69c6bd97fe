"""Many racing edits of one claim, from real threads with their own database connections:
optimistic concurrency lets exactly one stale write through and loses no update."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from rest_framework.test import APIClient

from factcheck.claims.models import Claim, ClaimEvent
from tests.factories import ClaimFactory

pytestmark = pytest.mark.django_db(transaction=True)
WRITERS = 8


def _in_threads(work: Callable[[int], Any]) -> list[Any]:
    results: list[Any] = [None] * WRITERS
    start = threading.Barrier(WRITERS)

    def run(index: int) -> None:
        try:
            start.wait()
            results[index] = work(index)
        finally:
            connection.close()  # each thread had its own connection

    threads = [threading.Thread(target=run, args=(i,)) for i in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_writers_holding_the_same_version_let_exactly_one_through(make_user: Any) -> None:
    claim = ClaimFactory()
    user = make_user("reviewer")
    version = claim.version

    def write(index: int) -> int:
        client = APIClient()
        client.force_authenticate(user)
        response = client.patch(
            f"/api/claims/{claim.pk}/",
            {"version": version, "statement": f"writer {index}"},
            format="json",
        )
        return response.status_code

    statuses = _in_threads(write)
    assert sorted(statuses) == [200] + [409] * (WRITERS - 1), statuses
    claim.refresh_from_db()
    assert claim.version == version + 1
    assert claim.statement.startswith("writer ")


def test_writers_that_retry_on_conflict_lose_no_update(make_user: Any) -> None:
    claim = ClaimFactory()
    user = make_user("reviewer")
    first_version = claim.version

    def write_until_accepted(index: int) -> int:
        client = APIClient()
        client.force_authenticate(user)
        for attempt in range(100):
            current = client.get(f"/api/claims/{claim.pk}/").json()
            response = client.patch(
                f"/api/claims/{claim.pk}/",
                {"version": current["version"], "rationale": f"{current['rationale']}[{index}]"},
                format="json",
            )
            if response.status_code == 200:
                return attempt
            assert response.status_code == 409, response.content
            assert response.json()["current"]["version"] >= current["version"]
        raise AssertionError(f"writer {index} never got through")

    _in_threads(write_until_accepted)
    claim = Claim.objects.get(pk=claim.pk)
    # Every writer's mark survived: each edit was applied on top of the one before.
    assert sorted(claim.rationale.strip("[]").split("][")) == [str(i) for i in range(WRITERS)]
    assert claim.version == first_version + WRITERS
    updates = ClaimEvent.objects.filter(claim=claim, action="updated").count()
    assert updates == WRITERS
