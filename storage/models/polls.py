"""The "name your five worst clients" polls.

Privacy by layout: who may vote and who has voted (`poll_voters`, needed for
invitations, reminders and participation) is kept apart from what was voted
(`poll_ballots` + `poll_picks`). A ballot row carries no Slack user id, no
timestamp and no sequential id: only a random id and, while the poll is open,
the HMAC of the voter under POLL_SECRET so a re-vote can replace it. Closing
the poll erases that key, so a closed ballot is linked to nobody even by
someone who holds the secret.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime, utcnow


class Poll(Base):
    __tablename__ = "polls"
    __table_args__ = (UniqueConstraint("team_id", "period"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    period: Mapped[str] = mapped_column(String(10))  # "2026" or "2026-Q4"
    cadence: Mapped[str] = mapped_column(String(10))  # yearly | quarterly
    opened_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closes_at: Mapped[datetime] = mapped_column(UTCDateTime(), index=True)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    opened_by: Mapped[str | None] = mapped_column(String(32))  # the owner, or None when opened on schedule
    threshold: Mapped[int] = mapped_column(Integer)  # anonymity threshold in force for this poll
    announcement_channel: Mapped[str | None] = mapped_column(String(32))
    announcement_ts: Mapped[str | None] = mapped_column(String(32))
    results_posted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class PollVoter(Base):
    """Someone eligible to vote in a poll, and whether they have. Nothing here says how."""

    __tablename__ = "poll_voters"
    __table_args__ = (UniqueConstraint("poll_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[str] = mapped_column(String(32))
    voted: Mapped[bool] = mapped_column(default=False)  # no time: it would line up with ballot contents
    invited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reminded_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class PollBallot(Base):
    __tablename__ = "poll_ballots"
    __table_args__ = (UniqueConstraint("poll_id", "voter_key"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # random: says nothing about order
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    poll_id: Mapped[int] = mapped_column(ForeignKey("polls.id", ondelete="CASCADE"), index=True)
    voter_key: Mapped[str | None] = mapped_column(String(64))  # HMAC while open; NULL once closed


class PollPick(Base):
    __tablename__ = "poll_picks"

    ballot_id: Mapped[str] = mapped_column(ForeignKey("poll_ballots.id", ondelete="CASCADE"), primary_key=True)
    rank: Mapped[int] = mapped_column(Integer, primary_key=True)  # 1 … 5
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    why: Mapped[str | None] = mapped_column(Text)
