"""Matching: ranking on a small labelled fixture of our own, stable scores, the index
kept in step, and the match_claims command."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from factcheck.factchecks import index, matching
from factcheck.factchecks.models import FactCheck, MatchStats, MatchTerm
from factcheck.factchecks.text import analyse, clean
from tests.factchecks.helpers import save

pytestmark = pytest.mark.django_db

CHECKS = [
    ("https://f.example/1", "A photograph shows Barack Obama shaking hands with Hassan Rouhani."),
    ("https://f.example/2", "Minecraft is shutting down in 2020."),
    ("https://f.example/3", "Unemployment fell to 3.5% in 2019, the lowest in 50 years."),
    ("https://f.example/4", "Unemployment rose to 5.1% in 2012."),
    ("https://f.example/5", "Canadians can be fined $1,000 for eating while driving."),
    ("https://f.example/6", "The Amazon rainforest was on fire in August 2019."),
    ("https://f.example/7", "Nancy Pelosi was drunk and slurring her speech in a video."),
    ("https://f.example/8", "Drinking hot water cures the coronavirus."),
    ("https://f.example/9", "The Eiffel Tower will be demolished next year."),
    ("https://f.example/10", "Bill Gates wants to put microchips in vaccines."),
    ("https://f.example/11", "Wind turbines cause cancer, Donald Trump said."),
    ("https://f.example/12", "A video shows migrants invading a beach in Spain."),
]
# (query, the fact-check that checked it): paraphrases, posts with noise, numbers.
LABELLED = [
    ("Is that photo of Obama shaking Rouhani's hand real? pic.twitter.com/xyz", "1"),
    ("Once more: Minecraft is NOT shutting down! #Minecraft — Helen (@helen) January 8, 2020", "2"),
    ("The jobless rate dropped to 3.5 percent in 2019, said the minister.", "3"),
    ("unemployment went up to 5.1% in 2012", "4"),
    ("DYK you can be fined 1,000 dollars in Canada for eating a sandwich while driving", "5"),
    ("The #AmazonRainforest has been burning for weeks and nobody talks about it", "6"),
    ("Pelosi slurring her words, drunk again? https://t.co/abc", "7"),
    ("drink hot water to cure coronavirus, doctors say", "8"),
    ("They are going to demolish the Eiffel Tower", "9"),
    ("Gates microchip vaccine plan exposed", "10"),
    ("Trump: windmills give you cancer", "11"),
    ("Migrants run onto a beach in southern Spain, surprising sunbathers", "12"),
]


@pytest.fixture
def checks() -> list[FactCheck]:
    return save(*CHECKS)


def test_ranking_on_the_labelled_fixture(checks: list[FactCheck]) -> None:
    first = 0
    for query, expected in LABELLED:
        found = matching.match(query, top=3)
        urls = [m.url for m in found]
        assert f"https://f.example/{expected}" in urls, (query, urls)
        first += urls[0] == f"https://f.example/{expected}"
    assert first == len(LABELLED)


def test_numbers_tell_similar_claims_apart(checks: list[FactCheck]) -> None:
    assert matching.match("Unemployment fell to 3.5% in 2019")[0].url == "https://f.example/3"
    assert matching.match("Unemployment 5.1% 2012")[0].url == "https://f.example/4"


def test_scores_are_probabilities_best_first_and_stable(checks: list[FactCheck]) -> None:
    query = "Unemployment fell to 3.5% in 2019"  # candidates: 2019, 2012, the Amazon in 2019
    one = [m.as_json() for m in matching.match(query, top=5)]
    two = [m.as_json() for m in matching.match(query, top=5)]
    assert one == two
    scores = [m["score"] for m in one]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= s <= 1 for s in scores)
    assert len(scores) >= 2 and scores[0] > 0.5 > scores[1]


def test_unrelated_text_scores_low(checks: list[FactCheck]) -> None:
    found = matching.match("The recipe needs two eggs and a cup of flour.")
    assert all(m.score < 0.2 for m in found)
    assert matching.match("") == [] and matching.match("the and of") == []


def test_exclude_and_withdrawn(checks: list[FactCheck]) -> None:
    query = "Minecraft is shutting down"
    target = checks[1]
    assert matching.match(query)[0].factcheck_id == target.pk
    assert target.pk not in [m.factcheck_id for m in matching.match(query, exclude=[target.pk])]
    FactCheck.objects.filter(pk=target.pk).update(withdrawn_at="2020-01-01T00:00:00Z")
    assert target.pk not in [m.factcheck_id for m in matching.match(query)]


def test_an_empty_archive_matches_nothing() -> None:
    assert matching.match("Minecraft is shutting down") == []


def test_index_statistics_rebuild_to_the_same(checks: list[FactCheck]) -> None:
    before = dict(MatchTerm.objects.filter(ndoc__gt=0).values_list("term", "ndoc"))
    stats = MatchStats.objects.values_list("ndoc", "nterms").get()
    assert index.rebuild() == len(CHECKS)
    assert dict(MatchTerm.objects.filter(ndoc__gt=0).values_list("term", "ndoc")) == before
    assert MatchStats.objects.values_list("ndoc", "nterms").get() == stats
    assert matching.match("Minecraft shutting down")[0].url == "https://f.example/2"


def test_text_analysis() -> None:
    post = (
        "DEFUND. The CBC deletes Trump #DefundTheCBChttps://t.co/CsHG8R9cHp — "
        "Brad Trost (@BradTrostCPC) December 26, 2019"
    )
    assert "t.co" not in clean(post) and "@BradTrostCPC" not in clean(post)
    analysed = analyse(post)
    assert {"defund", "cbc", "trump", "brad", "trost"} <= set(analysed.terms)
    assert analyse("It cost $1,200.50 and 70 per cent").numbers == {"1200.5", "70"}
    assert "charlott" in analyse("Protesters in Charlotte were arrested.").entities
    assert analyse("O'Rourke's plan").terms == ["orourk", "plan"]


def test_match_claims_command(checks: list[FactCheck], tmp_path: Path) -> None:
    path = tmp_path / "claims.jsonl"
    lines = [
        {"id": "a", "text": "Minecraft is shutting down"},
        {"id": 7, "text": "The Eiffel Tower will be demolished"},
    ]
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", "utf-8")
    out = io.StringIO()
    call_command("match_claims", str(path), "--top", "2", "--format", "jsonl", stdout=out)
    results = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [r["id"] for r in results] == ["a", 7]
    best = results[0]["matches"][0]
    assert set(best) == {"url", "claim_reviewed", "rating", "publisher", "date", "score"}
    assert best["url"] == "https://f.example/2" and len(results[0]["matches"]) <= 2
    assert results[1]["matches"][0]["url"] == "https://f.example/9"
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1}\nnot json\n', "utf-8")
    out = io.StringIO()
    with pytest.raises(SystemExit):
        call_command("match_claims", str(bad), stdout=out)
    errors = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [e["error"][:4] for e in errors] == ["text", "not "]


def test_a_misspelt_short_query_still_finds_its_fact_check(checks: list[FactCheck]) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("pg_trgm's word similarity is the PostgreSQL path")
    found = matching.match("Minecarft shuting dwn")
    assert found and found[0].url == "https://f.example/2"


@pytest.mark.django_db(transaction=True)
def test_concurrent_imports_keep_the_statistics_exact() -> None:
    """Two imports at once (two connections): the term frequencies and totals they leave
    are what a rebuild from the rows computes."""
    import threading

    from django.db import connection, connections

    from factcheck.factchecks.claimreview import FactCheckRow
    from factcheck.factchecks.services import save_rows

    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers")
    errors: list[BaseException] = []

    def run(offset: int) -> None:
        try:
            for start in range(0, 60, 15):
                save_rows(
                    [
                        FactCheckRow(
                            url=f"https://c.example/{offset}/{n}",
                            claim_reviewed=f"Shared words about unemployment and wages {n % 7}",
                        )
                        for n in range(start, start + 15)
                    ]
                )
        except BaseException as error:  # reported below, in the test thread
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(k,)) for k in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    after = dict(MatchTerm.objects.filter(ndoc__gt=0).values_list("term", "ndoc"))
    stats = MatchStats.objects.values_list("ndoc", "nterms").get()
    assert stats[0] == 120
    index.rebuild()
    assert dict(MatchTerm.objects.filter(ndoc__gt=0).values_list("term", "ndoc")) == after
    assert MatchStats.objects.values_list("ndoc", "nterms").get() == stats
