"""app_uninstalled and tokens_revoked: forget the workspace's tokens (multi-workspace mode)."""

from __future__ import annotations

import logging

from bot.deps import Deps
from storage.teams import clear_bot_tokens

log = logging.getLogger(__name__)


def handle_app_uninstalled(context: dict) -> None:
    deps: Deps = context["deps"]
    if deps.installations is None:
        log.info("app_uninstalled in single-workspace mode: remove SLACK_BOT_TOKEN from the environment")
        return
    deps.installations.delete_all(enterprise_id=context.get("enterprise_id"), team_id=context.get("team_id"))
    with deps.session_factory.begin() as session:
        clear_bot_tokens(session, team_id=context.get("team_id") or "")


def handle_tokens_revoked(event: dict, context: dict) -> None:
    deps: Deps = context["deps"]
    if deps.installations is None:
        return
    enterprise_id, team_id = context.get("enterprise_id"), context.get("team_id")
    tokens = event.get("tokens") or {}
    for user_id in tokens.get("oauth") or []:
        deps.installations.delete_installation(enterprise_id=enterprise_id, team_id=team_id, user_id=user_id)
    if tokens.get("bot"):
        deps.installations.delete_bot(enterprise_id=enterprise_id, team_id=team_id)
        with deps.session_factory.begin() as session:
            clear_bot_tokens(session, team_id=team_id or "")
