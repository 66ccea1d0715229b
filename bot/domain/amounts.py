"""Money as people type it: "1.234,56 €", "$1,234.56", "EUR 1234", "-12,50". Exact decimals, never floats."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from bot.i18n import MsgError, N_

CURRENCY_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "CHF": "CHF", "kr": "SEK", "zł": "PLN"}
_CODE = re.compile(r"\b([A-Z]{3})\b")


AMOUNT_LIMIT = Decimal(10) ** 12  # amounts are stored as NUMERIC(14, 2)


class AmountError(MsgError):
    """An amount that cannot be read. Raised with a Msg: `message` in any language, str() in English."""


def parse_amount(raw: str, *, decimal_comma: bool | None = None) -> tuple[Decimal, str | None]:
    """(amount, currency code or None) from a typed amount.

    With decimal_comma=None the separator is guessed: the last of "," and "."
    is the decimal mark when followed by 1–2 digits (or by 3 digits when the
    other mark also appears), else a thousands separator.
    """
    text = raw.strip().replace("\u00a0", " ").replace("\u202f", " ")
    if not text:
        raise AmountError(N_("empty amount"))
    currency = None
    for symbol, code in CURRENCY_SYMBOLS.items():
        if symbol in text:
            currency, text = code, text.replace(symbol, "")
    if match := _CODE.search(text.upper()):
        currency = match.group(1)
        text = re.sub(match.group(1), "", text, flags=re.IGNORECASE)
    negative = text.strip().startswith("-") or (text.strip().startswith("(") and text.strip().endswith(")"))
    digits = re.sub(r"[\s'()+-]", "", text)
    if not re.fullmatch(r"[\d.,]+", digits) or not re.search(r"\d", digits):
        raise AmountError(N_("“{value}” is not an amount", value=raw))
    digits = _plain_number(digits, decimal_comma)
    try:
        value = Decimal(digits)
    except InvalidOperation:
        raise AmountError(N_("“{value}” is not an amount", value=raw)) from None
    if abs(value) >= AMOUNT_LIMIT:
        raise AmountError(N_("“{value}” is too large (at most {max})", value=raw, max=AMOUNT_LIMIT - Decimal("0.01")))
    if value.as_tuple().exponent < -2:  # type: ignore[operator]
        raise AmountError(N_("“{value}” has more than 2 decimals", value=raw))
    return (-value if negative else value), currency


def _plain_number(digits: str, decimal_comma: bool | None) -> str:
    if decimal_comma is True:
        return digits.replace(".", "").replace(",", ".")
    if decimal_comma is False:
        return digits.replace(",", "")
    last_comma, last_dot = digits.rfind(","), digits.rfind(".")
    if last_comma == -1 and last_dot == -1:
        return digits
    mark = "," if last_comma > last_dot else "."
    other = "." if mark == "," else ","
    decimals = len(digits) - max(last_comma, last_dot) - 1
    whole = digits[: max(last_comma, last_dot)].replace(other, "")
    if digits.count(mark) > 1 or (decimals == 3 and other not in digits and whole not in ("", "0")):
        return digits.replace(mark, "").replace(other, "")  # "1.234.567" / "1,234": thousands only
    return digits.replace(other, "").replace(mark, ".")
