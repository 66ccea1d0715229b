"""Seeding closed polls with ballots straight into storage, for flow tests (and the digest's)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta, timezone

from sqlalchemy.orm import Session, sessionmaker

from bot.domain.periods import parse_period
from storage import polls as poll_store
from storage.models import Poll


def seed_poll(session_factory: sessionmaker[Session], team_id: str, period: str, ballots: Sequence[Sequence[int]], *,
              closed_at: datetime | None = None, threshold: int = 3, whys: dict[int, str] | None = None) -> Poll:
    """A poll of `period` with `ballots` (client ids, rank order), closed at `closed_at` (None: still open)."""
    parsed = parse_period(period)
    opened = datetime.combine(parsed.first_day, datetime.min.time(), tzinfo=timezone.utc)
    with session_factory.begin() as session:
        poll = poll_store.add_poll(session, team_id=team_id, period=parsed.label, cadence=parsed.cadence.value,
                                   opened_at=opened, closes_at=(closed_at or opened) + timedelta(days=14),
                                   threshold=threshold, opened_by=None)
        for n, ballot in enumerate(ballots):
            entries = [(client_id, (whys or {}).get(client_id)) for client_id in ballot]
            poll_store.save_ballot(session, team_id=team_id, poll_id=poll.id, voter_key=f"key-{n}", entries=entries)
        if closed_at is not None:
            poll_store.close_poll(session, poll, at=closed_at)
        return poll
