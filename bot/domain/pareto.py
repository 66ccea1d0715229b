"""Pareto: which few clients bring how much revenue and how many red flags.

"3 clients bring 8% of MRR and 61% of red flags": the top fifth of clients by
red flags (at least one client), with their share of monthly revenue and of
red flags. Revenue is only comparable within one currency, so the caller
passes the clients whose MRR is known in one currency.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from bot.i18n import N_, Msg, lazy_ngettext

TOP_FRACTION = 0.2


@dataclass(frozen=True)
class ClientShare:
    client_id: int
    name: str
    mrr: Decimal
    red_flags: int


@dataclass(frozen=True)
class ShareRow:
    name: Msg | str  # a client's name as written, or "Others (8)"
    revenue_share: float  # 0..1
    flag_share: float  # 0..1


@dataclass(frozen=True)
class ParetoLine:
    names: tuple[str, ...]  # the top clients by red flags
    revenue_share: float
    flag_share: float
    clients_counted: int
    currency: str

    def sentence(self) -> Msg:
        """ "3 clients bring 8% of MRR and 73% of red flags", to show with t.text(...)."""
        return lazy_ngettext("{n} client brings {revenue} of MRR and {flags} of red flags",
                             "{n} clients bring {revenue} of MRR and {flags} of red flags", len(self.names),
                             revenue=_percent(self.revenue_share), flags=_percent(self.flag_share))


def _percent(share: float) -> Msg:
    if share >= 0.01 or share == 0:
        return N_("{percent}%", percent=round(share * 100))
    return N_("<1%")


def pareto(rows: Sequence[ClientShare], *, currency: str, top_fraction: float = TOP_FRACTION) -> ParetoLine | None:
    """The Pareto line, or None when there is no revenue or no red flag to compare."""
    total_mrr = sum((r.mrr for r in rows), Decimal(0))
    total_flags = sum(r.red_flags for r in rows)
    if total_mrr <= 0 or total_flags <= 0:
        return None
    count = max(1, round(top_fraction * len(rows)))
    ranked = sorted(rows, key=lambda r: (-r.red_flags, r.mrr, r.name.casefold()))
    top = [r for r in ranked[:count] if r.red_flags > 0]
    return ParetoLine(
        names=tuple(r.name for r in top),
        revenue_share=float(sum((r.mrr for r in top), Decimal(0)) / total_mrr),
        flag_share=sum(r.red_flags for r in top) / total_flags,
        clients_counted=len(rows),
        currency=currency,
    )


def share_rows(rows: Sequence[ClientShare], *, limit: int = 12) -> list[ShareRow]:
    """Per-client shares for the chart, most red flags first; the rest summed as "Others"."""
    total_mrr = sum((r.mrr for r in rows), Decimal(0))
    total_flags = sum(r.red_flags for r in rows)
    if total_mrr <= 0 or total_flags <= 0:
        return []
    ranked = sorted(rows, key=lambda r: (-r.red_flags, -r.mrr, r.name.casefold()))

    def row(name: str, group: Sequence[ClientShare]) -> ShareRow:
        return ShareRow(name, float(sum((r.mrr for r in group), Decimal(0)) / total_mrr),
                        sum(r.red_flags for r in group) / total_flags)

    shown = [row(r.name, [r]) for r in ranked[:limit]]
    if len(ranked) > limit:
        shown.append(row(N_("Others ({n})", n=len(ranked) - limit), ranked[limit:]))
    return shown


def main_currency(currencies: Sequence[str | None]) -> str | None:
    """The currency most clients' MRR is in (ties: alphabetical), or None."""
    counts: dict[str, int] = {}
    for currency in currencies:
        if currency:
            counts[currency] = counts.get(currency, 0) + 1
    return min(counts, key=lambda c: (-counts[c], c)) if counts else None
