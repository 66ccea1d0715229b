"""Raising payment alerts in the owners' channel, each exactly once.

An alert is first recorded under its key (unique per team), then posted, then
marked sent. Whoever records a key first sends it; a later import or job run
finds the key and does nothing. A post that failed is retried by the next run
once its claim is older than CLAIM_LEASE (so two runs never both retry it).
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from datetime import date, datetime, timedelta

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session, sessionmaker

from bot.domain.alerts import AlertKind, AlertPolicy, DueAlert, due_alerts
from bot.domain.lateness import client_facts
from bot.i18n import Translator, translator
from bot.settings import Settings
from bot.views.payments import payment_alert_message
from storage import invoices as invoice_store
from storage import payment_alerts as alert_store
from storage.models.invoices import PaymentAlert

log = logging.getLogger(__name__)
CLAIM_LEASE = timedelta(minutes=10)
WORSENING_QUIET = timedelta(days=90)  # one "paying later" alert per client per comparison window


def alert_policy(settings: Settings) -> AlertPolicy:
    return AlertPolicy(overdue_days=settings.lateness_alert_days, strict=settings.strict_payer_policy,
                       worsening_days=settings.lateness_worsening_days)


def raise_payment_alerts(
    sessions: sessionmaker[Session], client: WebClient | None, settings: Settings, *,
    team_id: str, today: date, now: datetime, client_ids: Collection[int] | None = None,
) -> list[DueAlert]:
    """Post the alerts that are due and were never sent; returns those posted.

    `client_ids` limits the look to those clients (after an import: the ones it touched; the
    job looks at every client).

    Without an owners' channel or a Slack client nothing is recorded, so the
    alerts go out later from a process that can send them (the payments job).
    """
    if not settings.owners_channel or client is None:
        return []
    policy = alert_policy(settings)
    with sessions.begin() as session:
        known = alert_store.recorded_keys(session, team_id=team_id)
        worsened = alert_store.clients_alerted(session, team_id=team_id, kind=AlertKind.WORSENING, since=now - WORSENING_QUIET)
        due = [alert for client_id, invoices in invoice_store.client_invoices(session, team_id=team_id, client_ids=client_ids)
               for alert in due_alerts(client_id, invoices, client_facts(client_id, invoices, today),
                                       today=today, policy=policy)
               if alert.key not in known and not (alert.kind is AlertKind.WORSENING and client_id in worsened)]
        claimed = [alert_id for alert in due
                   if (alert_id := alert_store.claim_alert(session, team_id=team_id, alert=alert, now=now)) is not None]
        claimed += [a.id for a in alert_store.claim_unsent(session, team_id=team_id, now=now, lease=CLAIM_LEASE)]
    t = translator(settings.language)  # a channel post: the workspace's LANGUAGE
    return _send(sessions, client, settings.owners_channel, claimed, t, overdue_days=policy.overdue_days, now=now)


def _send(sessions: sessionmaker[Session], client: WebClient, channel: str, ids: Sequence[int], t: Translator, *,
          overdue_days: int, now: datetime) -> list[DueAlert]:
    if not ids:
        return []
    with sessions() as session:
        rows = alert_store.get_alerts(session, ids)
        names = alert_store.client_names(session, {r.client_id for r in rows})
    by_client: dict[int, list[PaymentAlert]] = {}
    for row in rows:
        by_client.setdefault(row.client_id, []).append(row)
    sent: list[DueAlert] = []
    for client_id, group in by_client.items():
        alerts = [DueAlert.from_details(r.kind, r.key, r.client_id, r.details) for r in group]
        name = names.get(client_id) or t.gettext("a client")
        text, blocks = payment_alert_message(name, alerts, t, overdue_days=overdue_days)
        try:
            answer = client.chat_postMessage(channel=channel, text=text, blocks=blocks)
        except SlackApiError as error:  # left unsent: the next run retries it once the claim lease passes
            log.warning("payment alert for client %s not posted: %s", client_id, error.response.get("error"))
            continue
        with sessions.begin() as session:
            alert_store.mark_sent(session, [r.id for r in group], channel=channel, message_ts=answer.get("ts"), now=now)
        sent += alerts
    return sent
