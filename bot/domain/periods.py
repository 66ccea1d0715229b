"""Poll periods ("2026", "2026-Q4"), the `/worstclients start …` arguments, and the automatic schedule.

A yearly poll covers a calendar year, a quarterly poll a calendar quarter.
A poll closes at the end of its closing day in the team's time zone, so
"closes 2026-12-15" means people can vote all through 15 December.
The schedule (`POLL_AUTO_OPEN`) is `off`, `yearly MM-DD` (opens that day each
year, for that year) or `quarterly [DD]` (opens on day DD, default 1, of each
quarter's last month, for that quarter).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from bot.i18n import N_, Msg

MAX_DAYS_OPEN = 90
_PERIOD = re.compile(r"^(?:(\d{4})\s*-?\s*q([1-4])|q([1-4])\s*-?\s*(\d{4})|(\d{4}))$", re.IGNORECASE)
_CLOSE_WORDS = ("closes", "closing", "close", "until")


class Cadence(StrEnum):
    YEARLY = "yearly"
    QUARTERLY = "quarterly"


CADENCE_WORDS = {"yearly": Cadence.YEARLY, "annual": Cadence.YEARLY, "year": Cadence.YEARLY,
                 "quarterly": Cadence.QUARTERLY, "quarter": Cadence.QUARTERLY}


@dataclass(frozen=True)
class Period:
    """A calendar year (quarter None) or one quarter of it."""

    year: int
    quarter: int | None = None

    @property
    def cadence(self) -> Cadence:
        return Cadence.YEARLY if self.quarter is None else Cadence.QUARTERLY

    @property
    def label(self) -> str:
        return str(self.year) if self.quarter is None else f"{self.year}-Q{self.quarter}"

    def __str__(self) -> str:
        return self.label

    @property
    def shown(self) -> Msg | str:
        """How people read the period: "2026", or "Q4 2026" (translated) for a quarter."""
        if self.quarter is None:
            return str(self.year)
        return N_("Q{quarter} {year}", quarter=str(self.quarter), year=str(self.year))

    @property
    def first_day(self) -> date:
        return date(self.year, 1 if self.quarter is None else 3 * self.quarter - 2, 1)

    @property
    def last_day(self) -> date:
        if self.quarter is None or self.quarter == 4:
            return date(self.year, 12, 31)
        return date(self.year, 3 * self.quarter + 1, 1) - timedelta(days=1)

    def previous(self) -> Period:
        if self.quarter is None:
            return Period(self.year - 1)
        return Period(self.year, self.quarter - 1) if self.quarter > 1 else Period(self.year - 1, 4)


def shown_period(label: str) -> Msg | str:
    """A stored period label ("2026", "2026-Q4") as people read it (`Period.shown`); an unreadable one as is."""
    try:
        return parse_period(label).shown
    except ValueError:
        return label


def parse_period(text: str) -> Period:
    """ "2026", "2026-Q4", "2026q4", "Q4 2026" → Period; ValueError naming the text otherwise.

    The ValueErrors here carry a Msg (`error.args[0]`) for the person who typed the text; str() is English.
    """
    match = _PERIOD.match(text.strip())
    if not match:
        raise ValueError(N_("“{text}” is not a poll period: write a year like 2026 or a quarter like 2026-Q4.",
                            text=text))
    year_q, quarter, quarter_first, year_first, year_only = match.groups()
    if year_only:
        return Period(int(year_only))
    return Period(int(year_q or year_first), int(quarter or quarter_first))


def current_period(today: date, cadence: Cadence) -> Period:
    if cadence is Cadence.YEARLY:
        return Period(today.year)
    return Period(today.year, (today.month - 1) // 3 + 1)


def closing_moment(closes_on: date, tz: tzinfo) -> datetime:
    """The instant a poll closing on `closes_on` stops taking ballots: the end of that day, local time."""
    return datetime.combine(closes_on + timedelta(days=1), time(0, 0), tzinfo=tz)


@dataclass(frozen=True)
class StartRequest:
    period: Period
    closes_on: date


def parse_start(text: str, *, today: date, days_open: int) -> StartRequest:
    """Read what follows `/worstclients start`: `[yearly|quarterly|PERIOD] [closes YYYY-MM-DD]`.

    Raises ValueError with a message for the person who typed it.
    """
    words = text.lower().split()
    period, closes_on = current_period(today, Cadence.YEARLY), today + timedelta(days=days_open)
    if words and words[0] not in _CLOSE_WORDS:
        first = words.pop(0)
        period = current_period(today, CADENCE_WORDS[first]) if first in CADENCE_WORDS else parse_period(first)
    if words and words[0] in _CLOSE_WORDS:
        if len(words) < 2:
            raise ValueError(N_("Say when it closes, e.g. `closes 2026-12-15`."))
        closes_on = _parse_day(words[1])
        words = words[2:]
    if words:
        raise ValueError(N_("I don't understand “{words}”. Try `/worstclients start 2026-Q4 closes 2026-12-15`.",
                            words=" ".join(words)))
    _check_start(period, closes_on, today=today)
    return StartRequest(period, closes_on)


def _parse_day(word: str) -> date:
    try:
        return date.fromisoformat(word)
    except ValueError:
        raise ValueError(N_("“{word}” is not a date: write it as YYYY-MM-DD, e.g. 2026-12-15.", word=word)) from None


def _check_start(period: Period, closes_on: date, *, today: date) -> None:
    if closes_on <= today:
        raise ValueError(N_("The closing date {closes} is not after today ({today}).", closes=closes_on, today=today))
    if closes_on > today + timedelta(days=MAX_DAYS_OPEN):
        raise ValueError(N_("A poll can stay open at most {max} days; pick a closing date until {last}.",
                            max=MAX_DAYS_OPEN, last=today + timedelta(days=MAX_DAYS_OPEN)))
    if period.first_day > closes_on:
        raise ValueError(N_("The {period} poll would close before {period} begins.", period=period.shown))
    if period.last_day < today - timedelta(days=366):
        raise ValueError(N_("{period} is more than a year ago; polls are about the current or the last period.",
                            period=period.shown))


@dataclass(frozen=True)
class AutoOpen:
    """When polls open by themselves. `day` is the month-day (yearly) or day of the quarter's last month."""

    cadence: Cadence
    month: int
    day: int

    def opening_day(self, period: Period) -> date:
        month = self.month if period.quarter is None else 3 * period.quarter
        return date(period.year, month, self.day)


def parse_auto_open(text: str) -> AutoOpen | None:
    """ "off" → None; "yearly 12-01" → every 1 December; "quarterly" / "quarterly 15" → day 1 / 15 of
    March, June, September and December. ValueError otherwise (days 1–28 so every month has them)."""
    words = text.lower().replace(":", " ").replace("@", " ").split()
    if words in ([], ["off"], ["none"], ["no"], ["false"]):
        return None
    kind, rest = words[0], words[1:]
    if kind == "yearly" and len(rest) == 1 and (m := re.fullmatch(r"(\d{1,2})-(\d{1,2})", rest[0])):
        month, day = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12 and 1 <= day <= 28:
            return AutoOpen(Cadence.YEARLY, month, day)
    if kind == "quarterly" and (not rest or (len(rest) == 1 and rest[0].isdigit() and 1 <= int(rest[0]) <= 28)):
        return AutoOpen(Cadence.QUARTERLY, 0, int(rest[0]) if rest else 1)
    raise ValueError(N_("“{text}” is not a poll schedule: use off, yearly MM-DD (day 1–28) or quarterly [DD]",
                        text=text))


def due_opening(schedule: AutoOpen, today: date, *, days_open: int) -> StartRequest | None:
    """The scheduled poll that should be open today (its opening day has come and its closing
    day not yet passed), or None. A scheduler that was down on the day still opens it late."""
    period = current_period(today, schedule.cadence)
    opens_on = schedule.opening_day(period)
    closes_on = opens_on + timedelta(days=days_open)
    return StartRequest(period, closes_on) if opens_on <= today < closes_on else None


def next_opening(schedule: AutoOpen, today: date) -> tuple[Period, date]:
    """The next scheduled opening on or after today: (period, day)."""
    period = current_period(today, schedule.cadence)
    while schedule.opening_day(period) < today:
        period = Period(period.year + 1) if period.quarter is None else (
            Period(period.year, period.quarter + 1) if period.quarter < 4 else Period(period.year + 1, 1))
    return period, schedule.opening_day(period)
