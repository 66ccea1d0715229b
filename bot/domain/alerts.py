"""Which payment alerts are due for a client on a day. Pure: sending once is storage's job.

Each alert has a key that is unique per team and names what it is about, so
recording the key makes an alert go out once however often imports and jobs
run:
- `overdue:<client>:<invoice>`: an open invoice reached the lateness threshold;
- `first_late:<client>`: the client's first late payment on record (strict-payer policy);
- `worsening:<client>:<day>`: average lateness worsened by more than the
  allowed days against the previous 90 days (the flow sends at most one per
  client in any 90 days, so a trend that stays bad is not repeated daily).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from bot.domain.lateness import ClientPaymentFacts, Invoice, days_late, days_past_due, first_late


class AlertKind(StrEnum):
    OVERDUE = "overdue"
    FIRST_LATE = "first_late"
    WORSENING = "worsening"


@dataclass(frozen=True)
class AlertPolicy:
    overdue_days: int = 15  # LATENESS_ALERT_DAYS
    strict: bool = False  # STRICT_PAYER_POLICY
    worsening_days: int = 10  # LATENESS_WORSENING_DAYS


@dataclass(frozen=True)
class DueAlert:
    kind: AlertKind
    key: str
    client_id: int
    invoice_number: str | None = None
    currency: str | None = None
    amount: Decimal | None = None  # the open amount (overdue) or the invoice amount (first late)
    due_on: date | None = None
    days: int | None = None  # days past due / days late
    open: bool = False  # first late: still unpaid
    disputed: bool = False
    recent: Decimal | None = None  # worsening: average days late, last 90 days
    previous: Decimal | None = None  # worsening: the 90 days before

    def details(self) -> dict[str, str | int | bool | None]:
        """A JSON-safe record of the alert (stored with it; amounts as exact strings)."""
        return {
            "invoice_number": self.invoice_number, "currency": self.currency,
            "amount": None if self.amount is None else str(self.amount),
            "due_on": None if self.due_on is None else self.due_on.isoformat(),
            "days": self.days, "open": self.open, "disputed": self.disputed,
            "recent": None if self.recent is None else str(self.recent),
            "previous": None if self.previous is None else str(self.previous),
        }

    @classmethod
    def from_details(cls, kind: str, key: str, client_id: int, details: dict) -> DueAlert:
        def dec(name: str) -> Decimal | None:
            return None if details.get(name) is None else Decimal(details[name])

        due = details.get("due_on")
        return cls(AlertKind(kind), key, client_id, details.get("invoice_number"), details.get("currency"),
                   dec("amount"), date.fromisoformat(due) if due else None, details.get("days"),
                   bool(details.get("open")), bool(details.get("disputed")), dec("recent"), dec("previous"))


@dataclass(frozen=True)
class RecordedAlert:
    """An alert as stored: what it said, when it was raised and when it reached the owners' channel."""

    alert: DueAlert
    created_at: datetime
    sent_at: datetime | None


def due_alerts(
    client_id: int, invoices: Sequence[Invoice], facts: ClientPaymentFacts, *, today: date, policy: AlertPolicy
) -> list[DueAlert]:
    """Every alert the client's invoices call for today (already-sent ones included; storage dedupes)."""
    alerts = [
        DueAlert(AlertKind.OVERDUE, f"overdue:{client_id}:{i.number}", client_id, i.number, i.currency,
                 i.open_amount, i.due_on, days_past_due(i.due_on, today), open=True, disputed=i.disputed)
        for i in invoices
        if i.is_open and not i.is_credit and days_past_due(i.due_on, today) >= policy.overdue_days
    ]
    if policy.strict and (late := first_late(invoices, today)) is not None:
        alerts.append(DueAlert(AlertKind.FIRST_LATE, f"first_late:{client_id}", client_id, late.number,
                               late.currency, late.amount, late.due_on, days_late(late, today),
                               open=late.is_open, disputed=late.disputed))
    change = facts.trend.change
    if change is not None and change > policy.worsening_days:
        alerts.append(DueAlert(AlertKind.WORSENING, f"worsening:{client_id}:{today.isoformat()}", client_id,
                               days=int(change), recent=facts.trend.recent, previous=facts.trend.previous))
    return alerts
