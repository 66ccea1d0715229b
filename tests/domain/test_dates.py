"""Dates as exports write them; the day/month order is never guessed silently."""

from __future__ import annotations

from datetime import date

import pytest

from bot.domain.dates import parse_date


@pytest.mark.parametrize(("text", "dayfirst", "expected"), [
    ("2025-03-14", False, date(2025, 3, 14)),
    ("2025-03-14", True, date(2025, 3, 14)),
    ("2025-03-14T00:00:00", False, date(2025, 3, 14)),
    ("2025/03/14", True, date(2025, 3, 14)),
    ("03/14/2025", False, date(2025, 3, 14)),
    ("14/03/2025", True, date(2025, 3, 14)),
    ("04/03/2025", False, date(2025, 4, 3)),
    ("04/03/2025", True, date(2025, 3, 4)),
    ("14.03.2025", True, date(2025, 3, 14)),
    ("14-03-25", True, date(2025, 3, 14)),
    ("14 Mar 2025", False, date(2025, 3, 14)),
    ("14-Mar-2025", False, date(2025, 3, 14)),
    ("Mar 14, 2025", True, date(2025, 3, 14)),
    ("14 marzo 2025", False, date(2025, 3, 14)),
    ("14 mars 2025", False, date(2025, 3, 14)),
    ("14 mrt 2025", False, date(2025, 3, 14)),
    ("1 févr. 2025", False, date(2025, 2, 1)),
    (" 2025-01-02 ", False, date(2025, 1, 2)),
])
def test_dates(text, dayfirst, expected):
    assert parse_date(text, dayfirst=dayfirst) == expected


@pytest.mark.parametrize(("text", "dayfirst", "words"), [
    ("14/03/2025", False, "use --dayfirst"),
    ("03/14/2025", True, "drop --dayfirst"),
    ("31/02/2025", True, "is not a date"),
    ("2025-13-01", False, "is not a date"),
    ("next tuesday", False, "is not a date"),
    ("14 Foo 2025", False, "is not a date"),
    ("", False, "is not a date"),
])
def test_bad_dates_say_why(text, dayfirst, words):
    with pytest.raises(ValueError) as caught:
        parse_date(text, dayfirst=dayfirst)
    assert words in str(caught.value)
