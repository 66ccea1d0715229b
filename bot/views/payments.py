"""Payment lateness as people read it: the owners' alert messages and the per-client facts as text."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject, SectionBlock

from bot.domain.alerts import AlertKind, DueAlert
from bot.domain.lateness import Bucket, ClientPaymentFacts
from bot.domain.money import format_money
from bot.views.text import escape, excerpt

INVOICES_SHOWN = 10


def _days(days: int | None) -> str:
    return "1 day" if days == 1 else f"{days} days"


def alert_line(alert: DueAlert) -> str:
    """One alert in one line of mrkdwn (also used by the weekly digest). The client name is not in it."""
    number = escape(alert.invoice_number or "")
    amount = format_money(alert.amount, alert.currency) if alert.amount is not None else ""
    disputed = " (disputed)" if alert.disputed else ""
    if alert.kind is AlertKind.OVERDUE:
        return f"Invoice {number}: {amount} open, {_days(alert.days)} past due (due {alert.due_on}){disputed}"
    if alert.kind is AlertKind.FIRST_LATE:
        how = f"still unpaid {_days(alert.days)} after" if alert.open else f"paid {_days(alert.days)} after"
        return f"First late payment on record: invoice {number} ({amount}), {how} its due date {alert.due_on}{disputed}"
    return (f"Paying later: {alert.recent} days late on average over the last 90 days, "
            f"against {alert.previous} in the 90 days before")


def payment_alert_message(client_name: str, alerts: Sequence[DueAlert], *, overdue_days: int) -> tuple[str, list[dict]]:
    """(fallback text, blocks) for the owners' channel: one client's new alerts."""
    name = escape(client_name)
    overdue = [a for a in alerts if a.kind is AlertKind.OVERDUE]
    others = [a for a in alerts if a.kind is not AlertKind.OVERDUE]
    title = f":money_with_wings: Payment alert: {name}"
    blocks: list[SectionBlock | ContextBlock] = [SectionBlock(text=MarkdownTextObject(text=f"*{title}*"))]
    lines = [f"• {alert_line(a)}" for a in others]
    lines += [f"• {alert_line(a)}" for a in overdue[:INVOICES_SHOWN]]
    if len(overdue) > INVOICES_SHOWN:
        lines.append(f"• …and {len(overdue) - INVOICES_SHOWN} more invoices past due")
    blocks.append(SectionBlock(text=MarkdownTextObject(text=excerpt("\n".join(lines), 2900))))
    why = f"Invoices are flagged once they are {overdue_days} days past due. Each alert is sent once."
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=why)]))
    text = f"Payment alert: {name}: " + "; ".join(alert_line(a) for a in (others + overdue)[:3])
    return excerpt(text, 2900), [b.to_dict() for b in blocks]


def _amounts(by_currency: dict[str, Decimal]) -> str:
    return ", ".join(format_money(v, c) for c, v in sorted(by_currency.items())) or "–"


def _maybe(value: Decimal | None, suffix: str = "") -> str:
    return "–" if value is None else f"{value}{suffix}"


def facts_text(client_name: str, facts: ClientPaymentFacts) -> str:
    """A few plain lines about one client's payments (the CLI and the demo print these)."""
    share = "–" if facts.on_time_share is None else f"{facts.on_time_share * 100:.0f}%"
    weighted = ", ".join(f"{v} ({c})" for c, v in sorted(facts.weighted_days_late.items())) or "–"
    lines = [
        client_name,
        f"  open: {_amounts(facts.open_by_currency())}; past due: {_amounts(facts.overdue_by_currency())}",
    ]
    for currency, buckets in sorted(facts.open_by_bucket.items()):
        cells = "  ".join(f"{b.label} {format_money(buckets[b], currency)}" for b in Bucket if buckets[b])
        lines.append(f"  aging ({currency}): {cells}")
    change = facts.trend.change
    trend = "–" if change is None else f"{facts.trend.previous} → {facts.trend.recent} days ({change:+} days)"
    lines += [
        f"  paid invoices: {facts.paid_count}; on time {share}; average {_maybe(facts.average_days_to_pay)} days to pay, "
        f"{_maybe(facts.average_days_late)} days late (by amount: {weighted})",
        f"  late in the last 12 months: {facts.late_last_12_months}; disputed: {facts.disputed}; "
        f"trend (last 90 days vs the 90 before): {trend}",
    ]
    if facts.paid_date_unknown:
        lines.append(f"  {facts.paid_date_unknown} paid before the first import showed them (payment day unknown)")
    return "\n".join(lines)
