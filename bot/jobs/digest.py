"""The weekly digest job: every tick, send this week's digest if its slot has come (exactly once)."""

from __future__ import annotations

import logging
from datetime import datetime

from slack_sdk import WebClient

from bot.deps import Deps
from bot.flows.digest_delivery import Outcome, send_due_digest

log = logging.getLogger(__name__)

EVERY_SECONDS = 60


def weekly_digest(deps: Deps, client: WebClient, now: datetime) -> None:
    delivery = send_due_digest(deps, client, now)
    if delivery.outcome is Outcome.SENT:
        log.info("%s", delivery.message)
    elif delivery.outcome in (Outcome.FAILED, Outcome.NO_CHANNEL):
        log.warning("digest %s: %s", delivery.week, delivery.message)
