"""Red-flag reports."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from storage.models.base import Base, UTCDateTime, utcnow


class Report(Base):
    """One staff report about one client.

    For an anonymous report `reporter_user_id` is NULL and nothing else in the
    row (or anywhere in the database) is derived from the reporter.
    """

    __tablename__ = "reports"
    __table_args__ = (UniqueConstraint("team_id", "submission_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[str] = mapped_column(String(32), index=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("clients.id"), index=True)
    severity: Mapped[str] = mapped_column(String(20))
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    description: Mapped[str] = mapped_column(Text)
    occurred_on: Mapped[date] = mapped_column(Date)
    anonymous: Mapped[bool] = mapped_column(default=False)
    reporter_user_id: Mapped[str | None] = mapped_column(String(32))
    # Identifies the modal submission (Slack's view id), so a double submit stores one report.
    submission_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
