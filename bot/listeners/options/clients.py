"""The client type-ahead: answers Slack's options load requests for every client picker."""

from __future__ import annotations

from slack_bolt import Ack
from slack_sdk import WebClient

from bot.flows import clients, locales


def handle_client_options(ack: Ack, body: dict, client: WebClient, context: dict) -> None:
    deps = context["deps"]
    answer = clients.picker_options(deps, team_id=context["team_id"], typed=body.get("value") or "",
                                    t=locales.for_user(deps, client, body["user"]["id"]))
    ack(**answer)
