"""Queries for red-flag reports."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from storage.models import Report


def add_report(
    session: Session,
    *,
    team_id: str,
    client_id: int,
    severity: str,
    categories: Sequence[str],
    description: str,
    occurred_on: date,
    reporter_user_id: str | None,
    submission_key: str | None = None,
) -> Report:
    report = Report(
        team_id=team_id,
        client_id=client_id,
        severity=severity,
        categories=list(categories),
        description=description,
        occurred_on=occurred_on,
        anonymous=reporter_user_id is None,
        reporter_user_id=reporter_user_id,
        submission_key=submission_key,
    )
    session.add(report)
    session.flush()
    return report


def get_report_by_submission(session: Session, submission_key: str, *, team_id: str) -> Report | None:
    return session.scalar(
        select(Report).where(Report.team_id == team_id, Report.submission_key == submission_key)
    )


def list_reports(
    session: Session,
    *,
    team_id: str,
    client_id: int | None = None,
    since: datetime | None = None,
    reporter_user_id: str | None = None,
    limit: int | None = None,
    until: datetime | None = None,
) -> Sequence[Report]:
    query = select(Report).where(Report.team_id == team_id)
    if client_id is not None:
        query = query.where(Report.client_id == client_id)
    if since is not None:
        query = query.where(Report.created_at >= since)
    if until is not None:
        query = query.where(Report.created_at < until)
    if reporter_user_id is not None:
        query = query.where(Report.reporter_user_id == reporter_user_id)
    query = query.order_by(Report.created_at.desc(), Report.id.desc())
    if limit is not None:
        query = query.limit(limit)
    return session.scalars(query).all()


def report_counts(session: Session, *, team_id: str, known_before: datetime, split: datetime
                  ) -> list[tuple[int, str, date, int, int]]:
    """Reports known before `known_before`, counted per (client id, severity, day it happened): those
    known before `split` and those that became known from `split` on."""
    earlier = func.count().filter(Report.created_at < split)
    later = func.count().filter(Report.created_at >= split)
    query = (select(Report.client_id, Report.severity, Report.occurred_on, earlier, later)
             .where(Report.team_id == team_id, Report.created_at < known_before)
             .group_by(Report.client_id, Report.severity, Report.occurred_on))
    return session.execute(query).all()  # type: ignore[return-value]  # rows unpack like tuples
