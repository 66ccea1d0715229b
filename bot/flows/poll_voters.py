"""Who may vote in a poll, asked of Slack: the staff channel's members (or POLL_VOTER_IDS), minus
bots, deactivated accounts and guests."""

from __future__ import annotations

from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.errors import UserError
from bot.i18n import N_
from bot.settings import Settings

SLACKBOT = "USLACKBOT"


def is_person(user: dict[str, Any]) -> bool:
    """A full member who can vote: not a bot or app, not deactivated, not a guest."""
    return not (
        user.get("is_bot") or user.get("is_app_user") or user.get("deleted") or user.get("id") == SLACKBOT
        or user.get("is_restricted") or user.get("is_ultra_restricted")
    )


def _candidates(client: WebClient, settings: Settings) -> list[str]:
    if settings.poll_voter_ids:
        return list(settings.poll_voter_ids)
    if not settings.staff_channel:
        raise UserError(N_("Polls need to know who votes: set STAFF_CHANNEL to the staff channel's id "
                           "(or POLL_VOTER_IDS to a list of people) and restart."))
    members: list[str] = []
    try:
        for page in client.conversations_members(channel=settings.staff_channel, limit=200):
            members.extend(page.get("members") or [])
    except SlackApiError as error:
        raise UserError(N_("I can't see who is in {channel} (Slack says {error}): invite me to that channel, or check "
                           "STAFF_CHANNEL.", channel=f"<#{settings.staff_channel}>",
                           error=str(error.response.get("error")))) from None
    return members


def _person(client: WebClient, user_id: str) -> dict[str, Any] | None:
    """Slack's profile of `user_id` (with their locale) if they are a person who may vote."""
    try:
        user = client.users_info(user=user_id, include_locale=True)["user"]
    except SlackApiError as error:
        if error.response.get("error") in ("user_not_found", "user_not_visible"):
            return None
        raise
    return user if is_person(user) else None


def eligible_voters(client: WebClient, settings: Settings) -> list[dict[str, Any]]:
    """Everyone who may vote, in Slack's order, each once: their users.info profiles, locale included."""
    found = (_person(client, u) for u in dict.fromkeys(_candidates(client, settings)))
    return [user for user in found if user is not None]


def may_vote(client: WebClient, settings: Settings, user_id: str) -> bool:
    """Whether someone not invited at the start (joined the channel since) may vote now."""
    return user_id in _candidates(client, settings) and _person(client, user_id) is not None
