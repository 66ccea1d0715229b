"""Gathering what the risk score reads, per client: red flags, payment facts, the latest poll.

The thin adapters between storage (and the payment and poll features) and
the pure inputs of bot/domain/risk.py, shared by the digest, the dossier and
App Home.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.domain.risk import ClientFacts, PaymentSignal, PollSignal, ReportFact
from bot.domain.severity import Severity
from bot.views.home import OpenPoll
from storage import clients as client_store
from storage import reports as report_store
from storage.models import Client, Report


@dataclass(frozen=True)
class TeamSignals:
    facts: list[ClientFacts]
    clients: dict[int, Client]
    labels: dict[str, str]  # category key → label
    reports: Sequence[Report]  # known before the cut-off, newest first


def report_fact(report: Report) -> ReportFact:
    return ReportFact(Severity(report.severity), report.occurred_on, tuple(report.categories))


def payment_signals(session: Session, *, team_id: str, today: date) -> dict[int, PaymentSignal]:
    """Payment facts per client on `today`. Invoices are not wired in yet (see README)."""
    return {}


def poll_signals(session: Session, *, team_id: str) -> dict[int, PollSignal]:
    """Each client's place in the latest closed poll. The poll is not wired in yet (see README)."""
    return {}


def open_poll(session: Session, *, team_id: str) -> OpenPoll | None:
    """The poll staff can vote in right now, if any. The poll is not wired in yet (see README)."""
    return None


def payment_alert_lines(session: Session, *, team_id: str, signals: TeamSignals, since: datetime | None = None,
                        limit: int | None = None) -> list[str]:
    """Payment alerts sent to the owners (since `since`), newest first, in words. Not wired in yet (see README)."""
    return []


def team_signals(session: Session, *, team_id: str, today: date, known_before: datetime | None = None) -> TeamSignals:
    """Every client's facts as they were known before `known_before` (default: everything), on `today`."""
    clients = {c.id: c for c in client_store.list_clients(session, team_id=team_id)}
    reports = [r for r in report_store.list_reports(session, team_id=team_id)
               if known_before is None or r.created_at < known_before]
    by_client: dict[int, list[ReportFact]] = {}
    for report in reports:
        by_client.setdefault(report.client_id, []).append(report_fact(report))
    payments = payment_signals(session, team_id=team_id, today=today)
    polls = poll_signals(session, team_id=team_id)
    facts = [
        ClientFacts(client_id=c.id, name=c.name, reports=tuple(by_client.get(c.id, ())), payment=payments.get(c.id),
                    poll=polls.get(c.id), mrr=c.mrr, currency=c.currency)
        for c in clients.values()
    ]
    labels = client_store.category_labels(session, team_id=team_id)
    return TeamSignals(facts, clients, labels, reports)
