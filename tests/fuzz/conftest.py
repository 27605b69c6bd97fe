"""The fuzz tests create jobs by the hundred (articles to tag, imports, exports): they
must not fill the shared broker's queue, which a real worker in another test would then
work through first. Publishing goes to a closed port instead and gives up at once; the
jobs stay queued in the test's own (rolled back) database."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.faults.broker import broker_at


@pytest.fixture(autouse=True)
def no_broker(settings: Any) -> Iterator[None]:
    settings.FACTCHECK_ENQUEUE_DEADLINE = 0.05
    settings.CELERY_TASK_ALWAYS_EAGER = False
    with broker_at("redis://127.0.0.1:1/0"):  # nothing listens on port 1
        yield
