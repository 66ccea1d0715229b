"""Queries for polls, their voters, and their ballots.

Ballot queries never take or return a Slack user id: they take the voter's
HMAC key (while the poll is open) and return picks grouped by a random ballot
id, in no meaningful order. Claims (`claim_*`) are conditional UPDATEs, so two
scheduler processes never both send a reminder or post results.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from storage.models import Poll, PollBallot, PollPick, PollVoter

Entry = tuple[int, str | None]  # (client id, why)


def add_poll(
    session: Session, *, team_id: str, period: str, cadence: str, opened_at: datetime, closes_at: datetime,
    threshold: int, opened_by: str | None,
) -> Poll:
    poll = Poll(team_id=team_id, period=period, cadence=cadence, opened_at=opened_at, closes_at=closes_at,
                threshold=threshold, opened_by=opened_by)
    session.add(poll)
    session.flush()
    return poll


def get_poll(session: Session, poll_id: int, *, team_id: str, for_update: bool = False) -> Poll | None:
    query = select(Poll).where(Poll.id == poll_id, Poll.team_id == team_id)
    return session.scalar(query.with_for_update() if for_update else query)


def get_poll_by_period(session: Session, period: str, *, team_id: str) -> Poll | None:
    return session.scalar(select(Poll).where(Poll.team_id == team_id, Poll.period == period))


def get_open_poll(session: Session, *, team_id: str) -> Poll | None:
    return session.scalar(
        select(Poll).where(Poll.team_id == team_id, Poll.closed_at.is_(None)).order_by(Poll.closes_at).limit(1)
    )


def list_closed_polls(session: Session, *, team_id: str, cadence: str | None = None) -> Sequence[Poll]:
    """Closed polls, latest closing first."""
    query = select(Poll).where(Poll.team_id == team_id, Poll.closed_at.is_not(None))
    if cadence is not None:
        query = query.where(Poll.cadence == cadence)
    return session.scalars(query.order_by(Poll.closed_at.desc(), Poll.id.desc())).all()


def list_open_polls(session: Session, *, team_id: str) -> Sequence[Poll]:
    """The team's open polls (for the scheduled jobs)."""
    return session.scalars(select(Poll).where(Poll.team_id == team_id, Poll.closed_at.is_(None)).order_by(Poll.id)).all()


def list_unposted_results(session: Session, *, team_id: str) -> Sequence[Poll]:
    """The team's closed polls whose results have not reached the owners yet."""
    return session.scalars(
        select(Poll).where(Poll.team_id == team_id, Poll.closed_at.is_not(None), Poll.results_posted_at.is_(None))
        .order_by(Poll.id)
    ).all()


def close_poll(session: Session, poll: Poll, *, at: datetime) -> bool:
    """Close `poll` (False if it already was) and erase the voter keys of its ballots for good."""
    closed = session.execute(
        update(Poll).where(Poll.id == poll.id, Poll.closed_at.is_(None)).values(closed_at=at)
    ).rowcount == 1
    session.execute(update(PollBallot).where(PollBallot.poll_id == poll.id).values(voter_key=None))
    session.refresh(poll)
    return closed


def claim_results(session: Session, poll_id: int, *, at: datetime) -> bool:
    return session.execute(
        update(Poll).where(Poll.id == poll_id, Poll.results_posted_at.is_(None)).values(results_posted_at=at)
    ).rowcount == 1


def release_results(session: Session, poll_id: int) -> None:
    session.execute(update(Poll).where(Poll.id == poll_id).values(results_posted_at=None))


def set_announcement(session: Session, poll_id: int, *, channel: str, ts: str | None) -> None:
    session.execute(update(Poll).where(Poll.id == poll_id).values(announcement_channel=channel, announcement_ts=ts))


# -- who may vote, and who has ---------------------------------------------------------------

def add_voters(session: Session, poll: Poll, user_ids: Iterable[str]) -> list[PollVoter]:
    known = {v.user_id for v in list_voters(session, poll_id=poll.id)}
    added = [PollVoter(team_id=poll.team_id, poll_id=poll.id, user_id=u) for u in dict.fromkeys(user_ids) if u not in known]
    session.add_all(added)
    session.flush()
    return added


def get_voter(session: Session, poll_id: int, user_id: str) -> PollVoter | None:
    return session.scalar(select(PollVoter).where(PollVoter.poll_id == poll_id, PollVoter.user_id == user_id))


def list_voters(session: Session, *, poll_id: int, voted: bool | None = None) -> Sequence[PollVoter]:
    query = select(PollVoter).where(PollVoter.poll_id == poll_id)
    if voted is not None:
        query = query.where(PollVoter.voted.is_(voted))
    return session.scalars(query.order_by(PollVoter.id)).all()


def participation(session: Session, *, poll_id: int) -> tuple[int, int]:
    """(people who voted, people eligible)."""
    count = select(func.count()).select_from(PollVoter).where(PollVoter.poll_id == poll_id)
    return session.scalar(count.where(PollVoter.voted.is_(True))) or 0, session.scalar(count) or 0


def mark_voted(session: Session, poll_id: int, user_id: str) -> None:
    session.execute(update(PollVoter).where(PollVoter.poll_id == poll_id, PollVoter.user_id == user_id).values(voted=True))


def mark_invited(session: Session, voter_ids: Iterable[int], *, at: datetime) -> None:
    ids = list(voter_ids)
    if ids:
        session.execute(update(PollVoter).where(PollVoter.id.in_(ids)).values(invited_at=at))


def claim_reminder(session: Session, voter_id: int, *, at: datetime) -> bool:
    """Take the one reminder of a voter who has not voted; False if sent already or they voted."""
    return session.execute(
        update(PollVoter)
        .where(PollVoter.id == voter_id, PollVoter.reminded_at.is_(None), PollVoter.voted.is_(False))
        .values(reminded_at=at)
    ).rowcount == 1


def release_reminder(session: Session, voter_id: int) -> None:
    session.execute(update(PollVoter).where(PollVoter.id == voter_id).values(reminded_at=None))


# -- ballots: keyed by HMAC, never by person -------------------------------------------------

def save_ballot(session: Session, *, team_id: str, poll_id: int, voter_key: str, entries: Sequence[Entry]) -> bool:
    """Store a ballot, replacing the voter's earlier one. Returns True if it replaced one."""
    ballot = session.scalar(select(PollBallot).where(PollBallot.poll_id == poll_id, PollBallot.voter_key == voter_key))
    replaced = ballot is not None
    if ballot is None:
        ballot = PollBallot(id=secrets.token_hex(16), team_id=team_id, poll_id=poll_id, voter_key=voter_key)
        session.add(ballot)
        session.flush()
    else:
        session.execute(delete(PollPick).where(PollPick.ballot_id == ballot.id))
    session.add_all(
        PollPick(ballot_id=ballot.id, rank=rank, team_id=team_id, client_id=client_id, why=why)
        for rank, (client_id, why) in enumerate(entries, 1)
    )
    session.flush()
    return replaced


def get_ballot_entries(session: Session, *, poll_id: int, voter_key: str) -> list[Entry]:
    """The voter's current picks in rank order ([] if they have not voted)."""
    rows = session.execute(
        select(PollPick.client_id, PollPick.why)
        .join(PollBallot, PollBallot.id == PollPick.ballot_id)
        .where(PollBallot.poll_id == poll_id, PollBallot.voter_key == voter_key)
        .order_by(PollPick.rank)
    ).all()
    return [(client_id, why) for client_id, why in rows]


def list_ballots(session: Session, *, poll_id: int) -> list[list[Entry]]:
    """Every ballot of the poll as picks in rank order. The ballots come in random-id order,
    which says nothing about who cast them or when."""
    rows = session.execute(
        select(PollBallot.id, PollPick.client_id, PollPick.why)
        .join(PollPick, PollPick.ballot_id == PollBallot.id, isouter=True)
        .where(PollBallot.poll_id == poll_id)
        .order_by(PollBallot.id, PollPick.rank)
    ).all()
    ballots: dict[str, list[Entry]] = {}
    for ballot_id, client_id, why in rows:
        entries = ballots.setdefault(ballot_id, [])
        if client_id is not None:
            entries.append((client_id, why))
    return list(ballots.values())
