"""One line of a client-directory CSV: name, aliases, MRR and currency, external id, account owner."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

from bot.domain.amounts import AmountError, parse_amount
from bot.i18n import N_, Msg

NAME_MAX = 75  # Slack shows at most 75 characters of an option
ALIAS_MAX = 200
TEXT_MAX = 100  # external id, account owner
COLUMNS = ("name", "aliases", "mrr", "currency", "external_id", "account_owner")
COLUMN_ALIASES = {"monthly recurring revenue": "mrr", "external id": "external_id", "account owner": "account_owner"}  # untranslated: header spellings


@dataclass(frozen=True)
class ClientRow:
    name: str
    aliases: tuple[str, ...]
    mrr: Decimal | None
    currency: str | None
    external_id: str | None
    account_owner: str | None


def client_name(raw: str) -> str:
    """A client's name with spaces tidied; ValueError (with a Msg) if empty, too long or holding control characters."""
    name = " ".join(raw.split())
    if not name:
        raise ValueError(N_("the name is empty"))
    if len(name) > NAME_MAX:
        raise ValueError(N_("the name is longer than {max} characters", max=NAME_MAX))
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        raise ValueError(N_("the name contains control characters"))
    return name


def _limited(label: Msg | str, value: str, limit: int) -> str:
    if len(value) > limit:
        raise ValueError(N_("{field} is longer than {max} characters", field=label, max=limit))
    if any(unicodedata.category(ch) == "Cc" for ch in value):
        raise ValueError(N_("{field} contains control characters", field=label))
    return value


def parse_client_row(values: dict[str, str]) -> ClientRow:
    """Raises ValueError with a Msg fit for "line N: <message>" (str() of the error is its English text)."""
    get = {COLUMN_ALIASES.get(k, k): v for k, v in values.items()}.get
    name = client_name(get("name") or "")
    aliases = tuple(_limited(N_("the alias “{alias}”", alias=a.strip()[:30]), a.strip(), ALIAS_MAX)
                    for a in re.split(r"[;|]", get("aliases") or "") if a.strip())
    mrr, currency = None, (get("currency") or "").strip().upper() or None
    if raw := (get("mrr") or "").strip():
        try:
            mrr, symbol_currency = parse_amount(raw)
        except AmountError as error:
            raise ValueError(N_("{field}: {problem}", field=N_("monthly recurring revenue"),
                                problem=error.message)) from None
        if mrr < 0:
            raise ValueError(N_("monthly recurring revenue cannot be negative"))
        if currency and symbol_currency and currency != symbol_currency:
            raise ValueError(N_("currency {currency} does not match the amount's {found}", currency=currency,
                                found=symbol_currency))
        currency = currency or symbol_currency
        if currency is None:
            raise ValueError(N_("monthly recurring revenue needs a currency (a currency column or a symbol such as €)"))
    if currency is not None and not re.fullmatch(r"[A-Z]{3}", currency):
        raise ValueError(N_("currency “{currency}” is not a 3-letter code such as EUR", currency=currency))
    external_id = _limited("external_id", (get("external_id") or "").strip(), TEXT_MAX) or None
    account_owner = _limited("account_owner", (get("account_owner") or "").strip(), TEXT_MAX) or None
    return ClientRow(name, aliases, mrr, currency, external_id, account_owner)
