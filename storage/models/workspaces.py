"""One workspace's own choices (owners, channels, time zone, digest slot, language), overriding the global settings.

A column left NULL means "use the global setting". Values are stored as the
settings would read them from the environment (comma-separated user ids, an
IANA zone name, `monday`, `09:00`) and are validated before they are written,
so reading them back can never fail (see bot/workspace_settings.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime, utcnow

# The Settings fields a workspace may override: each is a column below.
TEAM_FIELDS = ("owner_user_ids", "owners_channel", "staff_channel", "poll_voter_ids", "timezone",
               "digest_day", "digest_time", "language")


class WorkspaceSettings(Base):
    __tablename__ = "workspace_settings"

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), unique=True)
    owner_user_ids: Mapped[str | None] = mapped_column(Text)  # comma-separated
    owners_channel: Mapped[str | None] = mapped_column(String(32))
    staff_channel: Mapped[str | None] = mapped_column(String(32))
    poll_voter_ids: Mapped[str | None] = mapped_column(Text)  # comma-separated
    timezone: Mapped[str | None] = mapped_column(String(64))
    digest_day: Mapped[str | None] = mapped_column(String(16))
    digest_time: Mapped[str | None] = mapped_column(String(5))
    language: Mapped[str | None] = mapped_column(String(8))  # en, it, nl, fr, de
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
