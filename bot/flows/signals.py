"""Gathering what the risk score reads, per client: red flags, payment facts, the latest poll.

The thin adapters between storage (and the payment and poll features) and
the pure inputs of bot/domain/risk.py, shared by the digest, the dossier and
App Home.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.domain.lateness import Bucket, ClientPaymentFacts
from bot.domain.ranking import PollStanding, standings
from bot.domain.risk import ClientFacts, Overdue, PaymentSignal, PollSignal, ReportFact
from bot.domain.severity import Severity
from bot.flows.lateness import facts_by_client, payment_facts, recent_payment_alerts
from bot.flows.poll_results import shown_ranking
from bot.i18n import Translator
from bot.views.digest import AlertLine
from bot.views.home import OpenPoll
from bot.views.payments import alert_line
from bot.views.poll import moment_text, period_text
from storage import clients as client_store
from storage import polls as poll_store
from storage import payment_totals as total_store
from storage import reports as report_store
from storage.models import Client, Report

YEAR = timedelta(days=365)

@dataclass(frozen=True)
class TeamSignals:
    facts: list[ClientFacts]
    clients: dict[int, Client]
    labels: dict[str, str]  # category key → label
    reports: Sequence[Report]  # known before the cut-off, newest first
    payments: dict[int, ClientPaymentFacts]  # clients with invoices


def report_fact(report: Report) -> ReportFact:
    return ReportFact(Severity(report.severity), report.occurred_on, tuple(report.categories))


def payment_signal(facts: ClientPaymentFacts) -> PaymentSignal:
    """What the score reads of a client's payment facts: money past due by bucket, trend, disputes, late count."""
    overdue = tuple(Overdue(bucket.value, currency, amount)
                    for currency, buckets in sorted(facts.open_by_bucket.items())
                    for bucket, amount in buckets.items() if bucket is not Bucket.CURRENT and amount > 0)
    recent, previous = facts.trend.recent, facts.trend.previous
    return PaymentSignal(overdue, None if recent is None else float(recent), None if previous is None else float(previous),
                         facts.disputed, facts.late_last_12_months)


def _rankings(session: Session, *, team_id: str, closed_before: datetime | None = None
              ) -> Iterator[dict[int, PollStanding]]:
    """Standings of each closed poll that shows a ranking (enough ballots), latest first."""
    for poll in poll_store.list_closed_polls(session, team_id=team_id):
        if closed_before is not None and poll.closed_at >= closed_before:  # type: ignore[operator]
            continue
        ranking = shown_ranking(session, poll)
        if ranking is not None:
            yield standings(ranking, poll.period)


def poll_signal(standing: PollStanding) -> PollSignal:
    return PollSignal(standing.period, standing.rank, standing.ballots_naming, standing.total_ballots)


def poll_signals(session: Session, *, team_id: str, closed_before: datetime | None = None) -> dict[int, PollSignal]:
    """Each named client's place in the latest poll closed before `closed_before` that shows a ranking.

    Like bot/flows/polls.latest_standings, with a cut-off so the digest's
    "since last week" compares against the poll known then.
    """
    latest = next(_rankings(session, team_id=team_id, closed_before=closed_before), {})
    return {client_id: poll_signal(s) for client_id, s in latest.items()}


def poll_history(session: Session, *, team_id: str, client_id: int) -> list[PollSignal]:
    """The client's place in every closed poll that shows a ranking, latest first."""
    return [poll_signal(found[client_id]) for found in _rankings(session, team_id=team_id) if client_id in found]


def open_poll(session: Session, *, team_id: str, now: datetime) -> OpenPoll | None:
    """The poll staff can vote in right now, if any, and how long it stays open from `now`."""
    poll = poll_store.get_open_poll(session, team_id=team_id)
    return None if poll is None else OpenPoll(poll.id, poll.period, poll.closes_at - now)


def poll_status(session: Session, t: Translator, *, team_id: str, at: datetime, tz: ZoneInfo) -> str | None:
    """The digest's headline about the poll as it stood `at`, in t's language: open (with participation) or the
    latest closed."""
    polls = [p for p in (poll_store.get_open_poll(session, team_id=team_id),
                         *poll_store.list_closed_polls(session, team_id=team_id)) if p is not None and p.opened_at <= at]
    running = [p for p in polls if p.closed_at is None or p.closed_at > at]
    if running:
        voted, eligible = poll_store.participation(session, poll_id=running[0].id)
        closes = running[0].closes_at.astimezone(tz)
        return t.gettext("{period} poll open until {closes}: {voted} of {eligible} voted",
                         period=period_text(running[0].period, t), closes=moment_text(closes, t), voted=voted,
                         eligible=eligible)
    closed = [p for p in polls if p.closed_at is not None and p.closed_at <= at]
    if closed:
        when = closed[0].closed_at.astimezone(tz)  # type: ignore[union-attr]
        return t.gettext("none open; the {period} poll closed {day}", period=period_text(closed[0].period, t),
                         day=when.date())
    return None


def payment_alerts(session: Session, *, team_id: str, signals: TeamSignals, since: datetime,
                   until: datetime | None = None) -> list[AlertLine]:
    """Payment alerts that reached the owners' channel in [since, until), newest first."""
    found = [a for a in recent_payment_alerts(session, team_id=team_id, since=since)
             if until is None or (a.sent_at or a.created_at) < until]
    found.sort(key=lambda a: a.sent_at or a.created_at, reverse=True)
    names = {c.id: c.name for c in signals.clients.values()}
    return [AlertLine(names.get(a.alert.client_id, f"#{a.alert.client_id}"), alert_line(a.alert)) for a in found]


def team_signals(session: Session, *, team_id: str, today: date, known_before: datetime | None = None) -> TeamSignals:
    """Every client's facts as they were known before `known_before` (default: everything), on `today`."""
    clients = {c.id: c for c in client_store.list_clients(session, team_id=team_id)}
    reports = [r for r in report_store.list_reports(session, team_id=team_id)
               if known_before is None or r.created_at < known_before]
    by_client: dict[int, list[ReportFact]] = {}
    for report in reports:
        by_client.setdefault(report.client_id, []).append(report_fact(report))
    payments = payment_facts(session, team_id=team_id, today=today)
    signals = {client_id: payment_signal(f) for client_id, f in payments.items()}
    polls = poll_signals(session, team_id=team_id, closed_before=known_before)
    labels = client_store.category_labels(session, team_id=team_id)
    return TeamSignals(client_facts(clients, by_client, signals, polls), clients, labels, reports, payments)


@dataclass(frozen=True)
class WeekSignals:
    """What one week's digest compares: every client's facts at the week's end and at its start."""

    now: TeamSignals  # its `reports` are only those that became known in the week; `payments` is empty
    then: list[ClientFacts]  # as known at the week's start, on its first day
    flagged_last_year: dict[int, int]  # client id → red flags (known at the end) that happened in the year to its end


def week_signals(session: Session, *, team_id: str, start: datetime, end: datetime, today: date, then: date
                 ) -> WeekSignals:
    """`team_signals` at the week's end (`end`, `today`) and at its start (`start`, `then`) in one pass:
    red flags counted per client, severity and day by the database, payments added up there for both days."""
    clients = {c.id: c for c in client_store.list_clients(session, team_id=team_id)}
    known: dict[int, list[ReportFact]] = {}
    before: dict[int, list[ReportFact]] = {}
    flagged: dict[int, int] = {}
    severities = {s.value: s for s in Severity}  # a dict lookup: Severity(value) was a third of this loop
    year_before = today - YEAR
    for client_id, value, occurred_on, earlier, later in report_store.report_counts(
            session, team_id=team_id, known_before=end, split=start):
        severity = severities[value]
        fact = ReportFact(severity, occurred_on, count=earlier + later)
        known.setdefault(client_id, []).append(fact)
        if earlier:  # most were known before the week: the same fact serves both days
            before.setdefault(client_id, []).append(ReportFact(severity, occurred_on, count=earlier) if later else fact)
        if year_before < occurred_on <= today:
            flagged[client_id] = flagged.get(client_id, 0) + earlier + later
    payments_now, payments_then = payment_signals(session, team_id=team_id, days=[today, then])
    new = report_store.list_reports(session, team_id=team_id, since=start, until=end)
    labels = client_store.category_labels(session, team_id=team_id)
    now = client_facts(clients, known, payments_now, poll_signals(session, team_id=team_id, closed_before=end))
    earlier_facts = client_facts(clients, before, payments_then,
                                 poll_signals(session, team_id=team_id, closed_before=start))
    return WeekSignals(TeamSignals(now, clients, labels, new, {}), earlier_facts, flagged)


def payment_signals(session: Session, *, team_id: str, days: Sequence[date]) -> list[dict[int, PaymentSignal]]:
    """For each of `days`: client id → what the score reads of its payments that day, in one scan."""
    totals = total_store.payment_totals(session, team_id=team_id, days=days, paid=False)
    # With paid=False the paid invoices' averages are 0; payment_signal does not read them.
    return [{client_id: payment_signal(f) for client_id, f in facts_by_client(rows, day).items()}
            for day, rows in zip(days, totals)]


def client_facts(clients: dict[int, Client], reports: dict[int, list[ReportFact]],
                 payments: dict[int, PaymentSignal], polls: dict[int, PollSignal]) -> list[ClientFacts]:
    return [ClientFacts(client_id=c.id, name=c.name, reports=tuple(reports.get(c.id, ())), mrr=c.mrr,
                        currency=c.currency, payment=payments.get(c.id), poll=polls.get(c.id))
            for c in clients.values()]
