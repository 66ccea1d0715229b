"""Payment lateness as people read it: the owners' alert messages and the per-client facts as text."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject, SectionBlock

from bot.domain.alerts import AlertKind, DueAlert
from bot.domain.lateness import Bucket, ClientPaymentFacts
from bot.i18n import N_, Money, Msg, Translator, lazy_ngettext
from bot.views.text import escape, excerpt

INVOICES_SHOWN = 10


def alert_line(alert: DueAlert) -> Msg:
    """One alert as one line of mrkdwn, to translate when shown (also in the weekly digest and App Home).
    The client name is not in it; the invoice number is escaped."""
    if alert.kind is AlertKind.WORSENING:
        return N_("Paying later: {recent} days late on average over the last 90 days, against {previous} in the 90 "
                  "days before", recent=alert.recent if alert.recent is not None else "–",
                  previous=alert.previous if alert.previous is not None else "–")
    facts = {"number": escape(alert.invoice_number or ""), "due": alert.due_on or "–",
             "amount": Money(alert.amount, alert.currency) if alert.amount is not None else "–"}
    days = alert.days or 0
    if alert.kind is AlertKind.OVERDUE:
        line = lazy_ngettext("Invoice {number}: {amount} open, {n} day past due (due {due})",
                             "Invoice {number}: {amount} open, {n} days past due (due {due})", days, **facts)
    elif alert.open:
        line = lazy_ngettext("First late payment on record: invoice {number} ({amount}), still unpaid {n} day after "
                             "its due date {due}", "First late payment on record: invoice {number} ({amount}), still "
                             "unpaid {n} days after its due date {due}", days, **facts)
    else:
        line = lazy_ngettext("First late payment on record: invoice {number} ({amount}), paid {n} day after its due "
                             "date {due}", "First late payment on record: invoice {number} ({amount}), paid {n} days "
                             "after its due date {due}", days, **facts)
    return N_("{alert} (disputed)", alert=line) if alert.disputed else line


def payment_alert_message(client_name: str, alerts: Sequence[DueAlert], t: Translator, *,
                          overdue_days: int) -> tuple[str, list[dict]]:
    """(fallback text, blocks) for the owners' channel, in `t`'s language: one client's new alerts."""
    name = escape(client_name)
    overdue = [a for a in alerts if a.kind is AlertKind.OVERDUE]
    others = [a for a in alerts if a.kind is not AlertKind.OVERDUE]
    title = t.gettext(":money_with_wings: Payment alert: {name}", name=name)
    blocks: list[SectionBlock | ContextBlock] = [SectionBlock(text=MarkdownTextObject(text=f"*{title}*"))]
    lines = [f"• {t.text(alert_line(a))}" for a in others + overdue[:INVOICES_SHOWN]]
    if len(overdue) > INVOICES_SHOWN:
        lines.append("• " + t.ngettext("…and {n} more invoice past due", "…and {n} more invoices past due",
                                       len(overdue) - INVOICES_SHOWN))
    blocks.append(SectionBlock(text=MarkdownTextObject(text=_within("\n".join(lines), 2900))))
    why = t.ngettext("Invoices are flagged once they are {n} day past due. Each alert is sent once.",
                     "Invoices are flagged once they are {n} days past due. Each alert is sent once.", overdue_days)
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=why)]))
    text = t.gettext("Payment alert: {name}: {alerts}", name=name,
                     alerts="; ".join(t.text(alert_line(a)) for a in (others + overdue)[:3]))
    return _within(text, 2900), [b.to_dict() for b in blocks]


def _within(text: str, limit: int) -> str:
    """`text` as it is when it fits (keeping the no-break spaces of amounts such as "1.234,56 €"), else cut."""
    return text if len(text) <= limit else excerpt(text, limit)


def _amounts(by_currency: dict[str, Decimal], t: Translator) -> str:
    return ", ".join(t.money(v, c) for c, v in sorted(by_currency.items())) or "–"


def _maybe(value: Decimal | None, t: Translator) -> str:
    return "–" if value is None else t.number(value)


def _trend(facts: ClientPaymentFacts, t: Translator) -> str:
    change = facts.trend.change
    if change is None:
        return "–"
    return t.gettext("{previous} → {recent} days ({change} days)", previous=facts.trend.previous,
                     recent=facts.trend.recent, change=("+" if change > 0 else "") + t.number(change))


def fact_lines(facts: ClientPaymentFacts, t: Translator) -> list[str]:
    """One client's payments in a few plain lines in `t`'s language: open, aging, days late, trend."""
    share = "–" if facts.on_time_share is None else t.percent(float(facts.on_time_share))
    weighted = ", ".join(f"{t.number(v)} ({c})" for c, v in sorted(facts.weighted_days_late.items())) or "–"
    lines = [t.gettext("open: {open}; past due: {overdue}", open=_amounts(facts.open_by_currency(), t),
                       overdue=_amounts(facts.overdue_by_currency(), t))]
    for currency, buckets in sorted(facts.open_by_bucket.items()):
        cells = "  ".join(f"{t.text(b.label)} {t.money(buckets[b], currency)}" for b in Bucket if buckets[b])
        lines.append(t.gettext("aging ({currency}): {buckets}", currency=currency, buckets=cells))
    lines += [
        t.gettext("paid invoices: {paid}; on time {share}; average {to_pay} days to pay, {late} days late "
                  "(by amount: {weighted})", paid=facts.paid_count, share=share,
                  to_pay=_maybe(facts.average_days_to_pay, t), late=_maybe(facts.average_days_late, t),
                  weighted=weighted),
        t.gettext("late in the last 12 months: {late}; disputed: {disputed}; trend (last 90 days vs the 90 before): "
                  "{trend}", late=facts.late_last_12_months, disputed=facts.disputed, trend=_trend(facts, t)),
    ]
    if facts.paid_date_unknown:
        lines.append(t.ngettext("{n} paid before the first import showed it (payment day unknown)",
                                "{n} paid before the first import showed them (payment day unknown)",
                                facts.paid_date_unknown))
    return lines


def facts_text(client_name: str, facts: ClientPaymentFacts, t: Translator) -> str:
    """The client's name, then its payment facts indented (`redflag invoices facts` and the demo print these)."""
    return "\n".join([client_name, *(f"  {line}" for line in fact_lines(facts, t))])
