"""Poll periods, `/worstclients start …` arguments, closing moments and the automatic schedule."""

from __future__ import annotations

from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from bot.domain.periods import (
    AutoOpen,
    Cadence,
    Period,
    StartRequest,
    closing_moment,
    current_period,
    due_opening,
    next_opening,
    parse_auto_open,
    parse_period,
    parse_start,
)

TODAY = date(2026, 11, 20)


@pytest.mark.parametrize(("text", "period"), [
    ("2026", Period(2026)), ("2026-Q4", Period(2026, 4)), ("2026q1", Period(2026, 1)),
    ("Q3 2025", Period(2025, 3)), (" 2026 - q2 ", Period(2026, 2)), ("q4-2026", Period(2026, 4)),
])
def test_parse_period(text, period):
    assert parse_period(text) == period


@pytest.mark.parametrize("text", ["2026-Q5", "26", "Q4", "twenty", "2026-Q4-1", ""])
def test_parse_period_rejects_with_an_example(text):
    with pytest.raises(ValueError, match="2026-Q4"):
        parse_period(text)


@pytest.mark.parametrize(("period", "label", "first", "last", "previous"), [
    (Period(2026), "2026", date(2026, 1, 1), date(2026, 12, 31), Period(2025)),
    (Period(2026, 1), "2026-Q1", date(2026, 1, 1), date(2026, 3, 31), Period(2025, 4)),
    (Period(2026, 2), "2026-Q2", date(2026, 4, 1), date(2026, 6, 30), Period(2026, 1)),
    (Period(2026, 4), "2026-Q4", date(2026, 10, 1), date(2026, 12, 31), Period(2026, 3)),
])
def test_period_bounds(period, label, first, last, previous):
    assert (period.label, period.first_day, period.last_day, period.previous()) == (label, first, last, previous)
    assert period.cadence is (Cadence.YEARLY if period.quarter is None else Cadence.QUARTERLY)


def test_current_period():
    assert current_period(date(2026, 3, 31), Cadence.QUARTERLY) == Period(2026, 1)
    assert current_period(date(2026, 4, 1), Cadence.QUARTERLY) == Period(2026, 2)
    assert current_period(date(2026, 4, 1), Cadence.YEARLY) == Period(2026)


@pytest.mark.parametrize(("text", "expected"), [
    ("", StartRequest(Period(2026), date(2026, 12, 4))),
    ("quarterly", StartRequest(Period(2026, 4), date(2026, 12, 4))),
    ("yearly", StartRequest(Period(2026), date(2026, 12, 4))),
    ("2026-Q4 closes 2026-12-15", StartRequest(Period(2026, 4), date(2026, 12, 15))),
    ("2025 closes 2026-12-01", StartRequest(Period(2025), date(2026, 12, 1))),
    ("closes 2026-11-21", StartRequest(Period(2026), date(2026, 11, 21))),
    ("Quarterly Until 2027-01-10", StartRequest(Period(2026, 4), date(2027, 1, 10))),
])
def test_parse_start(text, expected):
    assert parse_start(text, today=TODAY, days_open=14) == expected


@pytest.mark.parametrize(("text", "words"), [
    ("2026-Q4 closes 2026-11-20", "not after today"),
    ("closes 2026-10-01", "not after today"),
    ("closes 15/12/2026", "YYYY-MM-DD"),
    ("closes", "Say when it closes"),
    ("closes 2027-06-01", "at most 90 days"),
    ("2027 closes 2026-12-15", "before 2027 begins"),
    ("2024", "more than a year ago"),
    ("2026-Q9", "2026-Q4"),
    ("2026-Q4 closes 2026-12-15 please", "don't understand “please”"),
])
def test_parse_start_explains_what_is_wrong(text, words):
    with pytest.raises(ValueError) as caught:
        parse_start(text, today=TODAY, days_open=14)
    assert words in str(caught.value)


def test_a_poll_closes_at_the_end_of_its_closing_day_local_time():
    moment = closing_moment(date(2026, 12, 15), ZoneInfo("Europe/Rome"))
    assert moment.astimezone(timezone.utc) == datetime(2026, 12, 15, 23, 0, tzinfo=timezone.utc)
    summer = closing_moment(date(2026, 7, 15), ZoneInfo("Europe/Rome"))
    assert summer.astimezone(timezone.utc) == datetime(2026, 7, 15, 22, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize(("text", "schedule"), [
    ("off", None), ("", None), ("OFF", None),
    ("yearly 12-01", AutoOpen(Cadence.YEARLY, 12, 1)),
    ("yearly:1-15", AutoOpen(Cadence.YEARLY, 1, 15)),
    ("quarterly", AutoOpen(Cadence.QUARTERLY, 0, 1)),
    ("quarterly 15", AutoOpen(Cadence.QUARTERLY, 0, 15)),
])
def test_parse_auto_open(text, schedule):
    assert parse_auto_open(text) == schedule


@pytest.mark.parametrize("text", ["yearly", "yearly 13-01", "yearly 02-30", "monthly", "quarterly 31", "quarterly x"])
def test_parse_auto_open_rejects(text):
    with pytest.raises(ValueError, match="yearly MM-DD"):
        parse_auto_open(text)


def test_yearly_schedule_is_due_from_its_day_until_its_closing_day():
    schedule = AutoOpen(Cadence.YEARLY, 12, 1)
    assert due_opening(schedule, date(2026, 11, 30), days_open=14) is None
    assert due_opening(schedule, date(2026, 12, 1), days_open=14) == StartRequest(Period(2026), date(2026, 12, 15))
    # Down on the day: still opened late, with the same closing day.
    assert due_opening(schedule, date(2026, 12, 9), days_open=14) == StartRequest(Period(2026), date(2026, 12, 15))
    assert due_opening(schedule, date(2026, 12, 15), days_open=14) is None


def test_quarterly_schedule_opens_in_each_quarters_last_month():
    schedule = AutoOpen(Cadence.QUARTERLY, 0, 10)
    assert due_opening(schedule, date(2026, 6, 10), days_open=7) == StartRequest(Period(2026, 2), date(2026, 6, 17))
    assert due_opening(schedule, date(2026, 5, 10), days_open=7) is None
    assert due_opening(schedule, date(2026, 12, 16), days_open=7) == StartRequest(Period(2026, 4), date(2026, 12, 17))


def test_next_opening():
    assert next_opening(AutoOpen(Cadence.YEARLY, 12, 1), date(2026, 12, 2)) == (Period(2027), date(2027, 12, 1))
    assert next_opening(AutoOpen(Cadence.YEARLY, 12, 1), date(2026, 12, 1)) == (Period(2026), date(2026, 12, 1))
    assert next_opening(AutoOpen(Cadence.QUARTERLY, 0, 1), date(2026, 12, 2)) == (Period(2027, 1), date(2027, 3, 1))
    assert next_opening(AutoOpen(Cadence.QUARTERLY, 0, 1), date(2026, 7, 2)) == (Period(2026, 3), date(2026, 9, 1))
