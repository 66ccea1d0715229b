"""The "Fill in the ballot" button (staff channel announcement, invitation and reminder DMs)."""

from __future__ import annotations

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.flows import ballots, locales


def handle_vote_button(ack: Ack, body: dict, action: dict, client: WebClient, context: dict) -> None:
    ack()
    deps, user_id, value = context["deps"], body["user"]["id"], action.get("value") or ""
    view = ballots.ballot_view(deps, client, locales.for_user(deps, client, user_id), team_id=context["team_id"],
                               user_id=user_id, poll_id=int(value) if value.isdigit() else None)
    client.views_open(trigger_id=body["trigger_id"], view=view)
