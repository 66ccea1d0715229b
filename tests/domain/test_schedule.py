"""The weekly slot in Europe/Rome across daylight saving, catch-up within the grace period."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from bot.domain.schedule import Verdict, WeeklySlot, decide, digest_period, parse_week, slot_in_week

ROME = ZoneInfo("Europe/Rome")
MONDAY_9 = WeeklySlot(0, time(9, 0), ROME)
GRACE = timedelta(hours=24)


def decision_now(slot: WeeklySlot = MONDAY_9, grace: timedelta = GRACE):  # type: ignore[no-untyped-def]
    return decide(slot, datetime.now(ROME), grace=grace)


@pytest.mark.parametrize(("utc_now", "verdict", "week"), [
    # Winter time (CET, UTC+1): Monday 23 March 2026 09:00 is 08:00 UTC.
    ("2026-03-23 07:59:59", Verdict.MISSED, "2026-W12"),
    ("2026-03-23 08:00:00", Verdict.DUE, "2026-W13"),
    # Clocks go forward on Sunday 29 March: Monday 30 March 09:00 is 07:00 UTC.
    ("2026-03-30 06:59:59", Verdict.MISSED, "2026-W13"),
    ("2026-03-30 07:00:00", Verdict.DUE, "2026-W14"),
    # Summer time, then clocks go back on Sunday 25 October: Monday 26 October 09:00 is 08:00 UTC.
    ("2026-10-19 07:00:00", Verdict.DUE, "2026-W43"),
    ("2026-10-26 07:59:59", Verdict.MISSED, "2026-W43"),
    ("2026-10-26 08:00:00", Verdict.DUE, "2026-W44"),
])
def test_monday_nine_in_rome_stays_nine_across_daylight_saving(utc_now, verdict, week):
    with freeze_time(utc_now):
        decision = decision_now()
    assert (decision.verdict, decision.week) == (verdict, week)
    assert decision.slot_at.astimezone(ROME).time() == time(9, 0)


def test_a_time_that_does_not_exist_on_the_spring_forward_day_fires_just_after_the_gap():
    sunday_0230 = WeeklySlot(6, time(2, 30), ROME)
    at = slot_in_week(sunday_0230, "2026-W13")  # Sunday 29 March 2026: 02:00 → 03:00
    assert at.astimezone(timezone.utc) == datetime(2026, 3, 29, 1, 30, tzinfo=timezone.utc)
    assert at.astimezone(ROME).strftime("%H:%M %Z") == "03:30 CEST"
    with freeze_time("2026-03-29 01:29:59"):
        assert decision_now(sunday_0230).week == "2026-W12"
    with freeze_time("2026-03-29 01:30:00"):
        assert (decision_now(sunday_0230).verdict, decision_now(sunday_0230).week) == (Verdict.DUE, "2026-W13")


def test_a_time_that_happens_twice_on_the_fall_back_day_fires_at_its_first_occurrence():
    sunday_0230 = WeeklySlot(6, time(2, 30), ROME)
    at = slot_in_week(sunday_0230, "2026-W43")  # Sunday 25 October 2026: 03:00 → 02:00
    assert at.astimezone(timezone.utc) == datetime(2026, 10, 25, 0, 30, tzinfo=timezone.utc)
    with freeze_time("2026-10-25 01:30:00"):  # 02:30 again, now CET: still the same week's slot
        decision = decision_now(sunday_0230)
    assert (decision.week, decision.slot_at) == ("2026-W43", at)


@pytest.mark.parametrize(("late_by", "verdict"), [
    (timedelta(0), Verdict.DUE),
    (timedelta(hours=23, minutes=59), Verdict.DUE),
    (timedelta(hours=24), Verdict.DUE),
    (timedelta(hours=24, seconds=1), Verdict.MISSED),
    (timedelta(days=3), Verdict.MISSED),
])
def test_catch_up_inside_the_grace_period_and_skip_after_it(late_by, verdict):
    slot = datetime(2026, 11, 23, 9, 0, tzinfo=ROME)
    with freeze_time(slot + late_by):
        decision = decision_now()
    assert (decision.verdict, decision.week) == (verdict, "2026-W48")


def test_a_shorter_grace_period_is_respected():
    with freeze_time(datetime(2026, 11, 23, 12, 0, tzinfo=ROME)):
        assert decision_now(grace=timedelta(hours=2)).verdict is Verdict.MISSED
        assert decision_now(grace=timedelta(hours=4)).verdict is Verdict.DUE


def test_the_period_a_digest_covers_spans_the_clock_change():
    start, end = digest_period(MONDAY_9, "2026-W14")
    assert (start.astimezone(ROME).isoformat(), end.astimezone(ROME).isoformat()) == (
        "2026-03-23T09:00:00+01:00", "2026-03-30T09:00:00+02:00")
    assert end - start == timedelta(hours=167)


@pytest.mark.parametrize(("typed", "week"), [("2026-W48", "2026-W48"), ("2026w48", "2026-W48"), (" 2026-W1 ", "2026-W01"),
                                             ("2025-W53", None), ("2026-W53", "2026-W53"), ("48", None), ("2026-48", None)])
def test_parse_week(typed, week):
    if week is None:
        with pytest.raises(ValueError):
            parse_week(typed)
    else:
        assert parse_week(typed) == week


def test_decide_refuses_naive_times():
    with pytest.raises(ValueError):
        decide(MONDAY_9, datetime(2026, 11, 23, 9, 0), grace=GRACE)
