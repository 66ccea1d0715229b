"""Reading stored polls for display: PollInfo for staff messages, PollResults for owners."""

from __future__ import annotations

import random
from collections.abc import Callable
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.domain.ranking import Ranking, ballots_needed, movement, rank_ballots, visible_reasons
from bot.views.poll import PollInfo
from bot.views.poll_results import PollResults
from storage import clients as client_store
from storage import polls as poll_store
from storage.models import Poll

Shuffle = Callable[[list[str]], None]
_system_random = random.SystemRandom()


def poll_info(poll: Poll, tz: ZoneInfo) -> PollInfo:
    return PollInfo(
        poll_id=poll.id, period=poll.period, closes_at=poll.closes_at.astimezone(tz),
        closed_at=poll.closed_at.astimezone(tz) if poll.closed_at else None, threshold=poll.threshold,
    )


def ranking_of(session: Session, poll: Poll) -> tuple[Ranking, dict[int, list[str]]]:
    """The poll's ranking and, per client, the "why" texts (unfiltered, in no meaningful order)."""
    ballots = poll_store.list_ballots(session, poll_id=poll.id)
    reasons: dict[int, list[str]] = {}
    for ballot in ballots:
        for client_id, why in ballot:
            if why:
                reasons.setdefault(client_id, []).append(why)
    return rank_ballots([[client_id for client_id, _ in ballot] for ballot in ballots]), reasons


def shown_ranking(session: Session, poll: Poll) -> Ranking | None:
    """The ranking if the poll is closed and has enough ballots to show one, else None."""
    if poll.closed_at is None:
        return None
    ranking, _ = ranking_of(session, poll)
    return None if ballots_needed(ranking.total_ballots, poll.threshold) else ranking


def previous_poll(session: Session, poll: Poll) -> Poll | None:
    """The closed poll of the same cadence just before this one."""
    earlier = [p for p in poll_store.list_closed_polls(session, team_id=poll.team_id, cadence=poll.cadence)
               if p.id != poll.id and p.period < poll.period]
    return max(earlier, key=lambda p: p.period, default=None)


def build_results(session: Session, poll: Poll, tz: ZoneInfo, *, shuffle: Shuffle = _system_random.shuffle) -> PollResults:
    """Everything the owners' message shows about a closed poll, and nothing more."""
    assert poll.closed_at is not None, "results exist only for closed polls"  # untranslated: a programmer error
    ranking, reasons = ranking_of(session, poll)
    _, eligible = poll_store.participation(session, poll_id=poll.id)
    base = dict(period=poll.period, cadence=poll.cadence, closed_at=poll.closed_at.astimezone(tz),
                eligible=max(eligible, ranking.total_ballots), ballots=ranking.total_ballots, threshold=poll.threshold)
    if ballots_needed(ranking.total_ballots, poll.threshold):
        return PollResults(**base, ranking=None)
    names = {c.id: c.name for c in client_store.list_clients(session, team_id=poll.team_id)}
    before = previous_poll(session, poll)
    previous = shown_ranking(session, before) if before else None
    return PollResults(
        **base, ranking=ranking, names=names, reasons=visible_reasons(reasons, ranking, poll.threshold, shuffle),
        previous_period=before.period if previous else None,
        movement=movement(ranking, previous) if previous else None,
    )
