"""One workspace's own choices (owners, channels, time zone, digest slot, language, and its lateness, risk and
poll policies), overriding the global settings.

A column left NULL means "use the global setting". Values are stored as the
settings would read them from the environment (comma-separated user ids, an
IANA zone name, `monday`, `09:00`, `15`, `true`, `quarterly 15`) and are
validated before they are written, so reading them back can never fail (see
bot/workspace_settings.py).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime, utcnow

# The Settings fields a workspace may override: each is a column below.
TEAM_FIELDS = ("owner_user_ids", "owners_channel", "staff_channel", "poll_voter_ids", "timezone",
               "digest_day", "digest_time", "language",
               "risk_half_life_days", "digest_show_reporters", "lateness_alert_days", "strict_payer_policy",
               "lateness_worsening_days", "poll_anonymity_threshold", "poll_reminder_days", "poll_duration_days",
               "poll_auto_open")


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
    risk_half_life_days: Mapped[str | None] = mapped_column(String(16))  # a whole number, e.g. 90
    digest_show_reporters: Mapped[str | None] = mapped_column(String(16))  # true or false
    lateness_alert_days: Mapped[str | None] = mapped_column(String(16))
    strict_payer_policy: Mapped[str | None] = mapped_column(String(16))
    lateness_worsening_days: Mapped[str | None] = mapped_column(String(16))
    poll_anonymity_threshold: Mapped[str | None] = mapped_column(String(16))
    poll_reminder_days: Mapped[str | None] = mapped_column(String(16))
    poll_duration_days: Mapped[str | None] = mapped_column(String(16))
    poll_auto_open: Mapped[str | None] = mapped_column(String(32))  # off, yearly 12-01, quarterly 15
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
