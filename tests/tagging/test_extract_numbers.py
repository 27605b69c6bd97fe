"""numbers.py: values, units, qualifiers, and what must not be tagged (real phrasings)."""

from __future__ import annotations

import pytest

from factcheck.tagging.extract.numbers import find_numbers


def hits(text: str) -> list[tuple[str, str, float | None, str | None, str | None]]:
    return [
        (text[h.start : h.end], h.kind, h.value, h.unit, h.qualifier) for h in find_numbers(text)
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("over 1,000 people", ("over 1,000", "count", 1000, None, "over")),
        ("a 90-minute phone call", ("90-minute", "duration", 90, "minute", None)),
        ("three years of supervision", ("three years", "duration", 3, "year", None)),
        ("a 92-year-old woman", ("92-year-old", "age", 92, "year", None)),
        ("imposed sweeping 145% tariffs", ("145%", "percent", 145, "percent", None)),
        ("at 50.8 percent.", ("50.8 percent", "percent", 50.8, "percent", None)),
        ("rose 3.5 per cent", ("3.5 per cent", "percent", 3.5, "percent", None)),
        (
            "up 2.5 percentage points",
            ("2.5 percentage points", "percent", 2.5, "percentage_point", None),
        ),
        ("totaled nearly $600 billion", ("nearly $600 billion", "money", 600e9, "USD", "nearly")),
        ("a fine of US$86,000.", ("US$86,000", "money", 86000, "USD", None)),
        ("worth US$3.4 trillion", ("US$3.4 trillion", "money", 3.4e12, "USD", None)),
        ("a $1.2bn deal", ("$1.2bn", "money", 1.2e9, "USD", None)),
        ("€5m in fines", ("€5m", "money", 5e6, "EUR", None)),
        ("£3 billion", ("£3 billion", "money", 3e9, "GBP", None)),
        ("¥500 million", ("¥500 million", "money", 5e8, "JPY", None)),
        ("2 million euros", ("2 million euros", "money", 2e6, "EUR", None)),
        ("3,000 yuan", ("3,000 yuan", "money", 3000, "CNY", None)),
        ("seventy-five people", ("seventy-five", "count", 75, None, None)),
        ("a third of voters", ("a third", "fraction", 1 / 3, "fraction", None)),
        ("over half a million doses", ("over half a million", "count", 5e5, None, "over")),
        ("more than a dozen primaries", ("more than a dozen", "count", 12, None, "more than")),
        ("about eight kilometers away", ("about eight kilometers", "measure", 8, "km", "about")),
        (
            "around 50\u00a0m (165\u00a0ft) apart",
            ("around 50\u00a0m", "measure", 50, "m", "around"),
        ),
        ("at least 23 hours per day", ("at least 23 hours", "duration", 23, "hour", "at least")),
        ("In 2024, trade", ("2024", "year", 2024, "date", None)),
        ("this was the second call", ("second", "ordinal", 2, None, None)),
        ("the world's second-largest economy", ("second-largest", "ordinal", 2, None, None)),
    ],
)
def test_values(text, expected):
    assert expected in [
        (t, k, v if v is None else pytest.approx(v), u, q) for t, k, v, u, q in hits(text)
    ]


@pytest.mark.parametrize(
    ("text", "span", "low", "high", "unit"),
    [
        ("tariffs of 10–15%", "10–15%", 10, 15, "percent"),
        ("between 10 and 15 percent", "between 10 and 15 percent", 10, 15, "percent"),
        ("costs Africa between $5 and $7 billion", "between $5 and $7 billion", 5e9, 7e9, "USD"),
        ("about 16–17 percent of trade", "about 16–17 percent", 16, 17, "percent"),
        ("two to three days", "two to three days", 2, 3, "day"),
    ],
)
def test_ranges(text, span, low, high, unit):
    (h,) = [h for h in find_numbers(text) if text[h.start : h.end] == span]
    assert h.kind == "range"
    assert (h.value, h.extra["value_max"], h.unit) == (
        pytest.approx(low),
        pytest.approx(high),
        unit,
    )


def test_change_is_not_a_range():
    assert [t for t, *_ in hits("it rose 5% to 10%")] == ["5%", "10%"]


@pytest.mark.parametrize(
    ("text", "span", "date"),
    [
        ("took place on January 17, prior", "January 17", "XXXX-01-17"),
        ("Friday, January 4, 2019", "Friday, January 4, 2019", "2019-01-04"),
        ("on 5 March 2020", "5 March 2020", "2020-03-05"),
        ("since May 2025", "May 2025", "2025-05"),
        ("In April, his administration", "April", "XXXX-04"),
        ("during a May meeting", "May", "XXXX-05"),
        ("It began on Dec. 28, when", "Dec. 28", "XXXX-12-28"),
        ("published 2020-01-02", "2020-01-02", "2020-01-02"),
    ],
)
def test_dates(text, span, date):
    (h,) = [h for h in find_numbers(text) if text[h.start : h.end] == span]
    assert (h.kind, h.value, h.unit, h.extra["date"]) == ("date", None, "date", date)


def test_relative_dates_and_times_keep_text():
    found = hits("last Thursday at 6am, and this year at 4:00 A.M.")
    assert ("last Thursday", "date", None, "date", None) in found
    assert ("this year", "date", None, "date", None) in found
    assert [t for t, k, *_ in found if k == "time"] == ["6am", "4:00 A.M."]


@pytest.mark.parametrize(
    "text",
    [
        "Louis XIV met I and them",  # Roman numerals are never numbers
        "First Lady Melania Trump",  # honorific
        "the First Amendment and the Second World War",  # ordinals in names
        "the new iPhone 15 and the Boeing 737 MAX",  # product names
        "the Boeing 737-800 jet and the 737 Max",
        "Lion Air Flight 610 and Chapter 11",  # labels
        "COVID-19 and G7 and 5G",  # digits inside names
        "one of them said no one knew; a one-on-one call",  # bare "one"
        "Air Force One",  # capitalised number word mid-sentence
        "5m people",  # "m" is a scale only after a currency
        "on Thursday yesterday",  # bare weekdays and deictic words are not tagged
    ],
)
def test_not_numbers(text):
    assert hits(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He earns $18 an hour.", ("$18 an hour", "money", 18, "USD/hour", None)),
        ("gas at $4 a gallon", ("$4 a gallon", "money", 4, "USD/gallon", None)),
        ("paid $50,000 per year", ("$50,000 per year", "money", 50000, "USD/year", None)),
        ("driving at 80 km per hour", ("80 km per hour", "measure", 80, "km/hour", None)),
        ("56 COVID-19 deaths per day", ("56", "count", 56, None, None)),
        ("3 G7 leaders met", ("3", "count", 3, None, None)),
        ("millions of deaths", ("millions", "count", 1e6, None, None)),
        ("tens of thousands of people", ("tens of thousands", "count", 1e4, None, None)),
        ("dozens of earthquakes", ("dozens", "count", 12, None, None)),
        (
            "hundreds of millions of dollars",
            ("hundreds of millions of dollars", "money", 1e8, "USD", None),
        ),
        ("a 1/1024 chance", ("1/1024", "fraction", 1 / 1024, "fraction", None)),
        ("3/4 of voters", ("3/4", "fraction", 0.75, "fraction", None)),
        ("only 3/5ths of a vote", ("3/5ths", "fraction", 0.6, "fraction", None)),
        ("ranked No. 1 in the world", ("No. 1", "rank", 1, None, None)),
        ("the #1 best seller", ("#1", "rank", 1, None, None)),
        ("the number one priority", ("number one", "rank", 1, None, None)),
        ("the no. 2 official", ("no. 2", "rank", 2, None, None)),
    ],
)
def test_new_number_forms(text, expected):
    assert expected in [
        (t, k, v if v is None else pytest.approx(v), u, q) for t, k, v, u, q in hits(text)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "$2 billion a year ago",  # "a year ago" is no rate
        "it runs 24/7 and 50/50 odds",  # not fractions
        "No 10 said on Monday",  # Downing Street
        "on 12/25 we met",  # a month/day reading: no fraction
        "tens of people",  # "tens" alone is no magnitude
    ],
)
def test_new_forms_not_misread(text):
    for t, kind, _v, unit, _q in hits(text):
        assert kind not in ("fraction", "rank") and "/" not in (unit or ""), (t, kind, unit)


@pytest.mark.parametrize(
    ("text", "span", "iso"),
    [
        ("on 12/25/2020 at noon", "12/25/2020", "2020-12-25"),
        ("on 25/12/20 at noon", "25/12/20", "2020-12-25"),
        ("after the 9/11 attacks", "9/11", "2001-09-11"),
        ("Friday, January 4, 2019", "Friday, January 4, 2019", "2019-01-04"),
        ("on January 17 they", "January 17", "XXXX-01-17"),
        ("in May 2025 they", "May 2025", "2025-05"),
        ("in April they", "April", "XXXX-04"),
        ("In 2024, trade", "2024", "2024"),
        ("in the 1990s", "1990s", "199X"),
        ("from 2019-2020", "2019-2020", "2019/2020"),
        ("in mid-2017 the", "2017", "2017"),
        ("In the mid-1990s, a", "1990s", "199X"),
        ("this year", "this year", None),
    ],
)
def test_dates_carry_iso_8601(text, span, iso):
    (h,) = [h for h in find_numbers(text) if text[h.start : h.end] == span]
    assert h.extra["date"] == iso


def test_times_carry_iso_clock_time():
    text = "at 6am, 4 PM, 10:30 a.m. and 16:05"
    found = {text[h.start : h.end]: h.extra["time"] for h in find_numbers(text)}
    assert found == {"6am": "06:00", "4 PM": "16:00", "10:30 a.m.": "10:30", "16:05": "16:05"}


def test_possessive_before_number_is_not_a_label():
    assert [t for t, *_ in hits("Biden secured 39 of South Carolina's 54 delegates")] == [
        "39",
        "54",
    ]
