"""Which language to speak: a person's own for what only they see, the workspace's for channel posts."""

from __future__ import annotations

from slack_sdk import WebClient

from bot.deps import Deps
from bot.i18n import Translator, translator


def for_user(deps: Deps, client: WebClient, user_id: str) -> Translator:
    """For modals, ephemeral messages, DMs and App Home: the person's Slack locale, else the workspace's."""
    language = deps.user_languages.language(client, team_id=deps.settings.slack_team_id or "", user_id=user_id)
    return translator(language or deps.settings.language)


def remember(deps: Deps, user: dict) -> None:
    """Keep the language of a users.info profile asked with include_locale for another reason."""
    deps.user_languages.remember(team_id=deps.settings.slack_team_id or "", user=user)


def for_team(deps: Deps) -> Translator:
    """For channel posts (the digest, poll results, alerts) and owners' CLI output: the workspace's LANGUAGE."""
    return translator(deps.settings.language)
