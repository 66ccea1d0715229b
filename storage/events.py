"""Remembering Events API deliveries, so a retried event is processed once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import ProcessedEvent


def claim_event(session: Session, *, team_id: str, event_id: str) -> bool:
    """True the first time (team, event_id) is seen; False for a repeat delivery."""
    try:
        with session.begin_nested():
            session.add(ProcessedEvent(team_id=team_id, event_id=event_id))
    except IntegrityError:
        return False
    return True


def forget_events_before(session: Session, cutoff: datetime, *, team_id: str) -> int:
    """Drop the team's old ids (Slack retries within minutes); returns how many were removed."""
    query = delete(ProcessedEvent).where(ProcessedEvent.team_id == team_id, ProcessedEvent.received_at < cutoff)
    return session.execute(query).rowcount or 0
