"""Export file names say the format, and the CSV citation cell has no empty "<>" and keeps
the locator (issue 16)."""

from __future__ import annotations

from factcheck.reports.exporters.csv_export import citation_line
from factcheck.reports.services import filename


def test_the_two_json_ld_formats_have_their_own_names() -> None:
    assert filename("claimreview") == "claims.claimreview.jsonld"
    assert filename("webannotation") == "claims.annotations.jsonld"
    assert filename("csv") == "claims.csv"


def test_a_citation_without_url_reads_cleanly_and_keeps_its_locator() -> None:
    base = {"stance": "supports", "source": "CNBC", "excerpt": "Talks resume."}
    assert citation_line({**base, "url": "", "locator": "para. 3"}) == (
        "supports: CNBC (para. 3) — Talks resume."
    )
    assert citation_line({**base, "url": "https://cnbc.com/a", "locator": ""}) == (
        "supports: CNBC <https://cnbc.com/a> — Talks resume."
    )
    assert citation_line({"stance": "context", "source": "", "url": "", "excerpt": ""}) == (
        "context:"
    )
