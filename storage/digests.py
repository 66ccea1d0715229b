"""Queries for weekly digest runs: claim, mark posting, mark sent or failed (see models/digests.py).

Every state change is one conditional UPDATE (or the INSERT the unique key
lets only one process win) whose row count says whether this process won.
The caller commits right after each step, so other processes see it.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy import or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from storage.models import DigestRun


class RunStatus(StrEnum):
    CLAIMED = "claimed"
    POSTING = "posting"
    SENT = "sent"
    FAILED = "failed"
    SKIPPED = "skipped"


def get_run(session: Session, *, team_id: str, week: str) -> DigestRun | None:
    return session.scalar(select(DigestRun).where(DigestRun.team_id == team_id, DigestRun.week == week))


def list_runs(session: Session, *, team_id: str, limit: int = 10) -> Sequence[DigestRun]:
    return session.scalars(
        select(DigestRun).where(DigestRun.team_id == team_id).order_by(DigestRun.week.desc()).limit(limit)
    ).all()


def _insert(session: Session, run: DigestRun) -> bool:
    """INSERT in a savepoint; False when another process already holds (team, week)."""
    try:
        with session.begin_nested():
            session.add(run)
        return True
    except IntegrityError:
        return False


def claim_run(
    session: Session, *, team_id: str, week: str, holder: str, now: datetime, lease: timedelta,
    revive_skipped: bool = False,
) -> DigestRun | None:
    """Claim the week's run for `holder`, or None when another process has it (or it is done).

    Wins when no row exists yet, when the last attempt failed (Slack refused it),
    or when a claim's lease expired before its holder started posting. A row in
    `posting` or `sent` is never claimed again; `skipped` only with revive_skipped.
    """
    lease_until = now + lease
    run = DigestRun(team_id=team_id, week=week, status=RunStatus.CLAIMED, holder=holder,
                    lease_until=lease_until, attempts=1)
    if _insert(session, run):
        return run
    reclaimable = [DigestRun.status == RunStatus.FAILED,
                   (DigestRun.status == RunStatus.CLAIMED) & (DigestRun.lease_until < now)]
    if revive_skipped:
        reclaimable.append(DigestRun.status == RunStatus.SKIPPED)
    won = session.execute(
        update(DigestRun)
        .where(DigestRun.team_id == team_id, DigestRun.week == week, or_(*reclaimable))
        .values(status=RunStatus.CLAIMED, holder=holder, lease_until=lease_until,
                attempts=DigestRun.attempts + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if won != 1:
        return None
    found = get_run(session, team_id=team_id, week=week)
    session.refresh(found)  # type: ignore[arg-type]
    return found


def _step(session: Session, run_id: int, *, holder: str, expected: RunStatus, **values: object) -> bool:
    changed = session.execute(
        update(DigestRun)
        .where(DigestRun.id == run_id, DigestRun.holder == holder, DigestRun.status == expected)
        .values(**values)
        .execution_options(synchronize_session=False)
    ).rowcount
    return changed == 1


def mark_posting(session: Session, run_id: int, *, holder: str, now: datetime) -> bool:
    """Claimed → posting, just before chat.postMessage. False: the claim was lost (lease taken over)."""
    return _step(session, run_id, holder=holder, expected=RunStatus.CLAIMED, status=RunStatus.POSTING,
                 updated_at=now)


def mark_sent(session: Session, run_id: int, *, holder: str, now: datetime, channel: str, message_ts: str) -> bool:
    return _step(session, run_id, holder=holder, expected=RunStatus.POSTING, status=RunStatus.SENT, sent_at=now,
                 channel=channel, message_ts=message_ts, error=None, updated_at=now)


def mark_failed(session: Session, run_id: int, *, holder: str, now: datetime, error: str) -> bool:
    """Posting → failed: Slack answered with an error, so it has no message and a retry is safe."""
    return _step(session, run_id, holder=holder, expected=RunStatus.POSTING, status=RunStatus.FAILED,
                 error=error[:2000], updated_at=now)


def record_chart(session: Session, run_id: int, *, file_id: str | None, error: str | None) -> None:
    session.execute(update(DigestRun).where(DigestRun.id == run_id)
                    .values(chart_file_id=file_id, error=error).execution_options(synchronize_session=False))


def record_skipped(session: Session, *, team_id: str, week: str, now: datetime) -> bool:
    """Note that the week's slot passed beyond the grace period (once); False if a row exists."""
    return _insert(session, DigestRun(team_id=team_id, week=week, status=RunStatus.SKIPPED, attempts=0,
                                      error="not sent: the scheduler was not running within the grace period",
                                      created_at=now, updated_at=now))
