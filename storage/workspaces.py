"""Queries for workspaces: their own settings, and which installed workspaces still have a bot token."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from storage.models.slack import bots
from storage.models.workspaces import TEAM_FIELDS, WorkspaceSettings


def get_overrides(session: Session, *, team_id: str) -> dict[str, str]:
    """The fields this workspace sets itself (field → stored text); {} when it sets none."""
    row = session.scalar(select(WorkspaceSettings).where(WorkspaceSettings.team_id == team_id))
    if row is None:
        return {}
    return {name: value for name in TEAM_FIELDS if (value := getattr(row, name)) is not None}


def save_overrides(session: Session, *, team_id: str, values: Mapping[str, str | None]) -> WorkspaceSettings:
    """Set (text) or clear (None: back to the global setting) some of a workspace's fields."""
    unknown = set(values) - set(TEAM_FIELDS)
    if unknown:
        raise ValueError(f"not a per-workspace setting: {', '.join(sorted(unknown))}")
    row = session.scalar(select(WorkspaceSettings).where(WorkspaceSettings.team_id == team_id))
    if row is None:
        row = WorkspaceSettings(team_id=team_id)
        session.add(row)
    for name, value in values.items():
        setattr(row, name, value)
    session.flush()
    return row


def installed_bot_tokens(session: Session, *, client_id: str) -> dict[str, str]:
    """team id → bot token of every workspace that installed the app (OAuth client `client_id`)
    and still has a token: the newest installation's, as slack_sdk's `find_bot` picks it.

    Uninstalling and revoking delete a workspace's slack_bots rows, so it drops out of this list.
    Org-wide (Enterprise Grid) installs have no team id and are not listed.
    """
    rows = session.execute(
        select(bots.c.team_id, bots.c.bot_token)
        .where(bots.c.client_id == client_id, bots.c.team_id.is_not(None), bots.c.bot_token.is_not(None))
        .order_by(bots.c.team_id, bots.c.installed_at.desc(), bots.c.id.desc())
    ).all()
    tokens: dict[str, str] = {}
    for team_id, token in rows:
        tokens.setdefault(team_id, token)
    return tokens
