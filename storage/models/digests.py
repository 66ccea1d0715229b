"""Weekly digest runs: one row per team and ISO week, the record that makes sending exactly-once.

A row's `status` moves only forward, and only by conditional UPDATEs that name
the expected current state (and, while claimed, the holder), so two scheduler
processes on one database can never both pass the same step:

    claimed ──(holder flips it just before calling Slack)──> posting ──(Slack said ok)──> sent
       │                                                         └──(Slack said not ok)──> failed ──> claimed …
       └── lease expired (holder died before calling Slack) ──> claimed by another process
    skipped: the slot passed longer ago than the grace period; only `redflag digest send` revives it

- claimed: a process inserted the row (the unique (team_id, week) key lets
  exactly one INSERT win) or re-took a failed / expired one. Nothing has been
  posted; if the holder dies here, another process takes over once
  `lease_until` has passed.
- posting: the holder is calling chat.postMessage. A crash here leaves the
  row in posting for good: Slack may or may not have the message, and a
  second message is worse than a late one, so no process retries it by
  itself. `redflag digest status` shows it; an owner who sees no digest in
  the channel sends it with `redflag digest send --week … --force`.
- sent: Slack answered ok; `message_ts` is the message. Marked only then.
- failed: Slack answered with an error, so it certainly has no message; a
  later tick within the grace period claims it again (`attempts` counts).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime, utcnow


class DigestRun(Base):
    __tablename__ = "digest_runs"
    __table_args__ = (UniqueConstraint("team_id", "week"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    week: Mapped[str] = mapped_column(String(10))  # ISO week of the slot, "2026-W48"
    status: Mapped[str] = mapped_column(String(12))  # claimed | posting | sent | failed | skipped
    holder: Mapped[str | None] = mapped_column(String(100))  # host:pid:nonce of the claiming process
    lease_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    channel: Mapped[str | None] = mapped_column(String(32))
    message_ts: Mapped[str | None] = mapped_column(String(32))
    chart_file_id: Mapped[str | None] = mapped_column(String(32))
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
