"""One line of a client-directory CSV: name, aliases, MRR and currency, external id, account owner."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from bot.domain.amounts import AmountError, parse_amount

NAME_MAX = 75
COLUMNS = ("name", "aliases", "mrr", "currency", "external_id", "account_owner")
COLUMN_ALIASES = {"monthly recurring revenue": "mrr", "external id": "external_id", "account owner": "account_owner"}


@dataclass(frozen=True)
class ClientRow:
    name: str
    aliases: tuple[str, ...]
    mrr: Decimal | None
    currency: str | None
    external_id: str | None
    account_owner: str | None


def parse_client_row(values: dict[str, str]) -> ClientRow:
    """Raises ValueError with a message fit for "line N: <message>"."""
    get = {COLUMN_ALIASES.get(k, k): v for k, v in values.items()}.get
    name = " ".join((get("name") or "").split())
    if not name:
        raise ValueError("the name is empty")
    if len(name) > NAME_MAX:
        raise ValueError(f"the name is longer than {NAME_MAX} characters")
    aliases = tuple(a.strip() for a in re.split(r"[;|]", get("aliases") or "") if a.strip())
    mrr, currency = None, (get("currency") or "").strip().upper() or None
    if raw := (get("mrr") or "").strip():
        try:
            mrr, symbol_currency = parse_amount(raw)
        except AmountError as error:
            raise ValueError(f"monthly recurring revenue: {error}") from None
        if mrr < 0:
            raise ValueError("monthly recurring revenue cannot be negative")
        if currency and symbol_currency and currency != symbol_currency:
            raise ValueError(f"currency {currency} does not match the amount's {symbol_currency}")
        currency = currency or symbol_currency
        if currency is None:
            raise ValueError("monthly recurring revenue needs a currency (a currency column or a symbol such as €)")
    if currency is not None and not re.fullmatch(r"[A-Z]{3}", currency):
        raise ValueError(f"currency “{currency}” is not a 3-letter code such as EUR")
    return ClientRow(name, aliases, mrr, currency, (get("external_id") or "").strip() or None,
                     (get("account_owner") or "").strip() or None)
