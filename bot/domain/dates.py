"""Calendar days as exports write them: "2025-03-14", "14/03/2025", "03/14/2025", "14.03.25", "14 Mar 2025"."""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from bot.i18n import MsgError, N_

MONTHS = {name: number for number, names in enumerate((
    ("jan", "january", "gen", "gennaio", "janv", "janvier", "januari"),
    ("feb", "february", "febbraio", "fev", "fevr", "févr", "février", "fevrier", "februari"),
    ("mar", "march", "marzo", "mars", "maart", "mrt"),
    ("apr", "april", "aprile", "avr", "avril"),
    ("may", "maggio", "mag", "mai", "mei"),
    ("jun", "june", "giu", "giugno", "juin", "juni"),
    ("jul", "july", "lug", "luglio", "juil", "juillet", "juli"),
    ("aug", "august", "ago", "agosto", "aout", "août", "augustus"),
    ("sep", "sept", "september", "set", "settembre", "septembre"),
    ("oct", "october", "ott", "ottobre", "octobre", "okt", "oktober"),
    ("nov", "november", "novembre"),
    ("dec", "december", "dic", "dicembre", "déc", "décembre", "decembre"),
), start=1) for name in names}

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.+\-Z]*)?")
_NUMERIC = re.compile(r"(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{2,4})(?: [\d:]+(?: ?[AP]M)?)?", re.IGNORECASE)
_DAY_MONTH = re.compile(r"(\d{1,2})[ \-]([^\W\d_]+)\.?[ \-,]+(\d{2,4})")
_MONTH_DAY = re.compile(r"([^\W\d_]+)\.? (\d{1,2}),? (\d{4})")


class DateError(MsgError):
    """A day that cannot be read. Raised with a Msg: `message` in any language, str() in English."""


def _year(text: str) -> int:
    year = int(text)
    return 2000 + year if len(text) == 2 else year


def _make(raw: str, year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise DateError(N_("“{value}” is not a date", value=raw)) from None


@lru_cache(maxsize=4096)  # exports repeat the same few hundred days
def parse_date(raw: str, *, dayfirst: bool = False) -> date:
    """A calendar day. Numeric dates are month-first (03/14/2025) unless `dayfirst` (14/03/2025);
    a date that only fits the other order is an error that says so, never silently swapped."""
    text = " ".join(raw.strip().split())
    if match := _ISO.fullmatch(text):
        return _make(raw, int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if match := _NUMERIC.fullmatch(text):
        first, second, year = match.group(1), match.group(2), match.group(3)
        if len(first) == 4:  # 2025/03/14
            return _make(raw, int(first), int(second), int(year))
        day, month = (int(first), int(second)) if dayfirst else (int(second), int(first))
        if month > 12 and day <= 12:
            if dayfirst:
                raise DateError(N_("“{value}” is not a day-first (DD/MM/YYYY) date; if the file writes dates the "
                                   "other way, drop --dayfirst", value=raw))
            raise DateError(N_("“{value}” is not a month-first (MM/DD/YYYY) date; if the file writes dates the "
                               "other way, use --dayfirst (or DAYFIRST=true)", value=raw))
        return _make(raw, _year(year), month, day)
    for pattern, order in ((_DAY_MONTH, "dmy"), (_MONTH_DAY, "mdy")):
        if match := pattern.fullmatch(text):
            day_text, month_text = (match.group(1), match.group(2)) if order == "dmy" else (match.group(2), match.group(1))
            month = MONTHS.get(month_text.casefold())
            if month is None:
                break
            return _make(raw, _year(match.group(3)), month, int(day_text))
    if dayfirst:
        raise DateError(N_("“{value}” is not a date (expected e.g. 2025-03-14, 14/03/2025 or 14 Mar 2025)", value=raw))
    raise DateError(N_("“{value}” is not a date (expected e.g. 2025-03-14, 03/14/2025 or 14 Mar 2025)", value=raw))
