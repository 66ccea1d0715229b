"""When the weekly digest is due: a weekday and a wall-clock time in the team's time zone.

"Monday 09:00 Europe/Rome" stays 09:00 local across the daylight-saving change
(07:00 UTC in summer, 08:00 UTC in winter).
A wall-clock time that does not exist on a spring-forward day (02:30) fires at
the first instant after the gap (03:30); one that happens twice on a fall-back
day fires at its first occurrence. Each slot belongs to one ISO week ("2026-W48"),
which is the key the digest is recorded under, so a slot can only ever be sent once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.i18n import N_

_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


@dataclass(frozen=True)
class WeeklySlot:
    weekday: int  # Monday=0 … Sunday=6
    at: time
    tz: ZoneInfo


class Verdict(StrEnum):
    DUE = "due"  # send now: the slot has passed and we are within the grace period
    MISSED = "missed"  # the latest slot passed longer ago than the grace period: skip that week


@dataclass(frozen=True)
class Decision:
    verdict: Verdict
    week: str  # the ISO week of the slot concerned, e.g. "2026-W48"
    slot_at: datetime  # that slot's instant, in UTC


def week_key(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(text: str) -> str:
    """"2026-W48", "2026W48" or "2026-w48" → "2026-W48"; ValueError for anything else (its Msg in
    `error.args[0]`, for the person who typed it; str() is English)."""
    match = _WEEK.match(text.strip())
    if not match:
        raise ValueError(N_("“{text}” is not an ISO week such as 2026-W48", text=text))
    year, week = int(match.group(1)), int(match.group(2))
    try:
        date.fromisocalendar(year, week, 1)
    except ValueError:
        raise ValueError(N_("{year} has no week {week}", year=str(year), week=week)) from None
    return f"{year}-W{week:02d}"


def _instant(day: date, at: time, tz: ZoneInfo) -> datetime:
    """`day` at wall-clock `at` in `tz`, in UTC: a gap moves forward, an overlap takes the first occurrence.

    Instants are kept in UTC because Python compares and subtracts two datetimes
    sharing one tzinfo by their wall-clock fields, which is wrong across a clock change.
    """
    # fold=0 (PEP 495) reads an ambiguous time with the offset in force before the change: for an
    # overlap that is the first occurrence, for a gap it lands as far after the gap as it was into it.
    return datetime.combine(day, at.replace(fold=0), tzinfo=tz).astimezone(timezone.utc)


def slot_in_week(slot: WeeklySlot, week: str) -> datetime:
    """The slot's instant (in UTC) in the ISO week `week` of the team's calendar."""
    year, number = (int(part) for part in parse_week(week).split("-W"))
    day = date.fromisocalendar(year, number, slot.weekday + 1)
    return _instant(day, slot.at, slot.tz)


def previous_week(week: str) -> str:
    year, number = (int(part) for part in parse_week(week).split("-W"))
    return week_key(date.fromisocalendar(year, number, 1) - timedelta(days=7))


def week_of(now: datetime, tz: ZoneInfo) -> str:
    return week_key(now.astimezone(tz).date())


def latest_slot(slot: WeeklySlot, now: datetime) -> tuple[str, datetime]:
    """(week, instant in UTC) of the most recent slot at or before `now`."""
    now = now.astimezone(timezone.utc)
    week = week_of(now, slot.tz)
    at = slot_in_week(slot, week)
    if at > now:
        week = previous_week(week)
        at = slot_in_week(slot, week)
    return week, at


def decide(slot: WeeklySlot, now: datetime, *, grace: timedelta) -> Decision:
    """Whether a digest is due at `now`.

    Always about the latest slot at or before `now`: DUE when no more than
    `grace` has passed since it (a scheduler that was down sends on its
    return), MISSED when more has (that week is skipped; the next slot is
    simply the next week's).
    """
    if now.tzinfo is None:
        raise ValueError("decide() needs an aware datetime")  # untranslated: a programmer error
    now = now.astimezone(timezone.utc)
    week, at = latest_slot(slot, now)
    return Decision(Verdict.DUE if now - at <= grace else Verdict.MISSED, week, at)


def digest_period(slot: WeeklySlot, week: str) -> tuple[datetime, datetime]:
    """[start, end) that the digest of `week` covers: from the previous week's slot to this one's."""
    return slot_in_week(slot, previous_week(week)), slot_in_week(slot, week)
