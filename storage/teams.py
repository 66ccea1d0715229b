"""Per-workspace data: revoking a workspace's tokens and deleting everything it owns."""

from __future__ import annotations

from sqlalchemy import delete, update
from sqlalchemy.orm import Session

from storage.models import Base
from storage.models.slack import installations


def clear_bot_tokens(session: Session, *, team_id: str) -> int:
    """Blank the copy of the bot token slack_sdk keeps on each installation row.

    slack_sdk's `delete_bot` removes the slack_bots rows only; an installation row still
    holds `bot_token`, and Bolt's authorize may read it. A revoked token must be gone.
    """
    result = session.execute(
        update(installations)
        .where(installations.c.team_id == team_id)
        .values(bot_token=None, bot_refresh_token=None, bot_token_expires_at=None)
    )
    return result.rowcount or 0


def delete_team_data(session: Session, *, team_id: str) -> dict[str, int]:
    """Delete every row of every table that has a team_id, children before parents.

    Returns rows deleted per table. Tables added by later features are covered
    without changes here, as long as they carry a team_id column.
    """
    deleted: dict[str, int] = {}
    for table in reversed(Base.metadata.sorted_tables):
        if "team_id" in table.c:
            count = session.execute(delete(table).where(table.c.team_id == team_id)).rowcount or 0
            if count:
                deleted[table.name] = count
    return deleted
