"""parse_date: ISO 8601 values take the standard library's fast path and mean exactly what
dateparser (every other form) makes of them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import dateparser  # type: ignore[import-untyped]
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_framework.exceptions import ValidationError

from factcheck.articles.imports import parse_date

DATEPARSER_SETTINGS = {"RETURN_AS_TIMEZONE_AWARE": True, "TIMEZONE": "UTC"}

moments = st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 12, 31))
offsets = st.sampled_from(["", "Z", "+00:00", "+02:00", "-05:30", "+14:00"])
forms = st.sampled_from(["date", "minutes", "seconds", "micro"])


def iso(moment: datetime, form: str, offset: str, sep: str) -> str:
    if form == "date":
        return moment.date().isoformat()
    spec = {"minutes": "minutes", "seconds": "seconds", "micro": "microseconds"}[form]
    return moment.isoformat(sep=sep, timespec=spec) + offset


@settings(max_examples=120, deadline=None)
@given(moments, forms, offsets, st.sampled_from(["T", " "]))
def test_iso_values_mean_what_dateparser_says(
    moment: datetime, form: str, offset: str, sep: str
) -> None:
    value = iso(moment, form, offset, sep)
    expected = dateparser.parse(value, settings=DATEPARSER_SETTINGS)
    got = parse_date(value)
    assert got is not None and got.tzinfo is not None
    if expected is None:  # dateparser misses a few ISO forms ("...T00:00-05:30")
        expected = datetime.fromisoformat(value)
        expected = expected if expected.tzinfo else expected.replace(tzinfo=UTC)
    assert got == expected, value  # the same instant


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2019-01-04", datetime(2019, 1, 4, tzinfo=UTC)),
        (" 2019-01-04 ", datetime(2019, 1, 4, tzinfo=UTC)),
        ("2019-01-04T10:30:00Z", datetime(2019, 1, 4, 10, 30, tzinfo=UTC)),
        (
            "2019-01-04 10:30+02:00",
            datetime(2019, 1, 4, 10, 30, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("4 January 2019", datetime(2019, 1, 4, tzinfo=UTC)),  # dateparser's
        ("", None),
    ],
)
def test_common_forms(value: str, expected: datetime | None) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["2019-02-30", "2019-13-01", "not a date"])
def test_impossible_dates_name_the_field(value: str) -> None:
    with pytest.raises(ValidationError) as error:
        parse_date(value)
    assert "published_at" in error.value.detail  # type: ignore[operator]
