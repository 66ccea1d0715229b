"""Event ids Slack may still retry are kept; older ones, and only the team's own, are forgotten."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from freezegun import freeze_time
from sqlalchemy import select

from bot.deps import Deps
from bot.jobs.events import forget_old_events
from storage.events import claim_event
from storage.models import ProcessedEvent


def test_old_event_ids_of_the_team_are_forgotten(settings, engine, session_factory):
    deps = Deps(settings=settings, engine=engine, session_factory=session_factory).for_team("T0ONE")
    with freeze_time("2026-11-20 10:00:00"):
        with session_factory.begin() as session:
            claim_event(session, team_id="T0ONE", event_id="EvOld")
            claim_event(session, team_id="T0TWO", event_id="EvOther")
    with freeze_time("2026-11-23 09:00:00"):
        with session_factory.begin() as session:
            claim_event(session, team_id="T0ONE", event_id="EvNew")
        forget_old_events(deps, None, datetime.now(timezone.utc))  # type: ignore[arg-type]
    with session_factory() as session:
        kept = set(session.execute(select(ProcessedEvent.team_id, ProcessedEvent.event_id)).all())
    assert kept == {("T0ONE", "EvNew"), ("T0TWO", "EvOther")}
