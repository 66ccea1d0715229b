"""Translator: one language's catalog plus Babel's number, money and date formats."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal
from functools import lru_cache
from typing import Any

from babel import Locale
from babel.dates import format_date, format_datetime, format_time, format_timedelta
from babel.numbers import format_decimal, format_percent, get_currency_symbol, parse_pattern

from bot.i18n.catalogs import load_translations

DEFAULT_LANGUAGE = "en"
# Language code → its name in that language, in the order settings and help list them.
LANGUAGES: Mapping[str, str] = {"en": "English", "it": "Italiano", "nl": "Nederlands", "fr": "Français",
                                "de": "Deutsch"}


def language_of(locale: str | None) -> str | None:
    """Our language for a Slack locale ("it-IT" → "it", "nl_BE" → "nl"), or None when we don't speak it."""
    code = (locale or "").replace("_", "-").split("-")[0].strip().lower()
    return code if code in LANGUAGES else None


@dataclass(frozen=True)
class Money:
    """An amount in a currency (ISO 4217 code, or None when unknown): formatted by the translator."""

    amount: Decimal
    currency: str | None


@dataclass(frozen=True)
class Totals:
    """Amounts per currency (code → amount), shown side by side and never summed: "4.200 € + 300 $"."""

    by_currency: Mapping[str, Decimal]


@dataclass(frozen=True)
class Msg:
    """A text to be translated later, by whoever shows it (`Translator.text`)."""

    singular: str
    plural: str | None = None
    n: int | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:  # English, for logs and exceptions
        return translator(DEFAULT_LANGUAGE).text(self)


class MsgError(ValueError):
    """Bad input, raised with a Msg: `message` shows it in any language, str() in English."""

    @property
    def message(self) -> Msg:
        return self.args[0]


def N_(message: str, /, **params: Any) -> Msg:  # noqa: N802 - the gettext convention for "mark, translate later"
    return Msg(message, params=params)


def lazy_ngettext(singular: str, plural: str, n: int, /, **params: Any) -> Msg:
    return Msg(singular, plural, n, params)


class Translator:
    """Texts and formats for one language. Get one with `translator(lang)`; they are shared and immutable."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.locale = Locale.parse(language)
        self._catalog = load_translations(language)
        # The locale's money pattern, parsed once: with cents, and without them for whole amounts.
        standard = self.locale.currency_formats["standard"].pattern.split(";")[0]
        self._money_cents, self._money_whole = parse_pattern(standard), parse_pattern(standard)
        self._money_whole.frac_prec = (0, 0)

    def __repr__(self) -> str:
        return f"Translator({self.language!r})"

    # --- texts -------------------------------------------------------------------------------
    def gettext(self, message: str, /, **params: Any) -> str:
        return self._fill(self._catalog.gettext(message), params)

    def ngettext(self, singular: str, plural: str, n: int, /, **params: Any) -> str:
        return self._fill(self._catalog.ngettext(singular, plural, n), {"n": n, **params})

    def text(self, value: Msg | str) -> str:
        """A Msg in this language; a plain str (a user's own words, an owner's label) as it is."""
        if isinstance(value, str):
            return value
        if value.plural is None:
            return self.gettext(value.singular, **value.params)
        return self.ngettext(value.singular, value.plural, value.n or 0, **value.params)

    def _fill(self, text: str, params: Mapping[str, Any]) -> str:
        if not params:
            return text
        return _FORMATTER.vformat(text, (), _Formatted(self, params))

    # --- numbers, money, dates -----------------------------------------------------------------
    def number(self, value: int | float | Decimal, *, digits: int | None = None) -> str:
        """1234.5 → "1.234,5" (it). `digits` fixes the number of decimals."""
        if digits is not None:
            return format_decimal(value, format=f"#,##0.{'0' * digits}" if digits else "#,##0", locale=self.locale)
        return format_decimal(value, locale=self.locale)

    def percent(self, fraction: float) -> str:
        return format_percent(fraction, locale=self.locale)

    def money(self, amount: Decimal, currency: str | None) -> str:
        """`amount` in `currency` the locale's way ("1.234,56 €" in it, "€ 1.234,56" in nl), without cents
        when whole; no currency: a plain number."""
        whole = amount == amount.to_integral_value()
        if not currency:
            return self.number(amount, digits=0 if whole else 2)
        pattern = self._money_whole if whole else self._money_cents
        text = pattern.apply(amount, self.locale, currency=currency, currency_digits=False)
        symbol = get_currency_symbol(currency, locale=self.locale)
        if symbol.isalpha() and len(symbol) > 1 and symbol + "\u00a0" not in text and "\u00a0" + symbol not in text:
            text = text.replace(symbol, symbol + "\u00a0", 1) if text.startswith(symbol) else text.replace(
                symbol, "\u00a0" + symbol, 1)
        return text

    def money_totals(self, totals: Mapping[str, Decimal]) -> str:
        """Per-currency totals joined, largest first ("4.200 € + 300 $"), or "" when empty. Never summed."""
        parts = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
        return " + ".join(self.money(amount, currency) for currency, amount in parts if amount)

    def date(self, day: date, *, format: str = "medium") -> str:  # noqa: A002 - Babel's name
        """23 nov 2026 (it), 23 nov. 2026 (fr); format "short"/"long"/"full" or a CLDR pattern such as "EEE d MMM"."""
        return format_date(day, format=format, locale=self.locale)

    def time(self, moment: datetime, *, format: str = "short") -> str:  # noqa: A002
        return format_time(moment, format=format, locale=self.locale)

    def datetime(self, moment: datetime, *, format: str = "medium") -> str:  # noqa: A002
        return format_datetime(moment, format=format, locale=self.locale, tzinfo=moment.tzinfo)

    def relative(self, delta: timedelta, *, granularity: str = "second") -> str:
        """"in 3 days" / "3 giorni fa": `delta` is the moment minus now."""
        return format_timedelta(delta, add_direction=True, granularity=granularity, locale=self.locale)


class _Formatted(Mapping[str, Any]):
    """Placeholder values as this translator shows them: numbers, dates, Money, Totals, Msg."""

    def __init__(self, translator: Translator, params: Mapping[str, Any]) -> None:
        self._t, self._params = translator, params

    def __getitem__(self, key: str) -> Any:
        value, t = self._params[key], self._t
        if isinstance(value, bool):
            return str(value)
        if isinstance(value, Msg):
            return t.text(value)
        if isinstance(value, Money):
            return t.money(value.amount, value.currency)
        if isinstance(value, Totals):
            return t.money_totals(value.by_currency)
        if isinstance(value, (int, float, Decimal)):
            return t.number(value)
        if isinstance(value, datetime):
            return t.datetime(value)
        if isinstance(value, date):
            return t.date(value)
        return value

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(self._params)

    def __len__(self) -> int:
        return len(self._params)


class _Formatter(string.Formatter):
    def get_value(self, key, args, kwargs):  # type: ignore[no-untyped-def, override]
        return kwargs[key]


_FORMATTER = _Formatter()


@lru_cache(maxsize=None)
def translator(language: str | None) -> Translator:
    """The shared Translator for `language`; English for None or a language we don't speak."""
    return Translator(language if language in LANGUAGES else DEFAULT_LANGUAGE)
